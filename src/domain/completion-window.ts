import { DateTime } from "luxon";
import { isValidZone, localDate } from "../time/zones.js";

/**
 * Until when a prompt can be completed by one person, and which of their days it counts for.
 * Pure (luxon only). The rule: a completion counts until the end of that person's working day in
 * their zone; when we do not know their zone, until the end of the prompt's day in the prompt's
 * zone. A prompt that reached someone after their working day ended (a channel prompt at 18:00 for
 * someone who stops at 17:00) stays open until their local midnight, so it is still completable.
 */
export interface CompletionWindowInput {
  /** When the prompt reached people: Prompt.postedAt, else Prompt.slotAt. */
  promptAt: Date;
  /** The person's IANA zone (Member.tz); null or invalid when unknown. */
  memberTz: string | null | undefined;
  /** End of their working day in minutes after local midnight (Member.workEndMinute). */
  workEndMinute: number | null | undefined;
  /** The prompt's zone (Schedule.tz) for people whose zone is unknown. Default UTC. */
  promptTz?: string | null | undefined;
  /** Delivery.localDate when the engine recorded one: it already computed their day. */
  deliveredLocalDate?: string | null | undefined;
}

export interface CompletionWindow {
  /** The person's calendar day of the prompt ("YYYY-MM-DD"): Completion.localDate. */
  localDate: string;
  /** Completions at or after this instant are late and ignored. */
  closesAt: Date;
  /** The zone used. */
  tz: string;
}

/**
 * Memo of recent windows. Deterministic in its inputs, and the reaction hot path asks the same
 * question (same prompt, same kind of person) over and over: luxon's zone maths was the biggest
 * CPU cost per event before this.
 */
const windows = new Map<string, CompletionWindow>();
const MAX_MEMO = 10_000;

export function completionWindow(input: CompletionWindowInput): CompletionWindow {
  const key = `${input.promptAt.getTime()}|${input.memberTz ?? ""}|${input.workEndMinute ?? ""}|${input.promptTz ?? ""}|${input.deliveredLocalDate ?? ""}`;
  let window = windows.get(key);
  if (!window) {
    window = computeWindow(input);
    if (windows.size >= MAX_MEMO) windows.clear();
    windows.set(key, window);
  }
  return window;
}

function computeWindow(input: CompletionWindowInput): CompletionWindow {
  const knowsPerson = isValidZone(input.memberTz);
  const tz = knowsPerson ? (input.memberTz as string) : isValidZone(input.promptTz) ? (input.promptTz as string) : "UTC";
  const promptLocal = DateTime.fromJSDate(input.promptAt, { zone: tz });
  const localDate = isLocalDate(input.deliveredLocalDate) ? input.deliveredLocalDate : (promptLocal.toISODate() as string);
  const dayStart = DateTime.fromISO(localDate, { zone: tz }).startOf("day");
  const midnight = dayStart.plus({ days: 1 });

  let closes = midnight;
  const end = input.workEndMinute;
  if (knowsPerson && typeof end === "number" && end > 0 && end < 24 * 60) {
    // Wall-clock time, not "minutes after midnight" of elapsed time: on a DST day they differ.
    const workEnd = dayStart.set({ hour: Math.floor(end / 60), minute: end % 60 });
    // Only when the prompt arrived inside their day: otherwise they could never complete it.
    if (workEnd > promptLocal) closes = workEnd;
  }
  return { localDate, closesAt: closes.toJSDate(), tz };
}

/** Monday of the ISO week and first day of the month containing `localDate`. */
export function weekAndMonthStart(localDate: string): { weekStart: string; monthStart: string } {
  const day = DateTime.fromISO(localDate, { zone: "UTC" });
  return { weekStart: day.startOf("week").toISODate() as string, monthStart: day.startOf("month").toISODate() as string };
}

function isLocalDate(value: string | null | undefined): value is string {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);
}
