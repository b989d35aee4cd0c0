import { DateTime } from "luxon";

/**
 * Instants for time-sensitive tests, computed from the current time so the suite passes on any
 * date (also under `faketime`). Slots in the near future are never "expired"
 * (PROMPT_MAX_LATENESS_MINUTES) and still inside the day their window belongs to.
 */

/** The next time the wall clock of `zone` shows hour:minute, strictly after `from`. */
export function nextLocalTime(zone: string, hour: number, minute = 0, from = new Date()): Date {
  const now = DateTime.fromJSDate(from, { zone });
  let at = now.set({ hour, minute, second: 0, millisecond: 0 });
  if (at <= now) at = at.plus({ days: 1 }).set({ hour, minute });
  return at.toJSDate();
}

/**
 * 00:00 UTC of the first Monday after `from` on which every zone has its winter (standard) offset
 * from the day before to the day after: the zone arithmetic of "09:00 Warsaw = 03:00 New York =
 * 17:00 Tokyo" holds that whole day. At most about ten months ahead.
 */
export function nextStandardTimeMonday(zones: Record<string, number>, from = new Date()): Date {
  let day = DateTime.fromJSDate(from, { zone: "UTC" }).startOf("day").plus({ days: 1 });
  for (let i = 0; i < 400; i++, day = day.plus({ days: 1 })) {
    if (day.weekday !== 1) continue;
    const fits = Object.entries(zones).every(([zone, offsetMinutes]) =>
      [-1, 0, 1, 2].every((d) => DateTime.fromMillis(day.plus({ days: d }).toMillis(), { zone }).offset === offsetMinutes),
    );
    if (fits) return day.toJSDate();
  }
  throw new Error("no standard-time Monday within 400 days");
}

/**
 * The local dates ("YYYY-MM-DD") of a zone's daylight-saving changes in `year`: the day its
 * offset moves forward, then the day it moves back.
 */
export function dstChangeDays(zone: string, year: number): { springForward: string; fallBack: string } {
  let springForward: string | undefined;
  let fallBack: string | undefined;
  let day = DateTime.fromObject({ year, month: 1, day: 1 }, { zone });
  while (day.year === year) {
    const next = day.plus({ days: 1 });
    if (next.offset > day.offset) springForward ??= day.toISODate()!;
    if (next.offset < day.offset) fallBack ??= day.toISODate()!;
    day = next;
  }
  if (!springForward || !fallBack) throw new Error(`${zone} has no daylight-saving time in ${year}`);
  return { springForward, fallBack };
}

/** "YYYY-MM-DD" plus `days` (calendar arithmetic in UTC). */
export function addDays(isoDate: string, days: number): string {
  return DateTime.fromISO(isoDate, { zone: "UTC" }).plus({ days }).toISODate()!;
}
