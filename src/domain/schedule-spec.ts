/**
 * Understands the text after `/stretch schedule`. Pure. Options come in any order; what was not
 * typed keeps its stored value on an update (see mergeSettings), so `/stretch schedule area neck`
 * changes only the area. Problems name each issue in plain words and come with an example.
 */
import { DURATION_UNIT_PATTERN, SINGLE_AREA_KEYWORDS } from "../exercises/keywords.js";
import { editDistance } from "../exercises/request-parser.js";
import { MAX_BUDGET_SECONDS, MIN_BUDGET_SECONDS } from "../exercises/routine-builder.js";
import type { BodyArea } from "../exercises/types.js";
import { fixedTimesProblem } from "./fixed-times.js";
import { MAX_COMMAND_TEXT } from "./input-limits.js";
import { invalidWithExample, problem, type InvalidWithExample, type Problem, type ScheduleOptionLabel } from "./problem.js";
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

/** The spec, or what was wrong with it and an example for the target typed (always given). */
export type ScheduleSpecResult = { kind: "spec"; spec: ScheduleSpec } | InvalidWithExample;

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
const KEYWORDS = ["every", "at", "tz", "timezone", "area", "length", "seated", "standing", "weekdays", "weekends", "daily", "rotate", "members", "dm", "off"];

export function exampleFor(target: ScheduleTarget = "channel"): string {
  if (target === "members") return "/stretch schedule members every 60m 09:00-17:00 weekdays";
  if (target === "dm") return "/stretch schedule dm every 90m 9am-5pm mon,wed,fri";
  return "/stretch schedule every 60m 09:00-17:00 mon-fri";
}

/** "90 min", "2 godziny" → one word (the keyword table's units). */
const SPACED_DURATION = new RegExp(`(\\d(?:[.,]\\d+)?)\\s+(${DURATION_UNIT_PATTERN})\\b`, "gi");

/** Spacing people use ("mon - fri", "9 am", "90 min", "9 to 5", "every hour") made into single words. */
function normalize(text: string): string {
  return ` ${text.normalize("NFKC")} `
    .replace(/[\u2012-\u2015\u2212]/g, "-")
    .replace(/\b([ap])\.m\.?/gi, "$1m")
    .replace(/\s+(?:to|until|till|through|thru)\s+/gi, "-")
    .replace(/\s*([,-])\s*/g, "$1")
    .replace(/(\d)\s+(am|pm)\b/gi, "$1$2")
    .replace(SPACED_DURATION, "$1$2")
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
  if (text.length > MAX_COMMAND_TEXT) return invalidWithExample(problem("tooLong", { max: MAX_COMMAND_TEXT }), exampleFor());
  const words = normalize(text).split(/\s+/).filter(Boolean);
  if (words.length > MAX_WORDS) return invalidWithExample(problem("tooManyWords", { max: MAX_WORDS }), exampleFor());
  const reader = new SpecReader(words);
  reader.readAll();
  const { draft, provided } = reader;
  const problems = [...reader.problems, ...reader.unknownProblems(), ...combinationProblems(draft, provided), ...ruleProblems(rulePart(draft), minIntervalMinutes)];
  if (problems.length > 0) return invalidWithExample(problems, exampleFor(draft.target ?? "channel"));
  return { kind: "spec", spec: specFrom(draft, provided) };
}

/**
 * Reads the words left to right into a Draft: each keyword takes the words it needs after it
 * (`every 60m`, `at 10:00,15:00`, `area lower back`); other words are read on their own
 * (a window, days, times, an area, a zone). Problems are collected, never thrown.
 */
class SpecReader {
  readonly draft: Draft = {};
  readonly provided = new Set<ScheduleOption>();
  readonly problems: Problem[] = [];
  private readonly unknown: string[] = [];
  /** The word being read; steps that take the following words move it on. */
  private i = 0;

  constructor(private readonly words: readonly string[]) {}

  readAll(): void {
    for (this.i = 0; this.i < this.words.length; this.i++) this.readWord(this.words[this.i]!);
  }

  unknownProblems(): Problem[] {
    const out = this.unknown.slice(0, MAX_UNKNOWN_REPORTED).map(unknownProblem);
    if (this.unknown.length > MAX_UNKNOWN_REPORTED) out.push(problem("moreUnknown", { count: this.unknown.length - MAX_UNKNOWN_REPORTED }));
    return out;
  }

  private get next(): string | undefined {
    return this.words[this.i + 1];
  }

  /** Records an option, saying so when it was given twice. */
  private set(option: ScheduleOption, apply: () => void, label: ScheduleOptionLabel): void {
    if (this.provided.has(option)) this.problems.push(problem("givenTwice", { option: label }));
    this.provided.add(option);
    apply();
  }

  private readWord(word: string): void {
    const lower = word.toLowerCase();
    const target = TARGET_WORDS[lower];
    if (target) this.readTarget(target);
    else if (OFF_WORDS.has(lower)) this.draft.off = true;
    else if (lower === "every") this.readEvery();
    else if (lower === "at" || lower === "times") this.readAt();
    else if (["tz", "timezone", "zone"].includes(lower)) this.readZoneKeyword();
    else if (["area", "areas", "focus"].includes(lower)) this.readAreaKeyword();
    else if (["for", "lasting"].includes(lower) && (!this.next || readDurationSeconds(this.next) === null)) {
      // "for" is also plain English ("for members"): a keyword only before a duration.
    } else if (["length", "len", "duration", "lasting", "for"].includes(lower)) this.readLength();
    else if (["seated", "sitting", "desk", "chair"].includes(lower)) this.set("seated", () => (this.draft.seatedOnly = true), "seated");
    else if (["standing", "stand", "anywhere"].includes(lower)) this.set("seated", () => (this.draft.seatedOnly = false), "seated");
    else if (ROTATE_WORDS.has(lower) && lower !== "any" && lower !== "all") this.set("area", () => (this.draft.area = null), "area");
    else this.readBareWord(word, lower);
  }

  private readTarget(target: ScheduleTarget): void {
    if (this.draft.target && this.draft.target !== target) this.problems.push(problem("targetConflict", { first: this.draft.target, second: target }));
    this.draft.target = target;
  }

  /** `every 60m` (how often) or `every monday` (days). */
  private readEvery(): void {
    const next = this.next;
    const days = next ? readDays(next) : null;
    const seconds = next ? readDurationSeconds(next) : null;
    if (days) {
      this.set("days", () => (this.draft.days = days), "days");
      this.i++;
    } else if (seconds === null) {
      this.problems.push(problem("everyNeedsValue"));
    } else {
      this.i++;
      if (seconds % 60 !== 0 || seconds === 0) this.problems.push(problem("everyNotWholeMinutes", { value: quote(next!) }));
      this.set("every", () => (this.draft.intervalMinutes = Math.round(seconds / 60)), "every");
    }
  }

  /** `at 10:00,11:30 15:00`: every following word that reads as times. */
  private readAt(): void {
    const times: string[] = [];
    while (this.i + 1 < this.words.length) {
      const read = readTimes(this.words[this.i + 1]!, false);
      if (!read) break;
      times.push(...read);
      this.i++;
    }
    if (times.length === 0) this.problems.push(problem("atNeedsTimes"));
    else this.set("times", () => (this.draft.times = times), "times");
  }

  private readZoneKeyword(): void {
    const next = this.next;
    this.i++;
    if (!next) {
      this.problems.push(problem("tzNeedsValue"));
      return;
    }
    const zone = readZone(next);
    if (zone) this.set("tz", () => (this.draft.tz = zone), "tz");
    else this.problems.push(zoneProblem(next));
  }

  /** `area neck`, `area lower back` (two words), `area rotate`. */
  private readAreaKeyword(): void {
    const next = this.next;
    const after = this.words[this.i + 2];
    const two = after ? readArea(`${next} ${after}`) : null;
    if (two && !readArea(next ?? "")) {
      this.set("area", () => (this.draft.area = two), "area");
      this.i += 2;
    } else if (next && ROTATE_WORDS.has(next.toLowerCase())) {
      this.set("area", () => (this.draft.area = null), "area");
      this.i++;
    } else if (next && readArea(next)) {
      const area = readArea(next)!;
      this.set("area", () => (this.draft.area = area), "area");
      this.i++;
    } else {
      this.problems.push(next ? problem("areaUnknown", { word: quote(next) }) : problem("areaNeedsValue"));
      if (next) this.i++;
    }
  }

  private readLength(): void {
    const next = this.next;
    const seconds = next ? readDurationSeconds(next) : null;
    if (seconds === null) {
      this.problems.push(problem("lengthNeedsValue"));
      return;
    }
    this.i++;
    if (seconds < MIN_BUDGET_SECONDS || seconds > MAX_BUDGET_SECONDS) {
      this.problems.push(problem("lengthOutOfRange", { min: MIN_BUDGET_SECONDS, max: MAX_BUDGET_SECONDS / 60, value: quote(next!) }));
    }
    this.set("length", () => (this.draft.lengthSeconds = seconds), "length");
  }

  /** A word that is no keyword: a window, days, times, an area, a zone, or something we say we do not know. */
  private readBareWord(word: string, lower: string): void {
    const next = this.next;
    const window = readWindow(word);
    if (window) {
      this.set("window", () => (this.draft.window = window), "window");
      return;
    }
    const days = readDays(word);
    if (days) {
      // Several day words add up: "mon wed fri".
      this.draft.days = [...new Set([...(this.draft.days ?? []), ...days])].sort((a, b) => a - b);
      this.provided.add("days");
      return;
    }
    const times = readTimes(word, true);
    if (times) this.set("times", () => (this.draft.times = times), "times");
    else if (next && readArea(`${word} ${next}`) && /^(upper|lower|low|mid)$/.test(lower)) {
      this.set("area", () => (this.draft.area = readArea(`${word} ${next}`)), "area");
      this.i++;
    } else if (SINGLE_AREA_KEYWORDS.has(lower)) {
      // Without `area`, only the keyword table's exact words: a typo here is more likely something else.
      this.set("area", () => (this.draft.area = readArea(lower)), "area");
    } else if (word.includes("/") && readZone(word)) this.set("tz", () => (this.draft.tz = readZone(word)!), "tz");
    else if (readDurationSeconds(word) !== null) this.problems.push(problem("bareDuration", { word: quote(word) }));
    else if (!FILLER.has(lower)) this.unknown.push(word);
  }
}

/** Options that cannot go together. */
function combinationProblems(draft: Draft, provided: ReadonlySet<ScheduleOption>): Problem[] {
  const out: Problem[] = [];
  if (draft.off && provided.size > 0) out.push(problem("offWithOptions"));
  if (provided.has("every") && provided.has("times")) out.push(problem("everyAndAt"));
  return out;
}

/** The timing the person gave, for ruleProblems. */
function rulePart(draft: Draft): Partial<ScheduleSettings> {
  return {
    ...(draft.intervalMinutes !== undefined && { intervalMinutes: draft.intervalMinutes }),
    ...(draft.window && { windowStartMinute: draft.window.start, windowEndMinute: draft.window.end }),
    ...(draft.times && { times: draft.times }),
  };
}

/** The defaults with what was given on top (fixed times mean the whole day, no interval). */
function specFrom(draft: Draft, provided: ReadonlySet<ScheduleOption>): ScheduleSpec {
  const window = draft.window;
  return {
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
    target: draft.target ?? "channel",
    off: draft.off ?? false,
    provided: [...provided],
  };
}

function zoneProblem(word: string): Problem {
  const suggestion = suggestZone(word);
  return suggestion ? problem("unknownZoneSuggest", { word: quote(word), suggestion }) : problem("unknownZone", { word: quote(word) });
}

function unknownProblem(word: string): Problem {
  const lower = word.toLowerCase();
  const close = KEYWORDS.find((k) => k.length > 2 && editDistance(lower, k) <= (k.length > 5 ? 2 : 1));
  return close ? problem("unknownWordSuggest", { word: quote(word), suggestion: close }) : problem("unknownWord", { word: quote(word) });
}

/**
 * Problems with the timing of a (possibly partial) rule: interval bounds, window order, an interval
 * longer than the window, fixed times outside the window. Only the fields present are checked.
 */
function ruleProblems(rule: Partial<SlotRule>, minIntervalMinutes: number): Problem[] {
  const problems: Problem[] = [];
  const { intervalMinutes: every, windowStartMinute: start, windowEndMinute: end, times } = rule;
  if (every != null && every > 0 && (every < minIntervalMinutes || every > MAX_INTERVAL_MINUTES)) {
    problems.push(problem("intervalRange", { min: minIntervalMinutes, value: every }));
  }
  const timesProblem = times ? fixedTimesProblem(times, minIntervalMinutes) : null;
  if (timesProblem) problems.push(timesProblem);
  if (start !== undefined && end !== undefined && end <= start) {
    problems.push(problem("windowBackwards", { start: formatClock(start), end: formatClock(end) }));
  } else if (start !== undefined && end !== undefined) {
    if (every != null && (!times || times.length === 0) && every > end - start) {
      problems.push(problem("intervalLongerThanWindow", { every, start: formatClock(start), end: formatClock(end) }));
    }
    const outside = (times ?? []).filter((t) => {
      const m = parseClock(t);
      return m === null || m < start || m >= end;
    });
    if (outside.length > 0 && end - start < WHOLE_DAY.end) {
      problems.push(problem("timesOutsideWindow", { times: outside.join(", "), count: outside.length, start: formatClock(start), end: formatClock(end) }));
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
export function settingsProblems(s: ScheduleSettings, minIntervalMinutes: number): Problem[] {
  const problems: Problem[] = [];
  if (s.times.length === 0 && !s.intervalMinutes) problems.push(problem("sayHowOften"));
  problems.push(...ruleProblems(s, minIntervalMinutes));
  if (s.days.length === 0) problems.push(problem("pickDays"));
  if (s.lengthSeconds < MIN_BUDGET_SECONDS || s.lengthSeconds > MAX_BUDGET_SECONDS) {
    problems.push(problem("lengthRange", { min: MIN_BUDGET_SECONDS, max: MAX_BUDGET_SECONDS / 60 }));
  }
  return problems;
}
