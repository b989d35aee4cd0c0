import { describe, expect, it } from "vitest";
import { MemoryWorkspaceRateLimiter } from "../../../src/engine/workspace-rate-limiter.js";

/** The in-memory limiter (the demo's, one process) on a clock the test moves: exact arithmetic. */
function limiter(perMinute: number) {
  let now = 1_000_000;
  const l = new MemoryWorkspaceRateLimiter(perMinute, () => now);
  return { l, advance: (ms: number) => (now += ms) };
}

describe("workspace rate limiter: posts booked ahead of a slot", () => {
  it("books from the slot on; a call meanwhile goes now if it fits before the booked block, else after it", async () => {
    // 60 a minute: one a second, a burst of one.
    const { l } = limiter(60);
    expect(await l.reserveAhead("T", "chat.postMessage", 60_000, 30_000)).toEqual({ reserved: true, waitMs: 30_000 });
    expect(await l.reserveAhead("T", "chat.postMessage", 60_000, 30_000)).toEqual({ reserved: true, waitMs: 31_000 });
    // Now: 0, 1 s, …, 29 s fit before the block at 30 s.
    for (let i = 0; i < 30; i++) expect(await l.reserveAhead("T", "chat.postMessage", 3600_000)).toEqual({ reserved: true, waitMs: i * 1_000 });
    // The next would run into it: after the block (30 s, 31 s booked → 32 s).
    expect(await l.reserveAhead("T", "chat.postMessage", 3600_000)).toEqual({ reserved: true, waitMs: 32_000 });
    // Another fan-out for the same slot books after everything booked so far.
    expect(await l.reserveAhead("T", "chat.postMessage", 60_000, 30_000)).toEqual({ reserved: true, waitMs: 33_000 });
    // Now-or-never is refused until then; another workspace is untouched.
    expect(await l.reserve("T", "chat.postMessage")).toBe(34_000);
    expect(await l.reserve("T2", "chat.postMessage")).toBe(0);
  });

  it("once the block's start has come it is the present: calls queue behind it", async () => {
    const { l, advance } = limiter(60);
    for (let i = 0; i < 3; i++) await l.reserveAhead("T", "chat.postMessage", 60_000, 10_000);
    advance(10_000);
    // Booked at 10, 11 and 12 s: the next free second is 13 s, 3 s from now.
    expect(await l.reserveAhead("T", "chat.postMessage", 3600_000)).toEqual({ reserved: true, waitMs: 3_000 });
    expect(await l.reserve("T", "chat.postMessage")).toBe(4_000);
  });

  it("keeps the burst at the slot (9 at once at 580 a minute) and a horizon counted from the slot", async () => {
    const { l } = limiter(580);
    const waits = [];
    for (let i = 0; i < 12; i++) waits.push((await l.reserveAhead("T", "chat.postMessage", 120_000, 60_000)).waitMs);
    expect(waits.slice(0, 9)).toEqual(Array(9).fill(60_000));
    expect(waits[9]).toBeGreaterThan(60_000);
    // Beyond the horizon (from the slot) nothing is booked.
    expect((await l.reserveAhead("T", "chat.postMessage", 0, 60_000)).reserved).toBe(false);
    // A 429 block that ends before the slot does not stop the booking; a longer one does.
    await l.block("T3", "chat.postMessage", 5_000);
    expect((await l.reserveAhead("T3", "chat.postMessage", 10_000, 30_000)).reserved).toBe(true);
    await l.block("T4", "chat.postMessage", 60_000);
    expect(await l.reserveAhead("T4", "chat.postMessage", 10_000, 30_000)).toEqual({ reserved: false, waitMs: 60_000 });
  });
});
