import { ErrorCode } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { slotInstant } from "../../../src/engine/processors/slots.js";
import { FANOUT_LEAD_MS, tickSpec } from "../../../src/engine/scheduler-sync.js";
import { MicroBatcher } from "../../../src/engine/micro-batcher.js";
import { classifySlackError } from "../../../src/slack/errors.js";

describe("Slack error classification", () => {
  const platform = (error: string) => ({ code: ErrorCode.PlatformError, data: { ok: false, error } });
  it("tells rate limits, permanent errors (target or workspace), rejections and unknown outcomes apart", () => {
    expect(classifySlackError({ code: ErrorCode.RateLimitedError, retryAfter: 3 })).toEqual({ kind: "rate_limited", retryAfterMs: 3000 });
    for (const e of ["channel_not_found", "not_in_channel", "is_archived", "account_inactive", "user_not_found"]) {
      expect(classifySlackError(platform(e))).toEqual({ kind: "permanent", error: e, scope: "target" });
    }
    for (const e of ["invalid_auth", "token_revoked"]) expect(classifySlackError(platform(e))).toEqual({ kind: "permanent", error: e, scope: "workspace" });
    expect(classifySlackError(platform("invalid_blocks"))).toEqual({ kind: "rejected", error: "invalid_blocks" });
    expect(classifySlackError(platform("internal_error")).kind).toBe("unknown_outcome");
    expect(classifySlackError({ code: ErrorCode.HTTPError, statusCode: 503 }).kind).toBe("unknown_outcome");
    expect(classifySlackError(new Error("socket hang up")).kind).toBe("unknown_outcome");
  });
});

describe("slot instant of a slot job", () => {
  it("is the tick's scheduled minute (scheduler opts.prevMillis or data.slotAt), not when it runs", () => {
    const at = Date.parse("2026-11-23T09:00:00Z");
    expect(slotInstant({ data: { teamId: "T", scheduleId: "s" }, opts: { prevMillis: at }, timestamp: at + 5000 }).getTime()).toBe(at);
    expect(slotInstant({ data: { teamId: "T", scheduleId: "s", slotAt: at + 59_000 }, opts: {}, timestamp: 0 }).getTime()).toBe(at);
  });

  it("a tick that runs a lead ahead (data.leadMs) fans out the slot a lead after its minute", () => {
    const tick = Date.parse("2026-11-23T08:59:00Z");
    expect(slotInstant({ data: { teamId: "T", scheduleId: "s", leadMs: 60_000 }, opts: { prevMillis: tick }, timestamp: tick + 300 }).toISOString()).toBe("2026-11-23T09:00:00.000Z");
  });
});

describe("tick of a slot job scheduler", () => {
  it("runs a lead (a minute) before each slot minute, wrapping to the previous hour", () => {
    expect(FANOUT_LEAD_MS).toBe(60_000);
    expect(tickSpec([0, 30])).toEqual({ pattern: "29,59 * * * *", tz: "UTC" });
    expect(tickSpec([15])).toEqual({ pattern: "14 * * * *", tz: "UTC" });
    expect(tickSpec([])).toBeNull();
  });
});

describe("MicroBatcher", () => {
  it("batches calls made together, keeps each caller's answer, and fails a batch as a whole", async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number, number>(async (items) => {
      batches.push(items);
      if (items.includes(-1)) throw new Error("boom");
      return items.map((i) => i * 2);
    });
    expect(await Promise.all([1, 2, 3].map((i) => batcher.add(i)))).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
    await expect(Promise.all([batcher.add(4), batcher.add(-1)])).rejects.toThrow("boom");
    expect(await batcher.add(5)).toBe(10);
  });

  it("never runs more than maxSize items per batch", async () => {
    const sizes: number[] = [];
    const batcher = new MicroBatcher<number, number>(async (items) => (sizes.push(items.length), items), { maxSize: 4, maxInFlight: 1 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => batcher.add(i)));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10);
  });
});
