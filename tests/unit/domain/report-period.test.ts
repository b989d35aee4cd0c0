import { describe, expect, it } from "vitest";
import { digestDecision } from "../../../src/domain/digest.js";
import { endOfLocalDay, mondayOf, periodDays, weekStarts } from "../../../src/domain/report-period.js";
import { addDays, localDate } from "../../../src/time/zones.js";

describe("report periods", () => {
  it("finds Mondays and week lists like Postgres date_trunc('week')", () => {
    expect(mondayOf("2026-11-22")).toBe("2026-11-16"); // Sunday
    expect(mondayOf("2026-11-23")).toBe("2026-11-23"); // Monday
    expect(weekStarts("2026-11-25", 3)).toEqual(["2026-11-09", "2026-11-16", "2026-11-23"]);
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("board periods are a number of local days up to today (each person's own), or all of them", () => {
    expect(periodDays("week")).toEqual({ days: 7 });
    expect(periodDays("month")).toEqual({ days: 30 });
    expect(periodDays("all")).toEqual({});
  });

  it("local dates and end of day honour the zone; unknown zones fall back to UTC", () => {
    const now = new Date("2026-11-23T23:30:00Z");
    expect(localDate(now, "Asia/Tokyo")).toBe("2026-11-24");
    expect(localDate(now, "America/Denver")).toBe("2026-11-23");
    expect(localDate(now, "Not/AZone")).toBe("2026-11-23");
    // 23:30 UTC is already 00:30 on the 24th in Warsaw: the day ends at 24:00 CET = 23:00 UTC.
    expect(endOfLocalDay(now, "Europe/Warsaw").toISOString()).toBe("2026-11-24T23:00:00.000Z");
    expect(endOfLocalDay(new Date("2026-11-23T12:00:00Z"), "America/Denver").toISOString()).toBe("2026-11-24T07:00:00.000Z");
  });
});

describe("digestDecision", () => {
  it("is due on Monday from 09:00 local time, reporting on the week before", () => {
    // Monday 2026-11-23 09:05 in Warsaw (UTC+1) = 08:05 UTC.
    const d = digestDecision(new Date("2026-11-23T08:05:00Z"), "Europe/Warsaw");
    expect(d).toEqual({ due: true, weekStart: "2026-11-16", today: "2026-11-23" });
  });

  it("is not due before 09:00, after the grace window, or on other days", () => {
    expect(digestDecision(new Date("2026-11-23T07:55:00Z"), "Europe/Warsaw").due).toBe(false);
    expect(digestDecision(new Date("2026-11-23T11:05:00Z"), "Europe/Warsaw").due).toBe(false);
    expect(digestDecision(new Date("2026-11-24T08:05:00Z"), "Europe/Warsaw").due).toBe(false);
  });

  it("uses each manager's own zone: Monday 09:00 in Tokyo is Sunday evening in Europe", () => {
    const now = new Date("2026-11-23T00:10:00Z"); // Mon 09:10 Tokyo, Sun 16:10 New York
    expect(digestDecision(now, "Asia/Tokyo").due).toBe(true);
    expect(digestDecision(now, "America/New_York").due).toBe(false);
    expect(digestDecision(new Date("2026-11-23T14:05:00Z"), "America/New_York").due).toBe(true);
  });

  it("handles DST weeks (Europe/Warsaw switched to CET on 2026-10-25)", () => {
    // Monday 2026-10-26 09:00 CET = 08:00 UTC; the week before included the switch.
    expect(digestDecision(new Date("2026-10-26T08:00:00Z"), "Europe/Warsaw")).toMatchObject({ due: true, weekStart: "2026-10-19" });
    expect(digestDecision(new Date("2026-10-26T07:59:00Z"), "Europe/Warsaw").due).toBe(false);
  });
});
