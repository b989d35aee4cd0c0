import { describe, expect, it } from "vitest";
import { allInEnglish, formInEnglish, inEnglish } from "../../helpers/problems.js";
import { fixedTimesProblem, MAX_TIMES_PER_DAY } from "../../../src/domain/fixed-times.js";
import { parseScheduleForm } from "../../../src/domain/schedule-form.js";
import { parseScheduleSpec } from "../../../src/domain/schedule-spec.js";

const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

describe("fixed times (`at …`): at most 24 a day, spaced at least the minimum interval", () => {
  it("accepts 24 hourly times and well-spaced lists", () => {
    const hourly = Array.from({ length: 24 }, (_, h) => clock(h * 60));
    expect(fixedTimesProblem(hourly, 15)).toBeNull();
    expect(fixedTimesProblem(["10:00", "10:15", "15:00"], 15)).toBeNull();
  });

  it("refuses a 25th time and says how many there were", () => {
    const many = Array.from({ length: MAX_TIMES_PER_DAY + 1 }, (_, i) => clock(i * 50));
    expect(inEnglish(fixedTimesProblem(many, 15)!)).toMatch(/25 times a day; a schedule can have at most 24/);
  });

  it("refuses two times closer than the minimum interval, naming them (order and duplicates do not matter)", () => {
    expect(inEnglish(fixedTimesProblem(["15:00", "10:00", "10:10"], 15)!)).toBe("10:00 and 10:10 are only 10 minutes apart; fixed times must be at least 15 minutes apart.");
    expect(fixedTimesProblem(["10:00", "10:00"], 15)).toBeNull();
    expect(fixedTimesProblem(["10:00", "10:05"], 5)).toBeNull();
  });

  it("the command refuses 30 (or 1,440) times a day with a friendly problem, not a schedule", () => {
    const thirty = Array.from({ length: 30 }, (_, i) => clock(i * 45)).join(",");
    const parsed = parseScheduleSpec(`at ${thirty}`, 15);
    expect(parsed.kind).toBe("invalid");
    if (parsed.kind === "invalid") expect(allInEnglish(parsed.problems).join(" ")).toMatch(/30 times a day; a schedule can have at most 24/);
    const everyMinute = parseScheduleSpec(`at ${Array.from({ length: 1440 }, (_, m) => clock(m)).join(",")}`, 15);
    expect(everyMinute.kind).toBe("invalid");
    const close = parseScheduleSpec("at 10:00,10:01", 15);
    expect(close.kind).toBe("invalid");
    if (close.kind === "invalid") expect(allInEnglish(close.problems)).toContain("10:00 and 10:01 are only 1 minutes apart; fixed times must be at least 15 minutes apart.");
  });

  it("the schedule modal shows the same problem under the times field", () => {
    const result = formInEnglish(parseScheduleForm({ every: "", times: "10:00, 10:05", window: "", days: [1, 2, 3, 4, 5], tz: "UTC", area: "rotate", length: "3m", seated: false }, 15));
    expect(result).toEqual({ ok: false, errors: { times: "10:00 and 10:05 are only 5 minutes apart; fixed times must be at least 15 minutes apart." } });
  });
});
