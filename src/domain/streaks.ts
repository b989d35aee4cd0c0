/**
 * Streaks, pure. A streak counts consecutive "prompt days" with at least one completion. A prompt
 * day is a day a prompt was delivered to the person OR they completed one (a completion on a
 * channel prompt they had no Delivery for still proves the day). Days with no delivery (weekends,
 * holidays, paused days, days off) are not in the sequence at all, so they neither count nor
 * break a streak. A prompt day without a completion breaks it, except today: the day isn't over.
 */

export interface StreakInput {
  /** Local dates ("YYYY-MM-DD", the person's zone) of their completions; duplicates are fine. */
  completedDates: string[];
  /** Local dates of prompts delivered to them (Delivery rows with status delivered). */
  deliveredDates: string[];
  /** The person's local date now. Dates after it are ignored (clock skew, bad rows). */
  today: string;
}

export interface StreakResult {
  current: number;
  best: number;
}

/** 66 days: the habit-formation figure quoted in seed 001 (Lally et al., 2010). */
export const STREAK_MILESTONES = [5, 10, 21, 66] as const;

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function computeStreak(input: StreakInput): StreakResult {
  const { today } = input;
  // ISO dates sort lexicographically; malformed strings are dropped rather than trusted.
  const valid = (d: string) => LOCAL_DATE.test(d) && d <= today;
  const completed = new Set(input.completedDates.filter(valid));
  const promptDays = [...new Set([...input.deliveredDates.filter(valid), ...completed])].sort();

  let run = 0;
  let best = 0;
  for (const day of promptDays) {
    if (completed.has(day)) {
      run += 1;
      if (run > best) best = run;
    } else if (day !== today) {
      run = 0;
    }
  }
  // The loop ends at the latest prompt day; an uncompleted today was skipped, so `run` is current.
  return { current: run, best };
}

/**
 * Milestones newly reached when a streak grows to `current`, given the best streak the person had
 * before. A milestone already passed once (previousBest ≥ it) is not celebrated again.
 */
export function milestonesReached(previousBest: number, current: number): number[] {
  return STREAK_MILESTONES.filter((m) => m > previousBest && m <= current);
}
