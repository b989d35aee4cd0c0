import type { Redis } from "ioredis";
import { limitOf } from "../slack/rate-limits.js";
import { LuaScript } from "./queues/lua-script.js";

/**
 * Per workspace and method pacing, shared by every process through Redis (GCRA: one key holding
 * the "theoretical arrival time" of the next allowed call). `reserve` either takes a slot now (0)
 * or says how long to wait without taking one, so a caller that must wait just delays its job.
 * A 429 `block`s that workspace's calls of that method for Retry-After; nobody else is affected.
 */
export interface WorkspaceRateLimiter {
  /** 0 when this call may go now (the slot is taken), else ms to wait. */
  reserve(teamId: string, method: string): Promise<number>;
  /**
   * Takes the next free slot if it is within `horizonMs`: `{ reserved: true, waitMs }` means "your
   * call goes in waitMs, already counted" (the caller delays once, then calls without asking
   * again); `{ reserved: false, waitMs }` means the budget is booked further ahead than that.
   * Saves the churn of many callers asking again and again for the same few slots.
   * `startInMs` (default 0): book as if asked that much later (a fan-out ahead of its slot books the
   * slot's posts from the slot on); `waitMs` still counts from now, and `horizonMs` from then.
   */
  reserveAhead(teamId: string, method: string, horizonMs: number, startInMs?: number): Promise<{ reserved: boolean; waitMs: number }>;
  /** Slack answered 429: no call of this method for this workspace for `ms`. */
  block(teamId: string, method: string, ms: number): Promise<void>;
  /** ms left on a block (0 when none). */
  blockedFor(teamId: string, method: string): Promise<number>;
}

// KEYS[1] gcra key, KEYS[2] block key. ARGV: interval ms, burst tolerance ms.
// Returns ms to wait (0 = reserved). Uses Redis' clock so all processes agree.
const RESERVE = new LuaScript(`
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then return blocked end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local wait = tat - tolerance - now
if wait > 0 then return wait end
local nextTat = tat + interval
redis.call('SET', KEYS[1], nextTat, 'PX', math.ceil(nextTat - now + 1000))
return 0
`);

// Like RESERVE, but books a slot up to ARGV[3] ms ahead of ARGV[4] ms from now.
// Returns {wait from now, reserved 0|1}.
const RESERVE_AHEAD = new LuaScript(`
local blocked = redis.call('PTTL', KEYS[2])
local startIn = tonumber(ARGV[4])
if blocked > startIn then return {blocked, 0} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local from = now + startIn
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local horizon = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or from)
if tat < from then tat = from end
local wait = tat - tolerance - from
if wait < 0 then wait = 0 end
if wait > horizon then return {math.floor(wait + startIn), 0} end
local nextTat = tat + interval
redis.call('SET', KEYS[1], nextTat, 'PX', math.ceil(nextTat - now + 1000))
return {math.floor(wait + startIn), 1}
`);

export class RedisWorkspaceRateLimiter implements WorkspaceRateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** Workspace-wide chat.postMessage budget per minute (SLACK_POST_RATE_PER_MINUTE). */
    private readonly postRatePerMinute: number,
  ) {}

  async reserve(teamId: string, method: string): Promise<number> {
    const limit = limitOf(method, this.postRatePerMinute);
    if (!limit) return this.blockedFor(teamId, method);
    const interval = 60_000 / limit.perMinute;
    const wait = (await RESERVE.run(this.redis, [this.key("rl", teamId, method), this.key("block", teamId, method)], [String(interval), String(interval * (limit.burst - 1))])) as number;
    return Math.max(0, Math.ceil(Number(wait)));
  }

  async reserveAhead(teamId: string, method: string, horizonMs: number, startInMs = 0): Promise<{ reserved: boolean; waitMs: number }> {
    const limit = limitOf(method, this.postRatePerMinute);
    const startIn = Math.max(0, Math.round(startInMs));
    if (!limit) return { reserved: true, waitMs: Math.max(startIn, await this.blockedFor(teamId, method)) };
    const interval = 60_000 / limit.perMinute;
    const [wait, reserved] = (await RESERVE_AHEAD.run(
      this.redis,
      [this.key("rl", teamId, method), this.key("block", teamId, method)],
      [String(interval), String(interval * (limit.burst - 1)), String(horizonMs), String(startIn)],
    )) as [number, number];
    return { reserved: reserved === 1, waitMs: Math.max(0, Number(wait)) };
  }

  async block(teamId: string, method: string, ms: number): Promise<void> {
    // Keeps the longer of two blocks (two 429s answered at once).
    const key = this.key("block", teamId, method);
    const left = await this.redis.pttl(key);
    if (left < ms) await this.redis.set(key, "1", "PX", Math.max(1, Math.ceil(ms)));
  }

  async blockedFor(teamId: string, method: string): Promise<number> {
    return Math.max(0, await this.redis.pttl(this.key("block", teamId, method)));
  }

  private key(kind: string, teamId: string, method: string): string {
    return `${this.prefix}:${kind}:${teamId}:${method}`;
  }
}

/** No pacing (tests and tools that build services without Redis pacing). */
export const unlimited: WorkspaceRateLimiter = {
  reserve: async () => 0,
  reserveAhead: async (_teamId, _method, _horizonMs, startInMs = 0) => ({ reserved: true, waitMs: Math.max(0, startInMs) }),
  block: async () => undefined,
  blockedFor: async () => 0,
};

/**
 * The same GCRA in this process's memory, for the Postgres job backend (the demo: one process).
 * With several worker processes on the Postgres backend each keeps its own budget: run one worker there.
 */
export class MemoryWorkspaceRateLimiter implements WorkspaceRateLimiter {
  private readonly tat = new Map<string, number>();
  private readonly blocks = new Map<string, number>();

  constructor(
    private readonly postRatePerMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  async reserve(teamId: string, method: string): Promise<number> {
    const r = this.take(teamId, method, 0, 0);
    return r.reserved ? 0 : r.waitMs;
  }

  async reserveAhead(teamId: string, method: string, horizonMs: number, startInMs = 0): Promise<{ reserved: boolean; waitMs: number }> {
    return this.take(teamId, method, horizonMs, Math.max(0, startInMs));
  }

  async block(teamId: string, method: string, ms: number): Promise<void> {
    const key = `${teamId}|${method}`;
    this.blocks.set(key, Math.max(this.blocks.get(key) ?? 0, this.now() + ms));
  }

  async blockedFor(teamId: string, method: string): Promise<number> {
    return Math.max(0, (this.blocks.get(`${teamId}|${method}`) ?? 0) - this.now());
  }

  private take(teamId: string, method: string, horizonMs: number, startInMs: number): { reserved: boolean; waitMs: number } {
    const key = `${teamId}|${method}`;
    const now = this.now();
    const blocked = (this.blocks.get(key) ?? 0) - now;
    if (blocked > startInMs) return { reserved: false, waitMs: blocked };
    const limit = limitOf(method, this.postRatePerMinute);
    if (!limit) return { reserved: true, waitMs: startInMs };
    const from = now + startInMs;
    const interval = 60_000 / limit.perMinute;
    const tat = Math.max(this.tat.get(key) ?? from, from);
    const wait = Math.max(0, tat - interval * (limit.burst - 1) - from);
    if (wait > horizonMs) return { reserved: false, waitMs: wait + startInMs };
    if (this.tat.size > 100_000) this.tat.clear();
    this.tat.set(key, tat + interval);
    return { reserved: true, waitMs: wait + startInMs };
  }
}
