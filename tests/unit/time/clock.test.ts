import { describe, expect, it } from "vitest";
import { ManualClock, OffsetClock, systemClock } from "../../../src/time/clock.js";

describe("clocks", () => {
  it("the system clock is the machine's", () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it("a manual clock stands still until set or advanced", () => {
    const clock = new ManualClock(new Date("2030-01-07T09:00:00Z"));
    expect(clock.now().toISOString()).toBe("2030-01-07T09:00:00.000Z");
    expect(clock.now().toISOString()).toBe("2030-01-07T09:00:00.000Z");
    expect(clock.advance(90_000).toISOString()).toBe("2030-01-07T09:01:30.000Z");
    clock.set(new Date("2031-05-01T00:00:00Z"));
    expect(clock.now().toISOString()).toBe("2031-05-01T00:00:00.000Z");
  });

  it("an offset clock runs with the machine's and jumps when advanced", () => {
    const start = new Date(Date.now() + 86_400_000);
    const clock = new OffsetClock(start);
    const first = clock.now().getTime();
    expect(first).toBeGreaterThanOrEqual(start.getTime());
    expect(first - Date.now()).toBeGreaterThan(86_400_000 - 60_000);
    const advanced = clock.advance(3_600_000).getTime();
    expect(advanced - first).toBeGreaterThanOrEqual(3_600_000);
    expect(new OffsetClock().now().getTime() - Date.now()).toBeLessThanOrEqual(0);
  });
});
