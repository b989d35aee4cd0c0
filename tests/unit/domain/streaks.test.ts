import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeStreak, milestonesReached, STREAK_MILESTONES } from "../../../src/domain/streaks.js";

/** Day n after 2026-01-05 (a Monday) as "YYYY-MM-DD". */
const day = (n: number) => new Date(Date.UTC(2026, 0, 5 + n)).toISOString().slice(0, 10);

describe("computeStreak (table)", () => {
  const cases: Array<{ name: string; completed: number[]; delivered: number[]; today: number; current: number; best: number }> = [
    { name: "nothing at all", completed: [], delivered: [], today: 10, current: 0, best: 0 },
    { name: "delivered but never completed", completed: [], delivered: [0, 1, 2], today: 3, current: 0, best: 0 },
    { name: "three days in a row", completed: [0, 1, 2], delivered: [0, 1, 2], today: 2, current: 3, best: 3 },
    { name: "today not done yet does not break it", completed: [0, 1, 2], delivered: [0, 1, 2, 3], today: 3, current: 3, best: 3 },
    { name: "yesterday missed breaks it", completed: [0, 1], delivered: [0, 1, 2, 3], today: 3, current: 0, best: 2 },
    { name: "weekend without prompts does not break it", completed: [3, 4, 7, 8], delivered: [3, 4, 7, 8], today: 8, current: 4, best: 4 },
    { name: "holiday in the middle (no delivery) does not break it", completed: [0, 1, 3], delivered: [0, 1, 3], today: 4, current: 3, best: 3 },
    { name: "missed day in the middle", completed: [0, 1, 2, 4, 5], delivered: [0, 1, 2, 3, 4, 5], today: 5, current: 2, best: 3 },
    { name: "completion without a delivery counts (channel prompt)", completed: [0, 1, 2], delivered: [0, 2], today: 2, current: 3, best: 3 },
    { name: "several completions on one day count once", completed: [0, 0, 0, 1], delivered: [0, 0, 1], today: 1, current: 2, best: 2 },
    { name: "future rows are ignored", completed: [0, 1, 9], delivered: [0, 1, 2, 9], today: 2, current: 2, best: 2 },
    { name: "only today, done", completed: [5], delivered: [5], today: 5, current: 1, best: 1 },
    { name: "only today, not done", completed: [], delivered: [5], today: 5, current: 0, best: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = computeStreak({ completedDates: c.completed.map(day), deliveredDates: c.delivered.map(day), today: day(c.today) });
      expect(result).toEqual({ current: c.current, best: c.best });
    });
  }

  it("ignores malformed dates instead of trusting them", () => {
    expect(computeStreak({ completedDates: ["nope", "2026-1-5", day(0)], deliveredDates: ["", day(0)], today: day(0) })).toEqual({ current: 1, best: 1 });
  });
});

/** Naive model: walk every calendar day from the first to today. */
function model(completed: Set<number>, delivered: Set<number>, today: number): { current: number; best: number } {
  let run = 0;
  let best = 0;
  for (let d = 0; d <= today; d += 1) {
    const promptDay = completed.has(d) || delivered.has(d);
    if (!promptDay) continue;
    if (completed.has(d)) best = Math.max(best, ++run);
    else if (d !== today) run = 0;
  }
  return { current: run, best };
}

const history = fc.record({
  completed: fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 60 }),
  delivered: fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 60 }),
  today: fc.integer({ min: 0, max: 60 }),
});
const run = (h: { completed: number[]; delivered: number[]; today: number }) =>
  computeStreak({ completedDates: h.completed.map(day), deliveredDates: h.delivered.map(day), today: day(h.today) });

describe("computeStreak (properties)", () => {
  it("agrees with a day-by-day model", () => {
    fc.assert(
      fc.property(history, (h) => {
        const inRange = (xs: number[]) => new Set(xs.filter((x) => x <= h.today));
        expect(run(h)).toEqual(model(inRange(h.completed), inRange(h.delivered), h.today));
      }),
    );
  });

  it("0 ≤ current ≤ best ≤ distinct completed days", () => {
    fc.assert(
      fc.property(history, (h) => {
        const { current, best } = run(h);
        const distinct = new Set(h.completed.filter((d) => d <= h.today)).size;
        return current >= 0 && current <= best && best <= distinct;
      }),
    );
  });

  it("does not depend on order or duplicates", () => {
    fc.assert(
      fc.property(history, (h) => {
        const shuffled = { ...h, completed: [...h.completed].reverse().concat(h.completed), delivered: [...h.delivered].reverse() };
        expect(run(shuffled)).toEqual(run(h));
      }),
    );
  });

  it("days without a delivery or completion never matter (removing empty days changes nothing)", () => {
    fc.assert(
      fc.property(history, (h) => {
        // Re-number the prompt days densely: gaps between them are days off.
        const promptDays = [...new Set([...h.completed, ...h.delivered, h.today])].sort((a, b) => a - b);
        const dense = (d: number) => promptDays.indexOf(d);
        const compact = { completed: h.completed.map(dense), delivered: h.delivered.map(dense), today: dense(h.today) };
        expect(run(compact)).toEqual(run(h));
      }),
    );
  });

  it("an uncompleted delivery today never lowers the streak; completing today raises it by one", () => {
    fc.assert(
      fc.property(history, (h) => {
        const before = run(h);
        const completedToday = h.completed.includes(h.today);
        const pending = run({ ...h, delivered: [...h.delivered, h.today] });
        expect(pending.current).toBe(before.current);
        if (!completedToday) expect(run({ ...h, completed: [...h.completed, h.today] }).current).toBe(before.current + 1);
      }),
    );
  });

  it("a missed prompt day before today caps the current streak at the completed days after it", () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 1, max: 60 }), (h, back) => {
        const missed = h.today - back;
        fc.pre(missed >= 0 && !h.completed.includes(missed));
        const result = run({ ...h, delivered: [...h.delivered, missed] });
        const after = new Set(h.completed.filter((d) => d > missed && d <= h.today)).size;
        expect(result.current).toBeLessThanOrEqual(after);
      }),
    );
  });
});

describe("milestonesReached", () => {
  it("celebrates each milestone crossed, once", () => {
    expect(STREAK_MILESTONES).toEqual([5, 10, 21, 66]);
    expect(milestonesReached(4, 5)).toEqual([5]);
    expect(milestonesReached(5, 6)).toEqual([]);
    expect(milestonesReached(0, 21)).toEqual([5, 10, 21]);
    expect(milestonesReached(12, 5)).toEqual([]);
    expect(milestonesReached(65, 66)).toEqual([66]);
    expect(milestonesReached(66, 200)).toEqual([]);
  });

  it("never returns a milestone above current or at/below the previous best", () => {
    fc.assert(
      fc.property(fc.nat(100), fc.nat(100), (prev, cur) => milestonesReached(prev, cur).every((m) => m > prev && m <= cur)),
    );
  });
});
