/**
 * Calendar arithmetic on local dates ("YYYY-MM-DD") for boards, reports and digests. Pure.
 *
 * Delivery and Completion rows carry `localDate`, each person's own calendar day, so periods are
 * ranges of local dates rather than instants: "this week" means the same Monday–Sunday for a
 * person in Tokyo and one in Denver, whatever the viewer's zone. Rolling board periods ("last 7
 * days") are counted back from each person's own today, never from the viewer's (periodDays).
 */
import { DateTime } from "luxon";
import { addDays, isoWeekday, safeZone } from "../time/zones.js";

/** The Monday of the ISO week holding `date` (same as Postgres date_trunc('week', …)). */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** The Mondays of the last `count` weeks, oldest first, ending with the week holding `today`. */
export function weekStarts(today: string, count: number): string[] {
  const last = mondayOf(today);
  return Array.from({ length: count }, (_, i) => addDays(last, -7 * (count - 1 - i)));
}

export type BoardPeriod = "week" | "month" | "all";

/**
 * How many local days a board period spans, up to and including today (undefined = all time).
 * Boards apply it to each person's own today (ParticipationRepository OwnDays), not the viewer's.
 */
export function periodDays(period: BoardPeriod): { days?: number } {
  if (period === "week") return { days: 7 };
  if (period === "month") return { days: 30 };
  return {};
}

/** "Nov 16" for a local date (week labels). */
export function shortDate(date: string): string {
  return DateTime.fromISO(date, { zone: "UTC" }).toFormat("LLL d");
}

/** End of the local day holding `now` in `tz` (the instant the next day starts): "snooze for today". */
export function endOfLocalDay(now: Date, tz: string | null | undefined): Date {
  return DateTime.fromJSDate(now, { zone: safeZone(tz) }).startOf("day").plus({ days: 1 }).toJSDate();
}
