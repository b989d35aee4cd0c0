/**
 * Weekly digest timing, pure: managers get last week's participation on Monday at 09:00 in their
 * own zone. The job runs every few minutes; this decides, per manager, whether it is time.
 */
import { DateTime } from "luxon";
import { addDays, safeZone } from "../time/zones.js";


/** Local minute after midnight the digest goes out (09:00). */
export const DIGEST_MINUTE = 9 * 60;
/**
 * How long after 09:00 a digest may still go out on Monday (default 3 h): a job run missed while
 * workers restarted still delivers it the same morning, but a digest at 18:00 would be noise.
 */
export const DIGEST_GRACE_MINUTES = 180;

export interface DigestDecision {
  due: boolean;
  /** Monday of the week the digest reports on (last week), the once-per-week guard key. */
  weekStart: string;
  /** The manager's local date now. */
  today: string;
}

export function digestDecision(now: Date, tz: string | null | undefined, graceMinutes = DIGEST_GRACE_MINUTES): DigestDecision {
  const local = DateTime.fromJSDate(now, { zone: safeZone(tz) });
  const today = local.toISODate()!;
  const minute = local.hour * 60 + local.minute;
  const thisMonday = local.minus({ days: local.weekday - 1 }).toISODate()!;
  const due = local.weekday === 1 && minute >= DIGEST_MINUTE && minute < DIGEST_MINUTE + graceMinutes;
  return { due, weekStart: addDays(thisMonday, -7), today };
}
