import { problem, type Problem } from "./problem.js";
import { formatClock, parseClock } from "./slots.js";

/** Most fixed times (`at …`) a schedule may have in a day: one an hour on average. */
export const MAX_TIMES_PER_DAY = 24;

/**
 * The problem with a list of fixed times ("HH:MM"), or null: more than MAX_TIMES_PER_DAY, or two
 * closer together than the minimum interval (the same floor `every` has, so `at` cannot be used
 * to post a prompt every minute). Unreadable times are left to the caller's own message.
 */
export function fixedTimesProblem(times: readonly string[], minIntervalMinutes: number): Problem | null {
  const minutes = [...new Set(times.map(parseClock).filter((m): m is number => m !== null))].sort((a, b) => a - b);
  if (minutes.length > MAX_TIMES_PER_DAY) {
    return problem("tooManyTimes", { count: minutes.length, max: MAX_TIMES_PER_DAY });
  }
  for (let i = 1; i < minutes.length; i += 1) {
    const gap = minutes[i]! - minutes[i - 1]!;
    if (gap < minIntervalMinutes) {
      return problem("timesTooClose", { first: formatClock(minutes[i - 1]!), second: formatClock(minutes[i]!), gap, min: minIntervalMinutes });
    }
  }
  return null;
}
