import { describe, expect, it } from "vitest";
import { MAX_SNOOZES, nextWorkdayStart, snoozeOrigin, snoozeSlotKey, snoozesLeft, snoozeUntil } from "../../../src/domain/snooze.js";

const ROOT = "0b6f0a3e-1111-2222-3333-444455556666";
const week = { tz: "Europe/Warsaw", workStartMinute: 9 * 60, workDays: [1, 2, 3, 4, 5] };

describe("snooze", () => {
  it("counts snoozes along the chain; old keys count as one", () => {
    expect(snoozeOrigin(ROOT, "2030-01-07T09:00:00.000Z")).toEqual({ rootId: ROOT, count: 0 });
    expect(snoozeOrigin("x", `snooze:${ROOT}:U1`)).toEqual({ rootId: ROOT, count: 1 });
    expect(snoozeOrigin("x", snoozeSlotKey(ROOT, "U1", 2))).toEqual({ rootId: ROOT, count: 2 });
    expect(snoozesLeft("x", snoozeSlotKey(ROOT, "U1", MAX_SNOOZES))).toBe(0);
    expect(snoozesLeft(ROOT, "now:abc")).toBe(MAX_SNOOZES);
  });

  it("15 min, 1 h", () => {
    const now = new Date("2030-01-07T10:00:00Z");
    expect(snoozeUntil("15m", now, week, null).at).toEqual(new Date("2030-01-07T10:15:00Z"));
    expect(snoozeUntil("1h", now, week, null).at).toEqual(new Date("2030-01-07T11:00:00Z"));
  });

  it("after my meeting: a minute after its end when known, else an hour (and says so)", () => {
    const now = new Date("2030-01-07T10:00:00Z");
    expect(snoozeUntil("meeting", now, week, new Date("2030-01-07T10:40:00Z"))).toEqual({ at: new Date("2030-01-07T10:41:00Z"), fellBack: false });
    expect(snoozeUntil("meeting", now, week, null)).toEqual({ at: new Date("2030-01-07T11:00:00Z"), fellBack: true });
    expect(snoozeUntil("meeting", now, week, new Date("2030-01-07T09:00:00Z")).fellBack).toBe(true);
  });

  it("tomorrow: the start of the next working day in the person's zone (Friday → Monday, across DST)", () => {
    // Monday 2030-01-07 11:00 Warsaw → Tuesday 09:00 Warsaw (08:00 UTC in winter).
    expect(nextWorkdayStart(new Date("2030-01-07T10:00:00Z"), week)).toEqual(new Date("2030-01-08T08:00:00Z"));
    // Friday 2030-01-11 → Monday 2030-01-14.
    expect(snoozeUntil("tomorrow", new Date("2030-01-11T15:00:00Z"), week, null).at).toEqual(new Date("2030-01-14T08:00:00Z"));
    // Saturday 2030-03-30 in Warsaw; DST starts Sunday 31 March: Monday 09:00 is 07:00 UTC.
    expect(nextWorkdayStart(new Date("2030-03-30T12:00:00Z"), week)).toEqual(new Date("2030-04-01T07:00:00Z"));
  });
});
