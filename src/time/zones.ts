/**
 * Time zones and local calendar dates: the one place for "is this a zone", "which zone do we use"
 * and "what day is it there". Pure (callers pass the instant); see clock.ts for "now".
 *
 * Slack gives every person a zone name; a missing or unknown one (a renamed zone, junk in a test
 * payload) falls back to UTC everywhere, so a bad zone never stops a prompt or a report.
 */
import { LRUCache } from "lru-cache";
import { IANAZone } from "luxon";

/** The longest zone name we accept; real IANA names are under 40 characters. */
const MAX_ZONE_NAME = 64;

/**
 * Zone validity, remembered: luxon's IANAZone.isValidZone builds an Intl.DateTimeFormat on every
 * call, and the delivery path asks for every prompt. Zone names are few; lru-cache bounds the
 * memory so junk input cannot grow it.
 */
const validity = new LRUCache<string, boolean>({ max: 1_000 });

export function isValidZone(tz: string | null | undefined): tz is string {
  if (typeof tz !== "string" || tz.length === 0 || tz.length > MAX_ZONE_NAME) return false;
  let valid = validity.get(tz);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(tz);
    validity.set(tz, valid);
  }
  return valid;
}

/** The zone if valid, else UTC. */
export function safeZone(tz: string | null | undefined): string {
  return isValidZone(tz) ? tz : "UTC";
}

/** The zone if valid; otherwise the fallback if that is valid; else UTC. */
export function zoneOr(tz: string | null | undefined, fallback: string | null | undefined): string {
  if (isValidZone(tz)) return tz;
  return safeZone(fallback);
}

/** One formatter per zone: building one costs far more than using it. */
const dayFormats = new LRUCache<string, Intl.DateTimeFormat>({ max: 1_000 });

/** "YYYY-MM-DD": the calendar day of `instant` in `tz` (UTC when the zone is unknown). */
export function localDate(instant: Date, tz: string | null | undefined): string {
  const zone = safeZone(tz);
  let format = dayFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const DAY_MS = 86_400_000;

/** Calendar arithmetic on "YYYY-MM-DD" (no zone: a local date is a day, not an instant). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a local date, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * Etc/GMT-14 is UTC+14 (POSIX signs are inverted), the zone furthest ahead: its date is the newest
 * calendar day anywhere on Earth now. A row dated after it is junk, never "a zone already there".
 */
const FURTHEST_AHEAD = "Etc/GMT-14";

/** The newest local date anywhere now (UTC+14): the upper bound of any row honestly dated now. */
export function newestDateAnywhere(now: Date): string {
  return localDate(now, FURTHEST_AHEAD);
}

/**
 * A person's "today" on the boards, streaks and stats: their own zone's date, or later if their rows
 * already carry a later date. Rows are dated when written, in the zone the product knew then
 * (engine: Member.tz, else the schedule's zone, else UTC), and a date is never written before it
 * has begun in that zone, so a row's date has begun for this person. Without the floor, a person
 * with no known zone (judged in UTC) whose prompts come from a Warsaw schedule lost their newest
 * day every evening 23:00–24:00 UTC: it looked like "the future". The same holds for someone
 * whose zone became known (or changed westwards) after rows were dated in another zone.
 * `newestRowDate` must already be capped by newestDateAnywhere (junk dates never move today).
 */
export function personToday(zoneToday: string, newestRowDate: string | null | undefined): string {
  return newestRowDate && newestRowDate > zoneToday ? newestRowDate : zoneToday;
}
