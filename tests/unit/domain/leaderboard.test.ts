import { describe, expect, it } from "vitest";
import {
  buildBoard,
  median,
  percent,
  rate,
  sparkline,
  textBar,
  trend,
  type PersonTally,
} from "../../../src/domain/leaderboard.js";

const person = (userId: string, completions: number, deliveries: number, extra: Partial<PersonTally> = {}): PersonTally => ({
  userId,
  completions,
  deliveries,
  streak: 0,
  hidden: false,
  ...extra,
});

describe("rate", () => {
  it("divides completions by deliveries, capped at 100 %", () => {
    expect(rate(5, 8)).toBe(0.625);
    expect(rate(9, 8)).toBe(1);
    expect(rate(0, 0)).toBeNull();
    expect(rate(2, 0)).toBe(1);
  });
});

describe("buildBoard", () => {
  it("ranks by completions, then rate, then streak, and numbers visible rows 1…n", () => {
    const board = buildBoard([
      person("U1", 5, 10),
      person("U2", 5, 5),
      person("U3", 7, 20),
      person("U4", 5, 5, { streak: 4 }),
    ]);
    expect(board.rows.map((r) => r.userId)).toEqual(["U3", "U4", "U2", "U1"]);
    expect(board.rows.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    expect(board.totalsOnly).toBe(false);
  });

  it("never names hidden people but counts them in totals and in the private count", () => {
    const board = buildBoard([person("U1", 3, 5), person("UHIDDEN", 9, 9, { hidden: true }), person("U3", 1, 5), person("UIDLE", 0, 5)]);
    expect(board.rows.map((r) => r.userId)).toEqual(["U1", "U3"]);
    expect(JSON.stringify(board.rows)).not.toContain("UHIDDEN");
    expect(board.hiddenParticipants).toBe(1);
    expect(board.totals).toEqual({ people: 4, participants: 3, completions: 13, deliveries: 24, rate: 13 / 24 });
  });

  it("lists nobody for doing nothing", () => {
    const board = buildBoard([person("U1", 0, 5), person("U2", 0, 5), person("U3", 1, 5)]);
    expect(board.rows.map((r) => r.userId)).toEqual(["U3"]);
  });

  it("keeps the top 10 only", () => {
    const many = Array.from({ length: 25 }, (_, i) => person(`U${String(i).padStart(2, "0")}`, i + 1, 30));
    const board = buildBoard(many);
    expect(board.rows).toHaveLength(10);
    expect(board.rows[0]!.userId).toBe("U24");
    expect(board.totals.people).toBe(25);
  });

  it("shows teams smaller than 3 people as totals only", () => {
    const board = buildBoard([person("U1", 3, 5), person("U2", 1, 5)]);
    expect(board.totalsOnly).toBe(true);
    expect(board.rows).toEqual([]);
    expect(board.totals.completions).toBe(4);
  });
});

describe("median, trend and text", () => {
  it("median of odd and even counts, null for none", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it("trend compares the last two weeks with data, ignoring gaps and small wobbles", () => {
    expect(trend([0.4, null, 0.5])).toEqual({ arrow: "↑", deltaPoints: 10 });
    expect(trend([0.6, 0.5])).toEqual({ arrow: "↓", deltaPoints: -10 });
    expect(trend([0.5, 0.51])).toEqual({ arrow: "→", deltaPoints: 1 });
    expect(trend([0.5])).toEqual({ arrow: "→", deltaPoints: null });
  });

  it("draws text bars and sparklines", () => {
    expect(textBar(0.62)).toBe("▇▇▇▁▁ 62%");
    expect(textBar(1)).toBe("▇▇▇▇▇ 100%");
    expect(textBar(0)).toBe("▁▁▁▁▁ 0%");
    expect(textBar(null)).toBe("▁▁▁▁▁ –");
    expect(textBar(0.5, 10)).toBe("▇▇▇▇▇▁▁▁▁▁ 50%");
    expect(sparkline([0, 0.5, 1, null])).toBe("▁▅█·");
    expect(percent(0.125)).toBe("13%");
  });
});
