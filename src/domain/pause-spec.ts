/**
 * `/stretch pause …` and `/stretch resume …`. Pure.
 *
 * - `pause 2h`, `pause 30m`, `pause 1.5h`, `pause 2d`, `pause today` (until local midnight),
 *   `pause` alone (= today): holds the caller's own DM prompts. Channel prompts keep going, for
 *   the others in the channel.
 * - `pause channel 2h` / `pause channel today`: holds this channel's schedules (the channel post
 *   and the members' DMs), for people who may change them.
 * - `resume` / `resume channel`: the same two scopes, ending the pause now.
 */
import { DateTime } from "luxon";
import { problem, type Problem } from "./problem.js";
import { quote } from "./schedule-words.js";

export type PauseScope = "me" | "channel";
export type PauseLength = { kind: "today" } | { kind: "minutes"; minutes: number };

export type PauseSpec = { ok: true; scope: PauseScope; length: PauseLength } | { ok: false; problem: Problem };
export type ResumeSpec = { ok: true; scope: PauseScope } | { ok: false; problem: Problem };

/** Longest pause: beyond two weeks people should turn the schedule off instead. */
export const MAX_PAUSE_MINUTES = 14 * 24 * 60;

const CHANNEL_WORDS = new Set(["channel", "here", "chan", "team", "everyone"]);
const ME_WORDS = new Set(["me", "my", "mine", "dm", "dms", "myself"]);
const TODAY_WORDS = new Set(["today", "day", "rest-of-today", "tonight", "eod"]);
const FILLER = new Set(["for", "the", "of", "rest", "until", "till", "a", "please"]);

function readPauseMinutes(word: string): number | null {
  const m = /^(\d{1,4}(?:[.,]\d{1,2})?)(m|mins?|minutes?|h|hrs?|hours?|d|days?)?$/.exec(word.toLowerCase());
  if (!m) return null;
  const n = Number(m[1]!.replace(",", "."));
  const unit = m[2] ?? "m";
  return Math.round(n * (unit.startsWith("d") ? 1440 : unit.startsWith("h") ? 60 : 1));
}

const words = (text: string) =>
  text
    .toLowerCase()
    .replace(/(\d(?:[.,]\d+)?)\s+(m|mins?|minutes?|h|hrs?|hours?|d|days?)\b/g, "$1$2")
    .replace(/\brest of (the )?day\b/g, "today")
    .split(/\s+/)
    .filter(Boolean);

export const PAUSE_EXAMPLE = "/stretch pause 2h";

export function parsePause(text: string): PauseSpec {
  let scope: PauseScope = "me";
  let length: PauseLength | undefined;
  for (const word of words(text)) {
    const minutes = readPauseMinutes(word);
    if (CHANNEL_WORDS.has(word)) scope = "channel";
    else if (ME_WORDS.has(word)) scope = "me";
    else if (TODAY_WORDS.has(word)) length = { kind: "today" };
    else if (minutes !== null) {
      if (minutes < 1 || minutes > MAX_PAUSE_MINUTES) return { ok: false, problem: problem("pauseRange", { word: quote(word) }) };
      length = { kind: "minutes", minutes };
    } else if (!FILLER.has(word)) {
      return { ok: false, problem: problem("pauseUnknown", { word: quote(word) }) };
    }
  }
  return { ok: true, scope, length: length ?? { kind: "today" } };
}

export function parseResume(text: string): ResumeSpec {
  let scope: PauseScope = "me";
  for (const word of words(text)) {
    if (CHANNEL_WORDS.has(word)) scope = "channel";
    else if (ME_WORDS.has(word)) scope = "me";
    else if (!FILLER.has(word)) return { ok: false, problem: problem("resumeUnknown", { word: quote(word) }) };
  }
  return { ok: true, scope };
}

/** When a pause of this length, starting now, ends ("today" = the next local midnight in tz). */
export function pauseEnd(length: PauseLength, now: Date, tz: string): Date {
  if (length.kind === "minutes") return new Date(now.getTime() + length.minutes * 60_000);
  return DateTime.fromJSDate(now, { zone: tz }).plus({ days: 1 }).startOf("day").toJSDate();
}
