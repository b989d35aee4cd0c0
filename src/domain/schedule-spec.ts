/**
 * Understands the text after `/stretch schedule`. Pure. Options come in any order; what was not
 * typed keeps its stored value on an update (see mergeSettings), so `/stretch schedule area neck`
 * changes only the area. Problems name each issue in plain words and come with an example.
 */
import { editDistance } from "../exercises/request-parser.js";
import { MAX_BUDGET_SECONDS, MIN_BUDGET_SECONDS } from "../exercises/routine-builder.js";
import type { BodyArea } from "../exercises/types.js";
import { fixedTimesProblem } from "./fixed-times.js";
import { MAX_COMMAND_TEXT, tooLongMessage } from "./input-limits.js";
import { formatClock, parseClock, type SlotRule } from "./slots.js";
import {
  quote,
  readArea,
  readClock,
  readDays,
  readDurationSeconds,
  readWindow,
  readZone,
  ROTATE_WORDS,
  suggestZone,
  WHOLE_DAY,
} from "./schedule-words.js";

export type ScheduleTarget = "channel" | "members" | "dm";
export type ScheduleOption = "every" | "times" | "window" | "days" | "tz" | "area" | "length" | "seated";

/** Everything a schedule says about its prompts (the time zone lives beside it). */
export interface ScheduleSettings extends SlotRule {
  /** One body area, or null to rotate through the areas over the day. */
  area: BodyArea | null;
  lengthSeconds: number;
  seatedOnly: boolean;
}

export interface ScheduleSpec extends ScheduleSettings {
  target: ScheduleTarget;
  /** `/stretch schedule off`: turn the target's schedule off. */
  off: boolean;
  /** Only when typed; otherwise the stored zone or the creator's Slack zone. */
  tz?: string;
  /** The options the person typed; the other fields hold defaults. */
  provided: ScheduleOption[];
}

export type ScheduleSpecResult = { ok: true; spec: ScheduleSpec } | { ok: false; problems: string[]; example: string };

/** A new schedule without options: every hour, 09:00-17:00, weekdays, rotating areas, 3 minutes. */
export const DEFAULT_SETTINGS: Readonly<ScheduleSettings> = Object.freeze({
  intervalMinutes: 60,
  times: [],
  windowStartMinute: 9 * 60,
  windowEndMinute: 17 * 60,
  days: [1, 2, 3, 4, 5],
  area: null,
  lengthSeconds: 180,
  seatedOnly: false,
});

const MAX_INTERVAL_MINUTES = 24 * 60;
const MAX_WORDS = 40;
const MAX_UNKNOWN_REPORTED = 5;

const TARGET_WORDS: Readonly<Record<string, ScheduleTarget>> = {
  channel: "channel",
  here: "channel",
  members: "members",
  member: "members",
  everyone: "members",
  dm: "dm",
  dms: "dm",
  me: "dm",
  personal: "dm",
  mine: "dm",
};
const OFF_WORDS = new Set(["off", "stop", "disable", "cancel", "delete", "remove", "none"]);
const FILLER = new Set(["on", "days", "window", "from", "between", "during", "and", "a", "the", "prompts", "prompt", "please", "in"]);
const BARE_AREA_WORDS = new Set(["neck", "shoulders", "shoulder", "hips", "hip", "legs", "core", "glutes", "lumbar", "thoracic"]);
const KEYWORDS = ["every", "at", "tz", "timezone", "area", "length", "seated", "standing", "weekdays", "weekends", "daily", "rotate", "members", "dm", "off"];

export function exampleFor(target: ScheduleTarget = "channel"): string {
  if (target === "members") return "/stretch schedule members every 60m 09:00-17:00 weekdays";
  if (target === "dm") return "/stretch schedule dm every 90m 9am-5pm mon,wed,fri";
  return "/stretch schedule every 60m 09:00-17:00 mon-fri";
}

/** Spacing people use ("mon - fri", "9 am", "90 min", "9 to 5", "every hour") made into single words. */
function normalize(text: string): string {
  return ` ${text.normalize("NFKC")} `
    .replace(/[\u2012-\u2015\u2212]/g, "-")
    .replace(/\b([ap])\.m\.?/gi, "$1m")
    .replace(/\s+(?:to|until|till|through|thru)\s+/gi, "-")
    .replace(/\s*([,-])\s*/g, "$1")
    .replace(/(\d)\s+(am|pm)\b/gi, "$1$2")
    .replace(/(\d(?:[.,]\d+)?)\s+(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)\b/gi, "$1$2")
    .replace(/\bevery\s+(?:single\s+)?day\b/gi, "daily")
    .replace(/\bevery\s+half\s+(?:an\s+)?hour\b/gi, "every 30m")
    .replace(/\bevery\s+hour\b|\bhourly\b/gi, "every 60m")
    .replace(/\btime\s+zone\b/gi, "tz")
    .trim();
}

/** A comma list of clock times ("10:00,11:30,3pm") → "HH:MM" strings; null if any is not a time. */
function readTimes(word: string, strict: boolean): string[] | null {
  const parts = word.split(",").filter(Boolean);
  if (parts.length === 0) return null;
  const out: string[] = [];
  for (const part of parts) {
    // Without `at`, only unmistakable times ("10:00", "3pm"): a bare "10" could be anything.
    if (strict && !/[:.]|am$|pm$|^noon$/i.test(part)) return null;
    const m = readClock(part);
    if (m === null) return null;
    out.push(formatClock(m));
  }
  return out;
}

interface Draft extends Partial<ScheduleSettings> {
  target?: ScheduleTarget;
  off?: boolean;
  tz?: string;
  window?: { start: number; end: number };
}

export function parseScheduleSpec(text: string, minIntervalMinutes: number): ScheduleSpecResult {
  if (text.length > MAX_COMMAND_TEXT) return { ok: false, problems: [tooLongMessage(MAX_COMMAND_TEXT)], example: exampleFor() };
  const words = normalize(text).split(/\s+/).filter(Boolean);
  const draft: Draft = {};
  const provided = new Set<ScheduleOption>();
  const problems: string[] = [];
  const unknown: string[] = [];
  if (words.length > MAX_WORDS) {
    return { ok: false, problems: [`That is more than I can read at once (${MAX_WORDS} words at most).`], example: exampleFor() };
  }
  const set = <K extends ScheduleOption>(option: K, apply: () => void, label: string) => {
    if (provided.has(option)) problems.push(`You gave ${label} twice; keep one.`);
    provided.add(option);
    apply();
  };

  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const lower = word.toLowerCase();
    const next = words[i + 1];
    const target = TARGET_WORDS[lower];
    if (target) {
      if (draft.target && draft.target !== target) problems.push(`Pick one of \`members\`, \`dm\` or the channel, not both \`${draft.target}\` and \`${target}\`.`);
      draft.target = target;
    } else if (OFF_WORDS.has(lower)) {
      draft.off = true;
    } else if (lower === "every") {
      const days = next ? readDays(next) : null;
      const seconds = next ? readDurationSeconds(next) : null;
      if (days) {
        set("days", () => (draft.days = days), "days");
        i++;
      } else if (seconds === null) {
        problems.push("`every` needs how often, like `every 60m`, `every 90 min` or `every 1.5h`.");
      } else {
        i++;
        if (seconds % 60 !== 0 || seconds === 0) problems.push(`\`every ${quote(next!)}\` is not a whole number of minutes.`);
        set("every", () => (draft.intervalMinutes = Math.round(seconds / 60)), "`every`");
      }
    } else if (lower === "at" || lower === "times") {
      const times: string[] = [];
      while (i + 1 < words.length) {
        const read = readTimes(words[i + 1]!, false);
        if (!read) break;
        times.push(...read);
        i++;
      }
      if (times.length === 0) problems.push("`at` needs times, like `at 10:00,11:30,15:00` or `at 9am,3pm`.");
      else set("times", () => (draft.times = times), "`at`");
    } else if (["tz", "timezone", "zone"].includes(lower)) {
      i++;
      if (!next) {
        problems.push("`tz` needs a time zone name, like `tz Europe/Warsaw` or `tz America/New_York`.");
        continue;
      }
      const zone = readZone(next);
      if (zone) set("tz", () => (draft.tz = zone), "a time zone");
      else problems.push(zoneProblem(next));
    } else if (["area", "areas", "focus"].includes(lower)) {
      const two = words[i + 2] ? readArea(`${next} ${words[i + 2]}`) : null;
      if (two && !readArea(next ?? "")) {
        set("area", () => (draft.area = two), "an area");
        i += 2;
      } else if (next && ROTATE_WORDS.has(next.toLowerCase())) {
        set("area", () => (draft.area = null), "an area");
        i++;
      } else if (next && readArea(next)) {
        const area = readArea(next)!;
        set("area", () => (draft.area = area), "an area");
        i++;
      } else {
        problems.push(`\`area\` needs a body area (neck, shoulders, upper back, lower back, hips, legs, core) or \`rotate\`${next ? `; I don't know \`${quote(next)}\`` : ""}.`);
        if (next) i++;
      }
    } else if (["for", "lasting"].includes(lower) && (!next || readDurationSeconds(next) === null)) {
      // "for" is also plain English ("for members"): a keyword only before a duration.
    } else if (["length", "len", "duration", "lasting", "for"].includes(lower)) {
      const seconds = next ? readDurationSeconds(next) : null;
      if (seconds === null) {
        problems.push("`length` needs a duration, like `length 3m` or `length 90s`.");
      } else {
        i++;
        if (seconds < MIN_BUDGET_SECONDS || seconds > MAX_BUDGET_SECONDS) {
          problems.push(`A stretch can last from ${MIN_BUDGET_SECONDS} seconds to ${MAX_BUDGET_SECONDS / 60} minutes; \`length ${quote(next!)}\` is outside that.`);
        }
        set("length", () => (draft.lengthSeconds = seconds), "`length`");
      }
    } else if (["seated", "sitting", "desk", "chair"].includes(lower)) {
      set("seated", () => (draft.seatedOnly = true), "seated/standing");
    } else if (["standing", "stand", "anywhere"].includes(lower)) {
      set("seated", () => (draft.seatedOnly = false), "seated/standing");
    } else if (ROTATE_WORDS.has(lower) && lower !== "any" && lower !== "all") {
      set("area", () => (draft.area = null), "an area");
    } else if (readWindow(word)) {
      const window = readWindow(word)!;
      set("window", () => (draft.window = window), "a window");
    } else if (readDays(word)) {
      const days = readDays(word)!;
      // Several day words add up: "mon wed fri".
      draft.days = [...new Set([...(draft.days ?? []), ...days])].sort((a, b) => a - b);
      provided.add("days");
    } else if (readTimes(word, true)) {
      set("times", () => (draft.times = readTimes(word, true)!), "times");
    } else if (next && readArea(`${word} ${next}`) && /^(upper|lower|low|mid)$/.test(lower)) {
      set("area", () => (draft.area = readArea(`${word} ${next}`)), "an area");
      i++;
    } else if (BARE_AREA_WORDS.has(lower)) {
      // Without `area`, only exact area words: a typo here is more likely something else.
      set("area", () => (draft.area = readArea(lower)), "an area");
    } else if (word.includes("/") && readZone(word)) {
      set("tz", () => (draft.tz = readZone(word)!), "a time zone");
    } else if (readDurationSeconds(word) !== null) {
      problems.push(`\`${quote(word)}\` on its own: write \`every ${quote(word)}\` for how often, or \`length ${quote(word)}\` for how long a stretch lasts.`);
    } else if (!FILLER.has(lower)) {
      unknown.push(word);
    }
  }

  for (const word of unknown.slice(0, MAX_UNKNOWN_REPORTED)) problems.push(unknownProblem(word));
  if (unknown.length > MAX_UNKNOWN_REPORTED) problems.push(`…and ${unknown.length - MAX_UNKNOWN_REPORTED} more words I don't understand.`);

  const target = draft.target ?? "channel";
  if (draft.off && provided.size > 0) problems.push("`off` turns the schedule off; leave out the other options (or drop `off` to change it).");
  if (provided.has("every") && provided.has("times")) {
    problems.push("Use either `every <N>m` (a regular interval) or `at <times>` (fixed times), not both.");
  }
  const window = draft.window;
  const partial: Partial<ScheduleSettings> = {
    ...(draft.intervalMinutes !== undefined && { intervalMinutes: draft.intervalMinutes }),
    ...(window && { windowStartMinute: window.start, windowEndMinute: window.end }),
    ...(draft.times && { times: draft.times }),
  };
  problems.push(...ruleProblems(partial, minIntervalMinutes));
  if (problems.length > 0) return { ok: false, problems, example: exampleFor(target) };

  const spec: ScheduleSpec = {
    ...DEFAULT_SETTINGS,
    days: [...DEFAULT_SETTINGS.days],
    ...(draft.times ? { times: draft.times, intervalMinutes: null, windowStartMinute: WHOLE_DAY.start, windowEndMinute: WHOLE_DAY.end } : {}),
    ...(draft.intervalMinutes !== undefined && { intervalMinutes: draft.intervalMinutes }),
    ...(window && { windowStartMinute: window.start, windowEndMinute: window.end }),
    ...(draft.days && { days: draft.days }),
    ...(draft.area !== undefined && { area: draft.area }),
    ...(draft.lengthSeconds !== undefined && { lengthSeconds: draft.lengthSeconds }),
    ...(draft.seatedOnly !== undefined && { seatedOnly: draft.seatedOnly }),
    ...(draft.tz && { tz: draft.tz }),
    target,
    off: draft.off ?? false,
    provided: [...provided],
  };
  return { ok: true, spec };
}

function zoneProblem(word: string): string {
  const suggestion = suggestZone(word);
  const hint = suggestion ? `Did you mean \`tz ${suggestion}\`?` : "Use an IANA name like `tz Europe/Warsaw`, `tz America/New_York` or `tz Asia/Kolkata`.";
  return `\`${quote(word)}\` isn't a time zone I know. ${hint}`;
}

function unknownProblem(word: string): string {
  const lower = word.toLowerCase();
  const close = KEYWORDS.find((k) => k.length > 2 && editDistance(lower, k) <= (k.length > 5 ? 2 : 1));
  return close ? `I don't understand \`${quote(word)}\`; did you mean \`${close}\`?` : `I don't understand \`${quote(word)}\`.`;
}

/**
 * Problems with the timing of a (possibly partial) rule: interval bounds, window order, an interval
 * longer than the window, fixed times outside the window. Only the fields present are checked.
 */
function ruleProblems(rule: Partial<SlotRule>, minIntervalMinutes: number): string[] {
  const problems: string[] = [];
  const { intervalMinutes: every, windowStartMinute: start, windowEndMinute: end, times } = rule;
  if (every != null && every > 0 && (every < minIntervalMinutes || every > MAX_INTERVAL_MINUTES)) {
    problems.push(`The interval must be from ${minIntervalMinutes} minutes to 24 hours; \`every ${every}m\` is outside that.`);
  }
  const timesProblem = times ? fixedTimesProblem(times, minIntervalMinutes) : null;
  if (timesProblem) problems.push(timesProblem);
  if (start !== undefined && end !== undefined && end <= start) {
    problems.push(`The window ${formatClock(start)}-${formatClock(end)} ends before it starts; windows stay within one day, like 09:00-17:00.`);
  } else if (start !== undefined && end !== undefined) {
    if (every != null && (!times || times.length === 0) && every > end - start) {
      problems.push(`\`every ${every}m\` is longer than the window ${formatClock(start)}-${formatClock(end)}; use a shorter interval, a wider window, or \`at\` with fixed times.`);
    }
    const outside = (times ?? []).filter((t) => {
      const m = parseClock(t);
      return m === null || m < start || m >= end;
    });
    if (outside.length > 0 && end - start < WHOLE_DAY.end) {
      problems.push(`${outside.join(", ")} ${outside.length === 1 ? "is" : "are"} outside the window ${formatClock(start)}-${formatClock(end)}; widen the window or change the times.`);
    }
  }
  return problems;
}

/** The stored settings with what the spec typed on top (a new schedule starts from DEFAULT_SETTINGS). */
export function mergeSettings(base: ScheduleSettings, spec: ScheduleSpec): ScheduleSettings {
  const has = (o: ScheduleOption) => spec.provided.includes(o);
  const out: ScheduleSettings = { ...base, times: [...base.times], days: [...base.days] };
  if (has("times")) {
    out.times = [...spec.times];
    out.intervalMinutes = null;
    // Fixed times without a window run whenever they say.
    if (!has("window")) [out.windowStartMinute, out.windowEndMinute] = [WHOLE_DAY.start, WHOLE_DAY.end];
  }
  if (has("every")) {
    out.intervalMinutes = spec.intervalMinutes;
    out.times = [];
    // Leaving fixed times for an interval: an all-day window would prompt through the night.
    const wholeDay = base.windowStartMinute === WHOLE_DAY.start && base.windowEndMinute === WHOLE_DAY.end;
    if (!has("window") && wholeDay) [out.windowStartMinute, out.windowEndMinute] = [DEFAULT_SETTINGS.windowStartMinute, DEFAULT_SETTINGS.windowEndMinute];
  }
  if (has("window")) [out.windowStartMinute, out.windowEndMinute] = [spec.windowStartMinute, spec.windowEndMinute];
  if (has("days")) out.days = [...spec.days];
  if (has("area")) out.area = spec.area;
  if (has("length")) out.lengthSeconds = spec.lengthSeconds;
  if (has("seated")) out.seatedOnly = spec.seatedOnly;
  return out;
}

/** Problems with complete settings (after a merge, or from the modal). Empty when they are usable. */
export function settingsProblems(s: ScheduleSettings, minIntervalMinutes: number): string[] {
  const problems: string[] = [];
  if (s.times.length === 0 && !s.intervalMinutes) problems.push("Say how often: `every 60m`, or fixed times like `at 10:00,15:00`.");
  problems.push(...ruleProblems(s, minIntervalMinutes));
  if (s.days.length === 0) problems.push("Pick at least one day, like `weekdays`, `mon-fri` or `mon,wed,fri`.");
  if (s.lengthSeconds < MIN_BUDGET_SECONDS || s.lengthSeconds > MAX_BUDGET_SECONDS) {
    problems.push(`A stretch can last from ${MIN_BUDGET_SECONDS} seconds to ${MAX_BUDGET_SECONDS / 60} minutes.`);
  }
  return problems;
}
