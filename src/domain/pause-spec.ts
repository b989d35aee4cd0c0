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
import { durationReader, durationUnitPattern } from "../exercises/keywords.js";
import { invalidWithExample, problem, type InvalidWithExample } from "./problem.js";
import { quote } from "./schedule-words.js";

export type PauseScope = "me" | "channel";
export type PauseLength = { kind: "today" } | { kind: "minutes"; minutes: number };

export type PauseSpec = { kind: "pause"; scope: PauseScope; length: PauseLength } | InvalidWithExample;
export type ResumeSpec = { kind: "resume"; scope: PauseScope } | InvalidWithExample;

/** Longest pause: beyond two weeks people should turn the schedule off instead. */
export const MAX_PAUSE_MINUTES = 14 * 24 * 60;

const CHANNEL_WORDS = new Set(["channel", "here", "chan", "team", "everyone"]);
const ME_WORDS = new Set(["me", "my", "mine", "dm", "dms", "myself"]);
const TODAY_WORDS = new Set(["today", "day", "rest-of-today", "tonight", "eod"]);
const FILLER = new Set(["for", "the", "of", "rest", "until", "till", "a", "please"]);

/** A pause is counted in minutes, hours or days (the keyword table's units; a bare number is minutes). */
const PAUSE_UNITS = ["d", "h", "m"] as const;
const readPauseSeconds = durationReader(PAUSE_UNITS);
function readPauseMinutes(word: string): number | null {
  const seconds = readPauseSeconds(word);
  return seconds === null ? null : Math.round(seconds / 60);
}
/** "2 h", "90 min" → "2h", "90min": one word each. */
const SPACED_DURATION = new RegExp(`(\\d(?:[.,]\\d+)?)\\s+(${durationUnitPattern(PAUSE_UNITS)})\\b`, "g");

const words = (text: string) =>
  text
    .toLowerCase()
    .replace(SPACED_DURATION, "$1$2")
    .replace(/\brest of (the )?day\b/g, "today")
    .split(/\s+/)
    .filter(Boolean);

export const PAUSE_EXAMPLE = "/stretch pause 2h";
export const RESUME_EXAMPLE = "/stretch resume";

export function parsePause(text: string): PauseSpec {
  let scope: PauseScope = "me";
  let length: PauseLength | undefined;
  for (const word of words(text)) {
    const minutes = readPauseMinutes(word);
    if (CHANNEL_WORDS.has(word)) scope = "channel";
    else if (ME_WORDS.has(word)) scope = "me";
    else if (TODAY_WORDS.has(word)) length = { kind: "today" };
    else if (minutes !== null) {
      if (minutes < 1 || minutes > MAX_PAUSE_MINUTES) return invalidWithExample(problem("pauseRange", { word: quote(word) }), PAUSE_EXAMPLE);
      length = { kind: "minutes", minutes };
    } else if (!FILLER.has(word)) {
      return invalidWithExample(problem("pauseUnknown", { word: quote(word) }), PAUSE_EXAMPLE);
    }
  }
  return { kind: "pause", scope, length: length ?? { kind: "today" } };
}

export function parseResume(text: string): ResumeSpec {
  let scope: PauseScope = "me";
  for (const word of words(text)) {
    if (CHANNEL_WORDS.has(word)) scope = "channel";
    else if (ME_WORDS.has(word)) scope = "me";
    else if (!FILLER.has(word)) return invalidWithExample(problem("resumeUnknown", { word: quote(word) }), RESUME_EXAMPLE);
  }
  return { kind: "resume", scope };
}

/** When a pause of this length, starting now, ends ("today" = the next local midnight in tz). */
export function pauseEnd(length: PauseLength, now: Date, tz: string): Date {
  if (length.kind === "minutes") return new Date(now.getTime() + length.minutes * 60_000);
  return DateTime.fromJSDate(now, { zone: tz }).plus({ days: 1 }).startOf("day").toJSDate();
}
