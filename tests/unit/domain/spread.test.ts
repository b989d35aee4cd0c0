import { describe, expect, it } from "vitest";
import { spreadLine } from "../../../src/bot/views/schedule.js";
import { translator } from "../../../src/i18n/index.js";
import { slotSpread, spreadWindowMs, stableOffsetMs } from "../../../src/domain/spread.js";

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

  it("says so in words for /stretch schedule, in English and Polish", () => {
    expect(slotSpread(40, 500)).toBeNull();
    expect(slotSpread(2_000, 500)).toEqual({ recipients: 2_000, minutes: 4, postsPerMinute: 500 });
    expect(spreadLine(slotSpread(2_000, 500)!)).toMatch(/^2,000 members: prompts go out over about 4 minutes/);
    // Polish groups thousands from five digits (CLDR): "2000", "12 000".
    expect(spreadLine(slotSpread(2_000, 500)!, translator("pl"))).toMatch(/^Odbiorców: 2000\. Przypomnienia wychodzą w ciągu około 4 minut /);
    expect(spreadLine(slotSpread(12_000, 500)!, translator("pl"))).toMatch(/^Odbiorców: 12\s000\. /);
    expect(spreadLine(slotSpread(1_100, 1_000)!, translator("pl"))).toContain("około 2 minut ");
  });
});
