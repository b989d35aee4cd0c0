import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cronMinutes, intersectWithWorkHours, isSlot, localSlotMinutes, nextSlot, slotsBetween, type SlotRule } from "../../../src/domain/slots.js";
import { isValidZone, localDate } from "../../../src/time/zones.js";

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const WEEKDAYS = [1, 2, 3, 4, 5];
const rule = (over: Partial<SlotRule>): SlotRule => ({
  intervalMinutes: null,
  times: [],
  windowStartMinute: 0,
  windowEndMinute: 24 * 60,
  days: EVERY_DAY,
  ...over,
});
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const hourly9to17 = rule({ intervalMinutes: 60, windowStartMinute: 9 * 60, windowEndMinute: 17 * 60, days: WEEKDAYS });
/** Any instant works: cron minutes depend only on the zones' offsets in the years around it. */
const NOW = new Date("2026-06-01T00:00:00Z");

describe("interval grids", () => {
  it("09:00-17:00 every 60m gives 09:00…16:00 local (start < end), in the zone's offset", () => {
    // Monday 23 Nov 2026, Warsaw is UTC+1.
    const slots = slotsBetween(hourly9to17, "Europe/Warsaw", new Date("2026-11-23T00:00:00Z"), new Date("2026-11-24T00:00:00Z"));
    expect(iso(slots)).toEqual([8, 9, 10, 11, 12, 13, 14, 15].map((h) => `2026-11-23T${String(h).padStart(2, "0")}:00:00.000Z`));
  });

  it("every 90m from 09:00 to 17:00 gives 09:00, 10:30, 12:00, 13:30, 15:00, 16:30", () => {
    expect(localSlotMinutes(rule({ intervalMinutes: 90, windowStartMinute: 540, windowEndMinute: 1020 }))).toEqual([540, 630, 720, 810, 900, 990]);
    const slots = slotsBetween(rule({ intervalMinutes: 90, windowStartMinute: 540, windowEndMinute: 1020 }), "UTC", new Date("2026-11-23T00:00:00Z"), new Date("2026-11-24T00:00:00Z"));
    expect(iso(slots).map((s) => s.slice(11, 16))).toEqual(["09:00", "10:30", "12:00", "13:30", "15:00", "16:30"]);
  });

  it("a slot exactly at the window end is not included", () => {
    expect(localSlotMinutes(rule({ intervalMinutes: 120, windowStartMinute: 540, windowEndMinute: 1020 }))).toEqual([540, 660, 780, 900]);
  });

  it("half-hour zones (Asia/Kolkata, UTC+5:30) land on :30 UTC", () => {
    const slots = slotsBetween(hourly9to17, "Asia/Kolkata", new Date("2026-11-23T00:00:00Z"), new Date("2026-11-24T00:00:00Z"));
    expect(slots[0]!.toISOString()).toBe("2026-11-23T03:30:00.000Z");
    expect(slots).toHaveLength(8);
    expect(slots.every((s) => s.getUTCMinutes() === 30)).toBe(true);
  });

  it("filters by the LOCAL weekday, not the UTC one", () => {
    // Monday 08:00 in Auckland (UTC+13 in November) is Sunday 19:00 UTC.
    const mondayOnly = rule({ times: ["08:00"], days: [1] });
    const slots = slotsBetween(mondayOnly, "Pacific/Auckland", new Date("2026-11-22T00:00:00Z"), new Date("2026-11-24T00:00:00Z"));
    expect(iso(slots)).toEqual(["2026-11-22T19:00:00.000Z"]);
  });

  it("skips days not in the rule (weekend)", () => {
    const slots = slotsBetween(hourly9to17, "Europe/Warsaw", new Date("2026-11-21T00:00:00Z"), new Date("2026-11-23T00:00:00Z"));
    expect(slots).toEqual([]);
  });

  it("[from, to) is half-open and the result ascending", () => {
    const from = new Date("2026-11-23T09:00:00Z");
    const to = new Date("2026-11-23T12:00:00Z");
    expect(iso(slotsBetween(hourly9to17, "UTC", from, to))).toEqual(["2026-11-23T09:00:00.000Z", "2026-11-23T10:00:00.000Z", "2026-11-23T11:00:00.000Z"]);
  });

  it("no interval and no times, or no days, gives no slots", () => {
    const from = new Date("2026-11-23T00:00:00Z");
    const to = new Date("2026-11-30T00:00:00Z");
    expect(slotsBetween(rule({}), "UTC", from, to)).toEqual([]);
    expect(slotsBetween({ ...hourly9to17, days: [] }, "UTC", from, to)).toEqual([]);
    expect(nextSlot({ ...hourly9to17, days: [] }, "UTC", from)).toBeNull();
  });
});

describe("fixed times", () => {
  it("uses the times as given, sorted and de-duplicated, ignoring the interval and the window", () => {
    const r = rule({ intervalMinutes: 60, times: ["15:00", "10:00", "11:30", "10:00"], windowStartMinute: 720, windowEndMinute: 780 });
    const slots = slotsBetween(r, "Europe/Warsaw", new Date("2026-11-23T00:00:00Z"), new Date("2026-11-24T00:00:00Z"));
    expect(iso(slots)).toEqual(["2026-11-23T09:00:00.000Z", "2026-11-23T10:30:00.000Z", "2026-11-23T14:00:00.000Z"]);
  });
});

describe("DST in Europe/Warsaw", () => {
  const times = rule({ times: ["01:30", "02:00", "02:30", "03:00", "03:30"] });

  it("spring forward (2026-03-29): 02:00 and 02:30 do not exist and move to 03:00, once", () => {
    const slots = slotsBetween(times, "Europe/Warsaw", new Date("2026-03-28T23:00:00Z"), new Date("2026-03-29T22:00:00Z"));
    // 01:30 CET = 00:30Z; 03:00 CEST = 01:00Z; 03:30 CEST = 01:30Z.
    expect(iso(slots)).toEqual(["2026-03-29T00:30:00.000Z", "2026-03-29T01:00:00.000Z", "2026-03-29T01:30:00.000Z"]);
  });

  it("fall back (2026-10-25): 02:00 and 02:30 happen twice and give one slot each, the first", () => {
    const slots = slotsBetween(times, "Europe/Warsaw", new Date("2026-10-24T22:00:00Z"), new Date("2026-10-25T23:00:00Z"));
    // 01:30 CEST = 23:30Z (24th); 02:00 CEST = 00:00Z; 02:30 CEST = 00:30Z; 03:00 CET = 02:00Z; 03:30 CET = 02:30Z.
    expect(iso(slots)).toEqual([
      "2026-10-24T23:30:00.000Z",
      "2026-10-25T00:00:00.000Z",
      "2026-10-25T00:30:00.000Z",
      "2026-10-25T02:00:00.000Z",
      "2026-10-25T02:30:00.000Z",
    ]);
  });

  it("an hourly grid across the night keeps one slot per local hour and stays on local 09:00 after the change", () => {
    const night = rule({ intervalMinutes: 60, windowStartMinute: 0, windowEndMinute: 24 * 60 });
    const spring = slotsBetween(night, "Europe/Warsaw", new Date("2026-03-28T23:00:00Z"), new Date("2026-03-29T22:00:00Z"));
    expect(spring).toHaveLength(23); // 02:00 folds into 03:00
    const fall = slotsBetween(night, "Europe/Warsaw", new Date("2026-10-24T22:00:00Z"), new Date("2026-10-25T23:00:00Z"));
    expect(fall).toHaveLength(24); // 02:00 only once although the day has 25 hours
    expect(iso(slotsBetween(hourly9to17, "Europe/Warsaw", new Date("2026-03-30T00:00:00Z"), new Date("2026-03-30T08:00:00Z")))).toEqual([
      "2026-03-30T07:00:00.000Z",
    ]);
  });
});

describe("DST in America/New_York", () => {
  it("spring forward (2026-03-08): 02:30 moves to 03:00 EDT", () => {
    const slots = slotsBetween(rule({ times: ["01:59", "02:30", "09:00"] }), "America/New_York", new Date("2026-03-08T05:00:00Z"), new Date("2026-03-09T04:00:00Z"));
    expect(iso(slots)).toEqual(["2026-03-08T06:59:00.000Z", "2026-03-08T07:00:00.000Z", "2026-03-08T13:00:00.000Z"]);
  });

  it("fall back (2026-11-01): 01:30 happens twice, one slot at the EDT occurrence", () => {
    const slots = slotsBetween(rule({ times: ["01:30"] }), "America/New_York", new Date("2026-11-01T00:00:00Z"), new Date("2026-11-02T00:00:00Z"));
    expect(iso(slots)).toEqual(["2026-11-01T05:30:00.000Z"]);
    expect(isSlot(rule({ times: ["01:30"] }), "America/New_York", new Date("2026-11-01T06:30:00Z"))).toBe(false);
  });

  it("09:00 stays 09:00 local on both sides of the change", () => {
    const r = rule({ times: ["09:00"] });
    expect(nextSlot(r, "America/New_York", new Date("2026-03-07T15:00:00Z"))!.toISOString()).toBe("2026-03-08T13:00:00.000Z");
    expect(nextSlot(r, "America/New_York", new Date("2026-03-06T15:00:00Z"))!.toISOString()).toBe("2026-03-07T14:00:00.000Z");
  });
});

describe("nextSlot", () => {
  it("is strictly after the given instant", () => {
    const at9 = new Date("2026-11-23T08:00:00Z"); // 09:00 Warsaw, a slot
    expect(isSlot(hourly9to17, "Europe/Warsaw", at9)).toBe(true);
    expect(nextSlot(hourly9to17, "Europe/Warsaw", at9)!.toISOString()).toBe("2026-11-23T09:00:00.000Z");
  });

  it("jumps over the weekend: Friday 17:00 → Monday 09:00", () => {
    expect(nextSlot(hourly9to17, "Europe/Warsaw", new Date("2026-11-27T16:00:00Z"))!.toISOString()).toBe("2026-11-30T08:00:00.000Z");
  });

  it("finds a once-a-week slot six days and 23 hours away", () => {
    const weekly = rule({ times: ["09:00"], days: [1] });
    expect(nextSlot(weekly, "UTC", new Date("2026-11-23T09:01:00Z"))!.toISOString()).toBe("2026-11-30T09:00:00.000Z");
  });

  it("agrees with slotsBetween for random rules, zones and instants", () => {
    const zones = ["Europe/Warsaw", "America/New_York", "Asia/Kolkata", "UTC", "Australia/Lord_Howe"];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 240 }),
        fc.integer({ min: 0, max: 1380 }),
        fc.subarray(EVERY_DAY, { minLength: 1 }),
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) }),
        (interval, start, days, tz, t) => {
          const r = rule({ intervalMinutes: interval, windowStartMinute: start, windowEndMinute: Math.min(1440, start + 600), days });
          const after = new Date(t);
          const expected = slotsBetween(r, tz, new Date(t + 1), new Date(t + 8 * 86_400_000 + 1))[0] ?? null;
          expect(nextSlot(r, tz, after)).toEqual(expected);
          if (expected) expect(isSlot(r, tz, expected)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("isSlot", () => {
  it("has minute precision", () => {
    expect(isSlot(hourly9to17, "Europe/Warsaw", new Date("2026-11-23T08:00:59Z"))).toBe(true);
    expect(isSlot(hourly9to17, "Europe/Warsaw", new Date("2026-11-23T08:01:00Z"))).toBe(false);
    expect(isSlot(hourly9to17, "Europe/Warsaw", new Date("2026-11-23T16:00:00Z"))).toBe(false); // 17:00 local, window end
  });

  it("accepts the gap-moved slot and not the skipped wall time", () => {
    const r = rule({ times: ["02:30"] });
    expect(isSlot(r, "Europe/Warsaw", new Date("2026-03-29T01:00:00Z"))).toBe(true); // 03:00 CEST
    expect(isSlot(r, "Europe/Warsaw", new Date("2026-03-29T01:30:00Z"))).toBe(false); // luxon's naive 03:30
  });
});

describe("cronMinutes", () => {
  it("is the UTC minute-of-hour of slots in every zone, sorted", () => {
    expect(cronMinutes(hourly9to17, ["Europe/Warsaw"], NOW)).toEqual([0]);
    expect(cronMinutes(hourly9to17, ["Europe/Warsaw", "Asia/Kolkata"], NOW)).toEqual([0, 30]);
    expect(cronMinutes(hourly9to17, ["Asia/Kathmandu"], NOW)).toEqual([15]); // UTC+5:45
    expect(cronMinutes(rule({ times: ["10:15", "11:30"] }), ["America/New_York", "America/St_Johns"], NOW)).toEqual([0, 15, 30, 45]);
  });

  it("covers a 90-minute grid in mixed zones", () => {
    const r = rule({ intervalMinutes: 90, windowStartMinute: 540, windowEndMinute: 1020 });
    expect(cronMinutes(r, ["UTC", "Asia/Kolkata"], NOW)).toEqual([0, 30]);
  });

  it("includes the minute a gap-moved slot lands on (Lord Howe shifts by 30 minutes)", () => {
    expect(cronMinutes(rule({ times: ["02:15"] }), ["Australia/Lord_Howe"], NOW)).toEqual([15, 30, 45]);
  });

  it("every slot of a random rule starts on one of its cron minutes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 180 }),
        fc.integer({ min: 0, max: 1400 }),
        fc.constantFrom("Europe/Warsaw", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Asia/Kathmandu"),
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 20) }),
        (interval, start, tz, t) => {
          const r = rule({ intervalMinutes: interval, windowStartMinute: start, windowEndMinute: 1440 });
          const minutes = new Set(cronMinutes(r, [tz], new Date(t)));
          for (const s of slotsBetween(r, tz, new Date(t), new Date(t + 3 * 86_400_000))) expect(minutes.has(s.getUTCMinutes())).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("is empty when the rule has no slots", () => {
    expect(cronMinutes(rule({}), ["UTC"], NOW)).toEqual([]);
  });
});

describe("intersectWithWorkHours", () => {
  const person = { workStartMinute: 9 * 60 + 30, workEndMinute: 16 * 60, workDays: [1, 2, 3, 4] };

  it("keeps the interval grid aligned while narrowing the window and days", () => {
    const r = rule({ intervalMinutes: 90, windowStartMinute: 540, windowEndMinute: 1020, days: WEEKDAYS });
    const mine = intersectWithWorkHours(r, person);
    expect(mine.days).toEqual([1, 2, 3, 4]);
    expect(localSlotMinutes(mine)).toEqual([630, 720, 810, 900]); // 10:30 … 15:00, not 09:30-based
  });

  it("keeps only fixed times inside the working window", () => {
    const mine = intersectWithWorkHours(rule({ times: ["09:00", "10:00", "16:00"], days: WEEKDAYS }), person);
    expect(mine.times).toEqual(["10:00"]);
  });

  it("gives a rule with no slots when nothing overlaps", () => {
    const early = rule({ times: ["07:00"] });
    expect(slotsBetween(intersectWithWorkHours(early, person), "UTC", new Date("2026-11-23T00:00:00Z"), new Date("2026-11-30T00:00:00Z"))).toEqual([]);
    const evening = rule({ intervalMinutes: 30, windowStartMinute: 17 * 60, windowEndMinute: 20 * 60 });
    expect(localSlotMinutes(intersectWithWorkHours(evening, person))).toEqual([]);
  });
});

describe("localDate and isValidZone", () => {
  it("gives the calendar day in the zone", () => {
    const instant = new Date("2026-11-23T23:30:00Z");
    expect(localDate(instant, "UTC")).toBe("2026-11-23");
    expect(localDate(instant, "Europe/Warsaw")).toBe("2026-11-24");
    expect(localDate(instant, "America/Los_Angeles")).toBe("2026-11-23");
  });

  it("knows IANA zones", () => {
    expect(isValidZone("Europe/Warsaw")).toBe(true);
    expect(isValidZone("Asia/Kolkata")).toBe(true);
    expect(isValidZone("UTC")).toBe(true);
    expect(isValidZone("Mars/Olympus")).toBe(false);
    expect(isValidZone("")).toBe(false);
  });
});
