/**
 * Engine tests that run slots "now" (not on a fixed date) need a zone where now is the middle of
 * the day, so a window from 00:00 to 24:00 is hours away on both sides whatever the real time is.
 */

/** A fixed-offset IANA zone (Etc/GMT±N) where the current hour is about noon. */
export function zoneWhereItIsNoon(now = new Date()): string {
  const k = 12 - now.getUTCHours(); // local = UTC + k, k in -11..12
  if (k === 0) return "Etc/GMT";
  // Etc/GMT signs are inverted: Etc/GMT-3 is UTC+3.
  return k > 0 ? `Etc/GMT-${k}` : `Etc/GMT+${-k}`;
}

/** The latest quarter-hour boundary at or before `now`: a slot of a 15-minute schedule from 00:00. */
export function currentQuarterSlot(now = new Date()): Date {
  return new Date(Math.floor(now.getTime() / 900_000) * 900_000);
}
