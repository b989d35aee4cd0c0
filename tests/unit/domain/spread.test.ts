import { describe, expect, it } from "vitest";
import { describeSpread, spreadWindowMs, stableOffsetMs } from "../../../src/domain/spread.js";

describe("spreading big slots over the workspace's post budget", () => {
  it("spreads only what does not fit in a minute's budget", () => {
    expect(spreadWindowMs(500, 500)).toBe(0);
    expect(spreadWindowMs(2_000, 500)).toBe(4 * 60_000);
    expect(spreadWindowMs(5_000, 600)).toBe(Math.ceil((5_000 / 600) * 60_000));
  });

  it("gives each person a stable offset inside the window, spread evenly", () => {
    const window = 10 * 60_000;
    expect(stableOffsetMs("T1|U1", window)).toBe(stableOffsetMs("T1|U1", window));
    const offsets = Array.from({ length: 5_000 }, (_, i) => stableOffsetMs(`T1|U${i}`, window));
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...offsets)).toBeLessThan(window);
    // Ten one-minute buckets hold about 500 each (a clumped hash would break the budget).
    const buckets = Array.from({ length: 10 }, (_, b) => offsets.filter((o) => Math.floor(o / 60_000) === b).length);
    for (const n of buckets) expect(Math.abs(n - 500)).toBeLessThan(90);
    expect(stableOffsetMs("anything", 0)).toBe(0);
  });

  it("says so in words for /stretch schedule", () => {
    expect(describeSpread(40, 500)).toBeNull();
    expect(describeSpread(2_000, 500)).toMatch(/^2,000 members: prompts go out over about 4 minutes/);
  });
});
