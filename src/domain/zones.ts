import { isValidZone } from "./slots.js";

/**
 * Zone validity, memoized: luxon's IANAZone.isValidZone builds an Intl.DateTimeFormat on every
 * call (about 1 ms), and the delivery path asks for every prompt. Zone names are few; the cache is
 * bounded anyway so junk input cannot grow it without limit.
 */
const known = new Map<string, boolean>();
const MAX_CACHED = 5_000;

export function knownZone(tz: string | null | undefined): tz is string {
  if (!tz) return false;
  let valid = known.get(tz);
  if (valid === undefined) {
    valid = isValidZone(tz);
    if (known.size < MAX_CACHED) known.set(tz, valid);
  }
  return valid;
}

/** A zone Slack gave us, if valid; otherwise the fallback (itself checked), else UTC. */
export function zoneOr(tz: string | null | undefined, fallback: string): string {
  if (knownZone(tz)) return tz;
  return knownZone(fallback) ? fallback : "UTC";
}
