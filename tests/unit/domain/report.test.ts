import { describe, expect, it } from "vitest";
import { buildReport, type WeeklyAggregate } from "../../../src/domain/report.js";

const W1 = "2026-11-09";
const W2 = "2026-11-16";
const agg = (team: string | null, week: string | null, deliveries: number, people: number, completions: number, active: number): WeeklyAggregate => ({
  team,
  week,
  deliveries,
  people,
  completions,
  active,
});

describe("buildReport", () => {
  const aggregates = [
    agg("C0BIG", W1, 50, 5, 20, 4),
    agg("C0BIG", W2, 50, 5, 30, 5),
    agg("C0BIG", null, 100, 5, 50, 5),
    agg("C0TINY", W2, 10, 2, 9, 2),
    agg("C0TINY", null, 10, 2, 9, 2),
    agg("C0TINY2", W2, 0, 1, 1, 1),
    agg("C0TINY2", null, 0, 1, 1, 1),
    agg(null, W1, 50, 5, 20, 4),
    agg(null, W2, 60, 7, 39, 7),
    agg(null, null, 110, 7, 59, 7),
  ];
  const report = buildReport({
    weeks: [W1, W2],
    aggregates,
    streaks: new Map<string | null, number[]>([["C0BIG", [1, 2, 3, 4, 10]], ["C0TINY", [5, 7]], [null, [1, 2, 3, 4, 10, 5, 7]]]),
  });

  it("one series per team with weekly points, trend and median streak", () => {
    expect(report.teams.map((t) => t.team)).toEqual(["C0BIG"]);
    const big = report.teams[0]!;
    expect(big.weeks.map((w) => w.rate)).toEqual([0.4, 0.6]);
    expect(big.trend).toEqual({ arrow: "↑", deltaPoints: 20 });
    expect(big.medianStreak).toBe(3);
    expect(big.size).toBe(5);
  });

  it("folds teams under 3 people into one combined row, never on their own", () => {
    expect(report.smallTeams?.count).toBe(2);
    expect(report.smallTeams?.series.team).toBe("");
    expect(report.smallTeams?.series.weeks.map((w) => w.deliveries)).toEqual([0, 10]);
    expect(report.smallTeams?.series.medianStreak).toBe(6);
  });

  it("leaves small teams out entirely when together they are still under 3 people", () => {
    const alone = buildReport({ weeks: [W1, W2], aggregates: [agg("C0TINY", W2, 10, 2, 9, 2), agg("C0TINY", null, 10, 2, 9, 2)], streaks: new Map() });
    expect(alone.smallTeams).toBeNull();
    expect(alone.teams).toEqual([]);
  });

  it("totals come from the scope-level rows", () => {
    expect(report.total.size).toBe(7);
    expect(report.total.weeks.map((w) => w.completions)).toEqual([20, 39]);
    expect(report.total.rate).toBeCloseTo(59 / 110);
  });

  it("fills weeks without rows with zeros and no rate", () => {
    const sparse = buildReport({ weeks: [W1, W2], aggregates: [agg("C0X", W2, 9, 3, 3, 3), agg("C0X", null, 9, 3, 3, 3)], streaks: new Map() });
    expect(sparse.teams[0]!.weeks[0]).toEqual({ weekStart: W1, people: 0, active: 0, deliveries: 0, completions: 0, rate: null });
    expect(sparse.total.size).toBe(0);
  });
});
