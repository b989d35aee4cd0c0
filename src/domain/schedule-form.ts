/**
 * Validates the schedule modal: the same rules as `/stretch schedule`, but every problem is tied to
 * the field that holds it so Slack can show it under that input (response_action "errors").
 * Problems are codes the edge words in the person's language as plain text (modal errors do not
 * render markdown).
 */
import { MAX_BUDGET_SECONDS, MIN_BUDGET_SECONDS } from "../exercises/routine-builder.js";
import { BODY_AREAS, type BodyArea } from "../exercises/types.js";
import { DEFAULT_SETTINGS, type ScheduleSettings } from "./schedule-spec.js";
import { fixedTimesProblem } from "./fixed-times.js";
import { MODAL_FIELD_MAX } from "./input-limits.js";
import { problem, type Problem } from "./problem.js";
import { readClock, readDurationSeconds, readWindow, readZone, suggestZone, WHOLE_DAY } from "./schedule-words.js";
import { formatClock } from "./slots.js";

export type ScheduleFormField = "every" | "times" | "window" | "days" | "tz" | "area" | "length" | "seated";

/** What the modal's inputs hold, as typed. */
export interface ScheduleFormValues {
  every: string;
  times: string;
  window: string;
  /** ISO weekdays ticked. */
  days: number[];
  tz: string;
  /** A BodyArea or "rotate". */
  area: string;
  length: string;
  seated: boolean;
}

export type ScheduleFormResult =
  | { ok: true; settings: ScheduleSettings; tz: string }
  | { ok: false; errors: Partial<Record<ScheduleFormField, Problem>> };

/** Settings → the text the modal starts with (so "Edit" shows what is stored, nothing lost). */
export function formValuesFrom(settings: ScheduleSettings, tz: string): ScheduleFormValues {
  const wholeDay = settings.windowStartMinute === WHOLE_DAY.start && settings.windowEndMinute === WHOLE_DAY.end;
  return {
    every: settings.times.length === 0 && settings.intervalMinutes ? `${settings.intervalMinutes}m` : "",
    times: settings.times.join(", "),
    window: wholeDay && settings.times.length > 0 ? "" : `${formatClock(settings.windowStartMinute)}-${formatClock(settings.windowEndMinute)}`,
    days: [...settings.days],
    tz,
    area: settings.area ?? "rotate",
    length: settings.lengthSeconds % 60 === 0 ? `${settings.lengthSeconds / 60}m` : `${settings.lengthSeconds}s`,
    seated: settings.seatedOnly,
  };
}

const squash = (s: string) => s.trim().replace(/\s*([,-])\s*/g, "$1").replace(/(\d)\s+(am|pm)\b/gi, "$1$2").replace(/\s+(?:to|until)\s+/gi, "-");

export function parseScheduleForm(values: ScheduleFormValues, minIntervalMinutes: number): ScheduleFormResult {
  const errors: Partial<Record<ScheduleFormField, Problem>> = {};
  // Length first, before any parsing (Slack enforces max_length; a crafted payload may not).
  for (const field of Object.keys(MODAL_FIELD_MAX) as Array<keyof typeof MODAL_FIELD_MAX>) {
    if (values[field].length > MODAL_FIELD_MAX[field]) errors[field] = problem("tooLong", { max: MODAL_FIELD_MAX[field] });
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const settings: ScheduleSettings = { ...DEFAULT_SETTINGS, times: [], days: [...new Set(values.days)].sort((a, b) => a - b) };

  const everyText = values.every.trim().replace(/^every\s+/i, "").replace(/\s+/g, "");
  const timesText = values.times.trim();
  if (everyText && timesText) {
    errors.every = problem("formEveryAndTimes");
  } else if (!everyText && !timesText) {
    errors.every = problem("formNeedEveryOrTimes");
  }
  if (everyText) {
    const seconds = readDurationSeconds(everyText);
    if (seconds === null || seconds % 60 !== 0 || seconds === 0) errors.every ??= problem("formEveryFormat");
    else if (seconds / 60 < minIntervalMinutes || seconds / 60 > 24 * 60) errors.every ??= problem("formIntervalRange", { min: minIntervalMinutes });
    else settings.intervalMinutes = seconds / 60;
  } else {
    settings.intervalMinutes = null;
  }
  if (timesText) {
    const parts = timesText.split(/[\s,;]+/).filter(Boolean);
    const bad = parts.filter((p) => readClock(p) === null);
    if (bad.length > 0) errors.times = problem("formNotATime", { times: bad.slice(0, 3).join(", ") });
    else settings.times = [...new Set(parts.map((p) => formatClock(readClock(p)!)))].sort();
    const timesProblem = errors.times ? null : fixedTimesProblem(settings.times, minIntervalMinutes);
    if (timesProblem) errors.times = timesProblem;
  }

  const windowText = squash(values.window);
  if (windowText) {
    const window = readWindow(windowText);
    if (!window) errors.window = problem("formWindowFormat");
    else if (window.end <= window.start) errors.window = problem("formWindowBackwards");
    else [settings.windowStartMinute, settings.windowEndMinute] = [window.start, window.end];
  } else if (timesText) {
    [settings.windowStartMinute, settings.windowEndMinute] = [WHOLE_DAY.start, WHOLE_DAY.end];
  } else if (everyText) {
    errors.window = problem("formWindowNeeded");
  }
  if (!errors.every && !errors.window && settings.intervalMinutes && settings.times.length === 0) {
    if (settings.intervalMinutes > settings.windowEndMinute - settings.windowStartMinute) errors.every = problem("formIntervalLongerThanWindow");
  }
  if (!errors.times && !errors.window && settings.times.length > 0) {
    const outside = settings.times.filter((t) => {
      const m = readClock(t)!;
      return m < settings.windowStartMinute || m >= settings.windowEndMinute;
    });
    if (outside.length > 0) errors.times = problem("formTimesOutsideWindow", { times: outside.join(", "), count: outside.length });
  }

  if (settings.days.length === 0 || settings.days.some((d) => d < 1 || d > 7)) errors.days = problem("formPickDay");

  const tz = readZone(values.tz.trim());
  if (!tz) {
    const suggestion = values.tz.trim() ? suggestZone(values.tz.trim()) : null;
    errors.tz = suggestion ? problem("formZoneSuggest", { suggestion }) : problem("formZoneFormat");
  }

  if (values.area === "rotate" || values.area === "") settings.area = null;
  else if ((BODY_AREAS as readonly string[]).includes(values.area)) settings.area = values.area as BodyArea;
  else errors.area = problem("formPickArea");

  const lengthSeconds = readDurationSeconds(values.length.trim().replace(/\s+/g, ""));
  if (lengthSeconds === null) errors.length = problem("formLengthFormat");
  else if (lengthSeconds < MIN_BUDGET_SECONDS || lengthSeconds > MAX_BUDGET_SECONDS) errors.length = problem("lengthRange", { min: MIN_BUDGET_SECONDS, max: MAX_BUDGET_SECONDS / 60 });
  else settings.lengthSeconds = lengthSeconds;
  settings.seatedOnly = values.seated;

  if (Object.keys(errors).length > 0 || !tz) return { ok: false, errors };
  return { ok: true, settings, tz };
}
