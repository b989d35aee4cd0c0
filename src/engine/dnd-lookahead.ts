import type { Redis } from "ioredis";
import { LuaScript } from "./queues/lua-script.js";

/**
 * Who of a spread slot is due next, per workspace, so a dnd.teamInfo call (50 people, ~20 calls a
 * minute) can be filled with the people whose deliveries come next: they then find their DND answer
 * stored instead of each asking for a call of their own.
 *
 * Why: a 5,000-person slot spread over ~9 minutes brings ~10 deliveries a second, a few per 300 ms
 * batch; each batch wanted its own call, the tier allows one per 3 s, so most deliveries were
 * delayed, came back, missed the next batch and were delayed again (dozens of runs per prompt in
 * bench/multi-tenant.ts). Filled calls need ~12 a minute for the same people.
 */
export interface DndLookahead {
  /** People of a spread slot and when their prompt is due (ms). */
  add(teamId: string, due: Array<{ userId: string; dueAt: number }>): Promise<void>;
  /** Takes (removes) up to `n` of the earliest due, other than `asking` (also removed: they are being asked now). */
  take(teamId: string, asking: string[], n: number): Promise<string[]>;
}

/** How long a slot's list is kept after its last addition (a spread slot lasts minutes, not hours). */
const KEEP_MS = 3 * 3600_000;

// KEYS[1] the workspace's sorted set (score: due ms). ARGV[1] n; ARGV[2..] the people being asked now.
const TAKE = new LuaScript(`
for i = 2, #ARGV do redis.call('ZREM', KEYS[1], ARGV[i]) end
local n = tonumber(ARGV[1])
if n <= 0 then return {} end
local next = redis.call('ZRANGE', KEYS[1], 0, n - 1)
if #next > 0 then redis.call('ZREM', KEYS[1], unpack(next)) end
return next
`);

export class RedisDndLookahead implements DndLookahead {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async add(teamId: string, due: Array<{ userId: string; dueAt: number }>): Promise<void> {
    const key = this.key(teamId);
    for (let i = 0; i < due.length; i += 1000) {
      const args = due.slice(i, i + 1000).flatMap((d) => [d.dueAt, d.userId]);
      await this.redis.zadd(key, ...args);
    }
    await this.redis.pexpire(key, KEEP_MS);
  }

  async take(teamId: string, asking: string[], n: number): Promise<string[]> {
    return (await TAKE.run(this.redis, [this.key(teamId)], [String(n), ...asking])) as string[];
  }

  private key(teamId: string): string {
    return `${this.prefix}:dnd-next:${teamId}`;
  }
}

/** The same in this process's memory (the Postgres job backend: one worker process). */
export class MemoryDndLookahead implements DndLookahead {
  private readonly byTeam = new Map<string, Map<string, number>>();

  async add(teamId: string, due: Array<{ userId: string; dueAt: number }>): Promise<void> {
    if (this.byTeam.size > 10_000) this.byTeam.clear();
    const team = this.byTeam.get(teamId) ?? new Map<string, number>();
    for (const d of due) team.set(d.userId, d.dueAt);
    this.byTeam.set(teamId, team);
  }

  async take(teamId: string, asking: string[], n: number): Promise<string[]> {
    const team = this.byTeam.get(teamId);
    if (!team) return [];
    for (const u of asking) team.delete(u);
    const next = [...team].sort((a, b) => a[1] - b[1]).slice(0, Math.max(0, n)).map(([u]) => u);
    for (const u of next) team.delete(u);
    return next;
  }
}
