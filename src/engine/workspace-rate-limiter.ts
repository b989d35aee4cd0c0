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

/*
 * GCRA with one booked-ahead block. A fan-out ahead of its slot books the slot's posts from the
 * slot on (startIn > 0): those bookings form a block [s, t) kept apart from the present timeline,
 * so a call made meanwhile (a `/stretch now` in the minute before a slot, another schedule's
 * prompt) is not pushed behind the whole block: it goes now if it fits before the block starts,
 * else after the block. Once the block's start has come it merges into the present timeline.
 * Conformance: present calls keep their tat at or before s, so the block's burst at s is what a
 * single timeline would have allowed.
 *
 * KEYS[1] present tat, KEYS[2] 429 block, KEYS[3] booked-ahead block (hash s, t).
 * ARGV: interval ms, burst tolerance ms, horizon ms (book only if the wait is within it; 0 = now
 * or never), startIn ms (book from now + startIn). Returns {wait from now, reserved 0|1}.
 * Uses Redis' clock so all processes agree.
 */
const RESERVE_AHEAD = new LuaScript(`
local startIn = tonumber(ARGV[4])
local blocked = redis.call('PTTL', KEYS[2])
if blocked > startIn then return {blocked, 0} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local horizon = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local fs = tonumber(redis.call('HGET', KEYS[3], 's') or '-1')
local ft = tonumber(redis.call('HGET', KEYS[3], 't') or '-1')
if fs >= 0 and fs <= now then
  if ft > tat then tat = ft end
  redis.call('DEL', KEYS[3])
  redis.call('SET', KEYS[1], tat, 'PX', math.ceil(tat - now + 1000))
  fs = -1
end
local function book_in_block(from, start)
  local btat = from
  if fs >= 0 and ft > btat then btat = ft end
  if tat > btat then btat = tat end
  local wait = btat - tolerance - now
  if wait < from - now then wait = from - now end
  if wait - (from - now) > horizon then return {math.floor(wait), 0} end
  local s = start
  if fs >= 0 and fs < s then s = fs end
  redis.call('HSET', KEYS[3], 's', s, 't', btat + interval)
  redis.call('PEXPIRE', KEYS[3], math.ceil(btat + interval - now + 1000))
  return {math.floor(wait), 1}
end
if startIn > 0 then return book_in_block(now + startIn, now + startIn) end
local wait = tat - tolerance - now
if wait < 0 then wait = 0 end
if fs >= 0 and tat + interval > fs then
  -- It would run into the booked block: after the block instead.
  return book_in_block(now, fs)
end
if wait > horizon then return {math.floor(wait), 0} end
local nextTat = tat + interval
redis.call('SET', KEYS[1], nextTat, 'PX', math.ceil(nextTat - now + 1000))
return {math.floor(wait), 1}
`);

export class RedisWorkspaceRateLimiter implements WorkspaceRateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** Workspace-wide chat.postMessage budget per minute (SLACK_POST_RATE_PER_MINUTE). */
    private readonly postRatePerMinute: number,
  ) {}

  async reserve(teamId: string, method: string): Promise<number> {
    if (!limitOf(method, this.postRatePerMinute)) return this.blockedFor(teamId, method);
    // A slot now or never: the same booking with no horizon.
    const r = await this.reserveAhead(teamId, method, 0);
    return r.reserved ? 0 : Math.max(1, r.waitMs);
  }

  async reserveAhead(teamId: string, method: string, horizonMs: number, startInMs = 0): Promise<{ reserved: boolean; waitMs: number }> {
    const limit = limitOf(method, this.postRatePerMinute);
    const startIn = Math.max(0, Math.round(startInMs));
    if (!limit) return { reserved: true, waitMs: Math.max(startIn, await this.blockedFor(teamId, method)) };
    const interval = 60_000 / limit.perMinute;
    const [wait, reserved] = (await RESERVE_AHEAD.run(
      this.redis,
      [this.key("rl", teamId, method), this.key("block", teamId, method), this.key("ahead", teamId, method)],
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
  /** Booked-ahead blocks [s, t) per key (see RESERVE_AHEAD). */
  private readonly ahead = new Map<string, { s: number; t: number }>();
  private readonly blocks = new Map<string, number>();

  constructor(
    private readonly postRatePerMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  async reserve(teamId: string, method: string): Promise<number> {
    const r = this.take(teamId, method, 0, 0);
    return r.reserved ? 0 : Math.max(1, r.waitMs);
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

  /** The Redis script's rules, in memory (RESERVE_AHEAD). */
  private take(teamId: string, method: string, horizonMs: number, startInMs: number): { reserved: boolean; waitMs: number } {
    const key = `${teamId}|${method}`;
    const now = this.now();
    const blocked = (this.blocks.get(key) ?? 0) - now;
    if (blocked > startInMs) return { reserved: false, waitMs: blocked };
    const limit = limitOf(method, this.postRatePerMinute);
    if (!limit) return { reserved: true, waitMs: startInMs };
    const interval = 60_000 / limit.perMinute;
    const tolerance = interval * (limit.burst - 1);
    if (this.tat.size > 100_000) this.tat.clear();
    let tat = Math.max(this.tat.get(key) ?? now, now);
    let block = this.ahead.get(key);
    if (block && block.s <= now) {
      tat = Math.max(tat, block.t);
      this.tat.set(key, tat);
      this.ahead.delete(key);
      block = undefined;
    }
    const bookInBlock = (from: number, start: number) => {
      const btat = Math.max(from, block?.t ?? from, tat);
      const wait = Math.max(btat - tolerance - now, from - now);
      if (wait - (from - now) > horizonMs) return { reserved: false, waitMs: wait };
      this.ahead.set(key, { s: Math.min(start, block?.s ?? start), t: btat + interval });
      return { reserved: true, waitMs: wait };
    };
    if (startInMs > 0) return bookInBlock(now + startInMs, now + startInMs);
    const wait = Math.max(0, tat - tolerance - now);
    // It would run into the booked block: after the block instead.
    if (block && tat + interval > block.s) return bookInBlock(now, block.s);
    if (wait > horizonMs) return { reserved: false, waitMs: wait };
    this.tat.set(key, tat + interval);
    return { reserved: true, waitMs: wait };
  }
}
