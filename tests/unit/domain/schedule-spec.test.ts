import { describe, expect, it } from "vitest";
import { allInEnglish } from "../../helpers/problems.js";
import { HELP_COMMANDS } from "../../../src/bot/views/help.js";
import {
  DEFAULT_SETTINGS,
  mergeSettings,
  parseScheduleSpec,
  settingsProblems,
  type ScheduleSpec,
} from "../../../src/domain/schedule-spec.js";

const MIN = 15;
const ok = (text: string, min = MIN): ScheduleSpec => {
  const r = parseScheduleSpec(text, min);
  if (r.kind === "invalid") throw new Error(`expected "${text}" to parse, got: ${allInEnglish(r.problems).join(" | ")}`);
  return r.spec;
};
const problems = (text: string, min = MIN): string[] => {
  const r = parseScheduleSpec(text, min);
  if (r.kind === "spec") throw new Error(`expected "${text}" to be refused`);
  expect(r.example).toMatch(/^\/stretch schedule /);
  return allInEnglish(r.problems);
};

describe("parseScheduleSpec: the issue's examples", () => {
  it("every 60m 09:00-17:00 mon-fri", () => {
    const s = ok("every 60m 09:00-17:00 mon-fri");
    expect(s).toMatchObject({ target: "channel", off: false, intervalMinutes: 60, times: [], windowStartMinute: 540, windowEndMinute: 1020, days: [1, 2, 3, 4, 5] });
    expect(s.provided.sort()).toEqual(["days", "every", "window"]);
    expect(s.tz).toBeUndefined();
  });

  it("accepts options in any order, with every option at once", () => {
    const s = ok("seated length 5m area lower back tz Europe/Warsaw weekdays 09:00-17:00 every 90m");
    expect(s).toMatchObject({ intervalMinutes: 90, area: "lower back", lengthSeconds: 300, seatedOnly: true, tz: "Europe/Warsaw", days: [1, 2, 3, 4, 5] });
  });

  it("members / dm as the first word select the target; off turns it off", () => {
    expect(ok("members every 60m").target).toBe("members");
    expect(ok("dm every 90m").target).toBe("dm");
    expect(ok("off")).toMatchObject({ target: "channel", off: true });
    expect(ok("dm off")).toMatchObject({ target: "dm", off: true });
    expect(ok("members off")).toMatchObject({ target: "members", off: true });
  });

  it("every schedule example in /stretch help parses", () => {
    for (const c of HELP_COMMANDS.filter((h) => h.example.startsWith("/stretch schedule"))) {
      ok(c.example.replace(/^\/stretch schedule\s*/, ""));
    }
  });
});

describe("parseScheduleSpec: spellings", () => {
  it.each([
    ["every 60m", 60],
    ["every 1h", 60],
    ["every 90 min", 90],
    ["every 90 minutes", 90],
    ["every 1.5h", 90],
    ["every 1,5 h", 90],
    ["every 2 hours", 120],
    ["every 45", 45],
    ["every hour", 60],
    ["hourly", 60],
    ["every half hour", 30],
  ])("%s → %i minutes", (text, minutes) => {
    expect(ok(text).intervalMinutes).toBe(minutes);
  });

  it.each([
    ["at 10:00,11:30,15:00", ["10:00", "11:30", "15:00"]],
    ["at 10:00, 11:30, 15:00", ["10:00", "11:30", "15:00"]],
    ["at 9am,3:30pm", ["09:00", "15:30"]],
    ["at 9 am, 3 pm", ["09:00", "15:00"]],
    ["at 10:00 14:00", ["10:00", "14:00"]],
    ["at noon", ["12:00"]],
    ["at 12am,12pm", ["00:00", "12:00"]],
    ["10:00,15:00", ["10:00", "15:00"]],
    ["at 9.30", ["09:30"]],
  ])("%s → fixed times %j, all day, no interval", (text, times) => {
    const s = ok(text);
    expect(s.times).toEqual(times);
    expect(s.intervalMinutes).toBeNull();
    expect([s.windowStartMinute, s.windowEndMinute]).toEqual([0, 1440]);
  });

  it.each([
    ["09:00-17:00", 540, 1020],
    ["9-17", 540, 1020],
    ["9-5", 540, 1020],
    ["9am-5pm", 540, 1020],
    ["9am - 5pm", 540, 1020],
    ["8:30-16:30", 510, 990],
    ["from 9 to 5", 540, 1020],
    ["10:00-24:00", 600, 1440],
    ["0-12", 0, 720],
  ])("window %s → %i..%i", (text, start, end) => {
    expect(ok(`every 30m ${text}`)).toMatchObject({ windowStartMinute: start, windowEndMinute: end });
  });

  it.each([
    ["weekdays", [1, 2, 3, 4, 5]],
    ["workdays", [1, 2, 3, 4, 5]],
    ["mon-fri", [1, 2, 3, 4, 5]],
    ["mon - fri", [1, 2, 3, 4, 5]],
    ["monday-friday", [1, 2, 3, 4, 5]],
    ["monday to thursday", [1, 2, 3, 4]],
    ["mon,wed,fri", [1, 3, 5]],
    ["mon, wed, fri", [1, 3, 5]],
    ["mon wed fri", [1, 3, 5]],
    ["daily", [1, 2, 3, 4, 5, 6, 7]],
    ["every day", [1, 2, 3, 4, 5, 6, 7]],
    ["weekends", [6, 7]],
    ["fri-mon", [1, 5, 6, 7]],
    ["tuesday", [2]],
    ["Tues Thurs", [2, 4]],
    ["wendesday", [3]],
    ["thursdy", [4]],
    ["every monday", [1]],
  ])("days %s → %j", (text, days) => {
    expect(ok(`every 60m ${text}`).days).toEqual(days);
  });

  it("time zones match case-insensitively and keep IANA spelling", () => {
    expect(ok("tz europe/warsaw").tz).toBe("Europe/Warsaw");
    expect(ok("tz AMERICA/NEW_YORK").tz).toBe("America/New_York");
    expect(ok("tz utc").tz).toBe("UTC");
    expect(ok("tz Asia/Kolkata").tz).toBe("Asia/Kolkata");
    expect(ok("timezone Asia/Tokyo").tz).toBe("Asia/Tokyo");
    expect(ok("time zone Asia/Tokyo").tz).toBe("Asia/Tokyo");
    expect(ok("every 60m Europe/Berlin").tz).toBe("Europe/Berlin");
  });

  it("spaced durations in the keyword table's units, English and Polish", () => {
    expect(ok("every 90 min").intervalMinutes).toBe(90);
    expect(ok("every 2 hours").intervalMinutes).toBe(120);
    expect(ok("every 90 minut").intervalMinutes).toBe(90);
    expect(ok("length 90 sec").lengthSeconds).toBe(90);
  });

  it("bare area words are the keyword table's exact words, English and Polish; a bare typo is not", () => {
    expect(ok("every 60m neck").area).toBe("neck");
    expect(ok("every 60m thoracic").area).toBe("upper back");
    expect(ok("every 60m calves").area).toBe("legs");
    expect(ok("every 60m kark").area).toBe("neck");
    expect(problems("every 60m hipps").join(" ")).toContain("hipps");
  });

  it("areas: names, two words, typos after `area`, rotate", () => {
    expect(ok("area neck").area).toBe("neck");
    expect(ok("area lower back").area).toBe("lower back");
    expect(ok("area upper-back").area).toBe("upper back");
    expect(ok("area hipps").area).toBe("hips");
    expect(ok("area rotate").area).toBeNull();
    expect(ok("area rotate").provided).toContain("area");
    expect(ok("rotate").area).toBeNull();
    expect(ok("shoulders").area).toBe("shoulders");
    expect(ok("lower back").area).toBe("lower back");
  });

  it("length, seated and standing", () => {
    expect(ok("length 5m").lengthSeconds).toBe(300);
    expect(ok("length 90s").lengthSeconds).toBe(90);
    expect(ok("length 2").lengthSeconds).toBe(120);
    expect(ok("for 3 minutes").lengthSeconds).toBe(180);
    expect(ok("seated").seatedOnly).toBe(true);
    expect(ok("standing").seatedOnly).toBe(false);
    expect(ok("standing").provided).toContain("seated");
  });

  it("a new schedule with no timing options gets the defaults", () => {
    const s = ok("area neck");
    expect(s).toMatchObject({ intervalMinutes: 60, windowStartMinute: 540, windowEndMinute: 1020, days: [1, 2, 3, 4, 5], lengthSeconds: 180, seatedOnly: false });
  });
});

describe("parseScheduleSpec: problems", () => {
  it("both every and at", () => {
    expect(problems("every 60m at 10:00").join()).toContain("not both");
  });

  it("window end before start", () => {
    expect(problems("every 60m 17:00-09:00").join()).toContain("ends before it starts");
    expect(problems("every 60m 12:00-12:00").join()).toContain("ends before it starts");
  });

  it("interval longer than the window", () => {
    expect(problems("every 10h 09:00-17:00").join()).toContain("longer than the window");
  });

  it("interval below the configured minimum, or above a day", () => {
    expect(problems("every 5m").join()).toContain("from 15 minutes");
    expect(ok("every 5m", 1).intervalMinutes).toBe(5);
    expect(problems("every 25h").join()).toContain("24 hours");
    expect(problems("every 20s").join()).toContain("whole number of minutes");
  });

  it("fixed times outside a window that was given", () => {
    expect(problems("at 08:00,10:00 09:00-17:00").join()).toContain("08:00 is outside the window");
  });

  it("unknown words are named (with a keyword suggestion) and echoed safely", () => {
    const p = problems("every 60m banana evry");
    expect(p).toContain("I don't understand `banana`.");
    expect(p.join()).toContain("did you mean `every`");
    const hostile = problems("<!channel> `rm -rf` <@U123>").join(" ");
    expect(hostile).not.toMatch(/<!channel>|<@U123>/);
  });

  it("reports each problem, not just the first", () => {
    expect(problems("every 60m at 10:00 tz Mars/Base banana").length).toBeGreaterThanOrEqual(3);
  });

  it("a bad zone is named, with a close suggestion or an example", () => {
    expect(problems("tz Europe/Warsow")[0]).toBe("`Europe/Warsow` isn't a time zone I know. Did you mean `tz Europe/Warsaw`?");
    const far = problems("tz Mars/Olympus")[0]!;
    expect(far).toContain("`Mars/Olympus`");
    expect(far).toContain("tz Europe/Warsaw");
    expect(problems("tz").join()).toContain("needs a time zone");
  });

  it("keyword without its value", () => {
    expect(problems("every").join()).toContain("`every` needs how often");
    expect(problems("at").join()).toContain("`at` needs times");
    expect(problems("length").join()).toContain("`length` needs a duration");
    expect(problems("area elbow").join()).toContain("`elbow`");
  });

  it("length outside 30 s – 20 min", () => {
    expect(problems("length 30m").join()).toContain("30 seconds to 20 minutes");
    expect(problems("length 10s").join()).toContain("30 seconds to 20 minutes");
  });

  it("a bare duration asks which one was meant", () => {
    expect(problems("60m 9-17")[0]).toContain("`every 60m`");
  });

  it("off with other options, or two targets", () => {
    expect(problems("off every 60m").join()).toContain("`off`");
    expect(problems("members dm every 60m").join()).toContain("Pick one");
  });

  it("the same option twice", () => {
    expect(problems("every 60m every 30m").join()).toContain("twice");
  });

  it("the example fits the target", () => {
    const r = parseScheduleSpec("dm banana", MIN);
    expect(r.kind === "invalid" && r.example).toContain("/stretch schedule dm ");
  });

  it("refuses a flood of words quickly", () => {
    expect(problems("x ".repeat(200))[0]).toContain("40 words");
    // Longer still: refused on length before it is split into words.
    expect(problems("x ".repeat(500))[0]).toContain("at most 500 characters");
  });
});

describe("mergeSettings and settingsProblems", () => {
  const base = { ...DEFAULT_SETTINGS, days: [1, 2, 3, 4, 5], times: [] as string[] };

  it("keeps what was not typed", () => {
    const stored = { ...base, intervalMinutes: 30, area: "neck" as const, lengthSeconds: 120 };
    const merged = mergeSettings(stored, ok("days mon,wed"));
    expect(merged).toMatchObject({ intervalMinutes: 30, area: "neck", lengthSeconds: 120, days: [1, 3] });
  });

  it("switching to fixed times clears the interval and opens the whole day", () => {
    const merged = mergeSettings(base, ok("at 07:30,12:00"));
    expect(merged).toMatchObject({ intervalMinutes: null, times: ["07:30", "12:00"], windowStartMinute: 0, windowEndMinute: 1440 });
    expect(settingsProblems(merged, MIN)).toEqual([]);
  });

  it("switching back to an interval restores a working-day window", () => {
    const timesMode = mergeSettings(base, ok("at 07:30"));
    const merged = mergeSettings(timesMode, ok("every 45m"));
    expect(merged).toMatchObject({ intervalMinutes: 45, times: [], windowStartMinute: 540, windowEndMinute: 1020 });
  });

  it("finds contradictions that only appear after the merge", () => {
    const narrow = { ...base, windowStartMinute: 600, windowEndMinute: 660 };
    expect(allInEnglish(settingsProblems(mergeSettings(narrow, ok("every 2h")), MIN)).join()).toContain("longer than the window");
    const stored = { ...base, intervalMinutes: null, times: ["08:00"], windowStartMinute: 0, windowEndMinute: 1440 };
    expect(allInEnglish(settingsProblems(mergeSettings(stored, ok("9-17")), MIN)).join()).toContain("outside the window");
  });

  it("complete settings need timing and days", () => {
    expect(allInEnglish(settingsProblems({ ...base, intervalMinutes: null }, MIN)).join()).toContain("how often");
    expect(allInEnglish(settingsProblems({ ...base, days: [] }, MIN)).join()).toContain("at least one day");
    expect(settingsProblems(base, MIN)).toEqual([]);
  });
});
