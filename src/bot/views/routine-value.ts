/**
 * What a routine's buttons carry, so "Another one" and "Share" can rebuild it without storage:
 * the request text, the seed and the exercise ids shown. Slack caps a button value at 2000 chars.
 */
export interface RoutineValue {
  /** Request text (≤ 200 chars). */
  t: string;
  /** Seed the routine was built from. */
  s: string;
  /** Exercise ids shown. */
  ids: string[];
}

export const MAX_REQUEST_TEXT_IN_VALUE = 200;

export function encodeRoutineValue(value: RoutineValue): string {
  return JSON.stringify({ ...value, t: value.t.slice(0, MAX_REQUEST_TEXT_IN_VALUE) });
}

/** Undefined for anything that is not a value we wrote (old or tampered buttons). */
export function decodeRoutineValue(raw: string | undefined): RoutineValue | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<RoutineValue>;
    if (typeof v.t !== "string" || typeof v.s !== "string" || !Array.isArray(v.ids)) return undefined;
    return { t: v.t, s: v.s, ids: v.ids.filter((id): id is string => typeof id === "string").slice(0, 30) };
  } catch {
    return undefined;
  }
}
