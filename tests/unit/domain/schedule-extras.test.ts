import { describe, expect, it } from "vitest";
import { allInEnglish, formInEnglish, inEnglish } from "../../helpers/problems.js";
import { isInvalid } from "../../../src/domain/problem.js";
import { nextPromptLine } from "../../../src/bot/views/schedule.js";
import { EN, formatWhenIn, translator } from "../../../src/i18n/index.js";
import { nextPrompt, type NextPromptMember, type NextPromptSchedule } from "../../../src/domain/next-prompt.js";
import { parsePause, parseResume, pauseEnd } from "../../../src/domain/pause-spec.js";
import { formValuesFrom, parseScheduleForm, type ScheduleFormValues } from "../../../src/domain/schedule-form.js";
import { DEFAULT_SETTINGS } from "../../../src/domain/schedule-spec.js";

describe("parsePause / parseResume", () => {
  it.each([
    ["2h", { scope: "me", length: { kind: "minutes", minutes: 120 } }],
    ["30m", { scope: "me", length: { kind: "minutes", minutes: 30 } }],
    ["90 min", { scope: "me", length: { kind: "minutes", minutes: 90 } }],
    ["1.5h", { scope: "me", length: { kind: "minutes", minutes: 90 } }],
    ["2d", { scope: "me", length: { kind: "minutes", minutes: 2880 } }],
    ["3 days", { scope: "me", length: { kind: "minutes", minutes: 4320 } }],
    ["45", { scope: "me", length: { kind: "minutes", minutes: 45 } }],
    // The keyword table's Polish units.
    ["2 godziny", { scope: "me", length: { kind: "minutes", minutes: 120 } }],
    ["20 minut", { scope: "me", length: { kind: "minutes", minutes: 20 } }],
    ["today", { scope: "me", length: { kind: "today" } }],
    ["for the rest of the day", { scope: "me", length: { kind: "today" } }],
    ["", { scope: "me", length: { kind: "today" } }],
    ["channel 1h", { scope: "channel", length: { kind: "minutes", minutes: 60 } }],
    ["here today", { scope: "channel", length: { kind: "today" } }],
  ])("pause %j", (text, expected) => {
    expect(parsePause(text)).toEqual({ kind: "pause", ...expected });
  });

  it("refuses nonsense and over-long pauses with a way forward", () => {
    const bad = parsePause("banana");
    expect(bad).toMatchObject({ kind: "invalid", example: "/stretch pause 2h" });
    expect(isInvalid(bad) && allInEnglish(bad.problems).join(" ")).toContain("/stretch pause 2h");
    // Seconds are no unit of a pause (the table's seconds belong to routines).
    expect(parsePause("30s")).toMatchObject({ kind: "invalid", problems: [{ code: "pauseUnknown" }] });
    const long = parsePause("30d");
    expect(isInvalid(long) && allInEnglish(long.problems).join(" ")).toContain("14 days");
  });

  it("resume scopes", () => {
    expect(parseResume("")).toEqual({ kind: "resume", scope: "me" });
    expect(parseResume("channel")).toEqual({ kind: "resume", scope: "channel" });
    expect(parseResume("xyz")).toMatchObject({ kind: "invalid", example: "/stretch resume" });
  });

  it("pause today ends at the next local midnight of the zone", () => {
    const now = new Date("2026-11-23T20:30:00Z"); // 21:30 in Warsaw, 15:30 in New York
    expect(pauseEnd({ kind: "today" }, now, "Europe/Warsaw").toISOString()).toBe("2026-11-23T23:00:00.000Z");
    expect(pauseEnd({ kind: "today" }, now, "America/New_York").toISOString()).toBe("2026-11-24T05:00:00.000Z");
    expect(pauseEnd({ kind: "minutes", minutes: 120 }, now, "UTC").toISOString()).toBe("2026-11-23T22:30:00.000Z");
  });
});

/** The line people read, in English. */
const line = (next: ReturnType<typeof nextPrompt>, now: Date) => nextPromptLine(next, now);

describe("nextPrompt", () => {
  const schedule: NextPromptSchedule = {
    kind: "channel",
    tz: "Europe/Warsaw",
    active: true,
    pausedUntil: null,
    intervalMinutes: 60,
    times: [],
    windowStartMinute: 540,
    windowEndMinute: 1020,
    days: [1, 2, 3, 4, 5],
  };
  const member: NextPromptMember = { tz: "America/New_York", workStartMinute: 600, workEndMinute: 960, workDays: [1, 2, 3, 4, 5], pausedUntil: null, optedOut: false };
  const monday1330Warsaw = new Date("2026-11-23T12:30:00Z");

  it("today / tomorrow / a later day, in the zone, with the zone named", () => {
    expect(line(nextPrompt(schedule, undefined, monday1330Warsaw), monday1330Warsaw)).toBe("Next prompt: today 14:00 Europe/Warsaw");
    expect(line(nextPrompt(schedule, undefined, new Date("2026-11-23T16:30:00Z")), new Date("2026-11-23T16:30:00Z"))).toBe("Next prompt: tomorrow 09:00 Europe/Warsaw");
    expect(line(nextPrompt(schedule, undefined, new Date("2026-11-20T16:30:00Z")), new Date("2026-11-20T16:30:00Z"))).toBe("Next prompt: Mon 23 Nov 09:00 Europe/Warsaw");
  });

  it("a paused schedule's next prompt comes after the pause", () => {
    const paused = { ...schedule, pausedUntil: new Date("2026-11-23T15:00:00Z") }; // 16:00 Warsaw, a slot
    expect(line(nextPrompt(paused, undefined, monday1330Warsaw), monday1330Warsaw)).toBe("Next prompt: today 16:00 Europe/Warsaw");
  });

  it("members schedules use the person's zone, working hours and own pause", () => {
    const members = { ...schedule, kind: "members" as const };
    // 07:30 in New York; their work starts 10:00 (the 09:00 slot is outside).
    expect(line(nextPrompt(members, member, monday1330Warsaw), monday1330Warsaw)).toBe("Next prompt: today 10:00 America/New_York");
    const paused = { ...member, pausedUntil: new Date("2026-11-23T20:30:00Z") }; // 15:30 NY: 15:00 held
    expect(line(nextPrompt(members, { ...member, pausedUntil: new Date("2026-11-23T20:00:00Z") }, monday1330Warsaw), monday1330Warsaw)).toBe("Next prompt: today 15:00 America/New_York");
    expect(line(nextPrompt(members, paused, monday1330Warsaw), monday1330Warsaw)).toBe("Next prompt: tomorrow 10:00 America/New_York");
  });

  it("dm schedules use the person's zone but the schedule's own window", () => {
    const dm = { ...schedule, kind: "dm" as const };
    expect(line(nextPrompt(dm, member, monday1330Warsaw), monday1330Warsaw)).toBe("Next prompt: today 09:00 America/New_York");
  });

  it("off, opted out, and no slot at all say so", () => {
    expect(line(nextPrompt({ ...schedule, active: false }, undefined, monday1330Warsaw), monday1330Warsaw)).toBe("This schedule is off.");
    expect(line(nextPrompt({ ...schedule, kind: "dm" }, { ...member, optedOut: true }, monday1330Warsaw), monday1330Warsaw)).toContain("opted out");
    const weekendOnly = { ...schedule, kind: "members" as const, days: [6, 7] };
    expect(line(nextPrompt(weekendOnly, member, monday1330Warsaw), monday1330Warsaw)).toContain("working hours");
  });

  it("the day words are relative to the zone's calendar, not UTC's", () => {
    const now = new Date("2026-11-23T23:30:00Z"); // already Tuesday 00:30 in Warsaw
    expect(formatWhenIn(EN, new Date("2026-11-24T08:00:00Z"), "Europe/Warsaw", now)).toBe("today 09:00");
    expect(formatWhenIn(EN, new Date("2026-11-24T08:00:00Z"), "UTC", now)).toBe("tomorrow 08:00");
    expect(formatWhenIn(translator("pl"), new Date("2026-11-24T08:00:00Z"), "UTC", now)).toMatch(/^jutro o 08:00$/);
  });
});

describe("parseScheduleForm", () => {
  const good: ScheduleFormValues = { every: "60m", times: "", window: "09:00-17:00", days: [1, 2, 3, 4, 5], tz: "Europe/Warsaw", area: "rotate", length: "3m", seated: false };

  it("round-trips stored settings through the form", () => {
    const settings = { ...DEFAULT_SETTINGS, days: [1, 3, 5], times: [], area: "hips" as const, lengthSeconds: 90, seatedOnly: true, intervalMinutes: 45 };
    const back = parseScheduleForm(formValuesFrom(settings, "Asia/Kolkata"), 15);
    expect(back).toEqual({ ok: true, settings, tz: "Asia/Kolkata" });
    const times = { ...DEFAULT_SETTINGS, days: [1], intervalMinutes: null, times: ["07:00", "18:30"], windowStartMinute: 0, windowEndMinute: 1440 };
    expect(parseScheduleForm(formValuesFrom(times, "UTC"), 15)).toEqual({ ok: true, settings: times, tz: "UTC" });
  });

  it("accepts friendly spellings", () => {
    const r = parseScheduleForm({ ...good, every: "every 1.5 h", window: "9am - 5pm", tz: "europe/warsaw", length: "90s", area: "neck", seated: true }, 15);
    expect(r).toMatchObject({ ok: true, tz: "Europe/Warsaw", settings: { intervalMinutes: 90, windowStartMinute: 540, windowEndMinute: 1020, lengthSeconds: 90, area: "neck", seatedOnly: true } });
  });

  it("ties each problem to its field", () => {
    const r = formInEnglish(parseScheduleForm({ every: "often", times: "", window: "late", days: [], tz: "Europe/Warsow", area: "elbow", length: "forever", seated: false }, 15));
    expect(r.ok).toBe(false);
    const errors = !r.ok ? r.errors : {};
    expect(Object.keys(errors).sort()).toEqual(["area", "days", "every", "length", "tz", "window"]);
    expect(errors.tz).toContain("Europe/Warsaw");
    for (const message of Object.values(errors)) expect(message).not.toContain("`");
  });

  it("both or neither of interval and times; interval vs window; times vs window", () => {
    expect(formInEnglish(parseScheduleForm({ ...good, times: "10:00" }, 15))).toMatchObject({ ok: false, errors: { every: expect.stringContaining("not both") } });
    expect(formInEnglish(parseScheduleForm({ ...good, every: "" }, 15))).toMatchObject({ ok: false, errors: { every: expect.stringContaining("how often") } });
    expect(formInEnglish(parseScheduleForm({ ...good, every: "10h" }, 15))).toMatchObject({ ok: false, errors: { every: expect.stringContaining("longer than the window") } });
    expect(formInEnglish(parseScheduleForm({ ...good, every: "5m" }, 15))).toMatchObject({ ok: false, errors: { every: expect.stringContaining("15 minutes") } });
    expect(formInEnglish(parseScheduleForm({ ...good, every: "", times: "08:00, 10:00" }, 15))).toMatchObject({ ok: false, errors: { times: expect.stringContaining("08:00") } });
    expect(parseScheduleForm({ ...good, every: "", times: "08:00, 10:00", window: "" }, 15)).toMatchObject({ ok: true });
    expect(formInEnglish(parseScheduleForm({ ...good, window: "" }, 15))).toMatchObject({ ok: false, errors: { window: expect.stringContaining("needs a window") } });
    expect(formInEnglish(parseScheduleForm({ ...good, window: "17-9" }, 15))).toMatchObject({ ok: false, errors: { window: expect.stringContaining("ends before") } });
  });
});
