import type { Redis } from "ioredis";
import { Redis as RedisClient } from "ioredis";
import type { Queue } from "bullmq";
import type { ConnectionOptions, ExpiringKeys, JobBackend } from "./job-backend.js";
import { createRedis, pingRedis } from "./redis.js";

/** SET NX PX, then PTTL when someone else holds the key. */
export class RedisExpiringKeys implements ExpiringKeys {
  constructor(private readonly redis: Redis) {}

  async claim(key: string, ttlMs: number): Promise<{ taken: boolean; leftMs: number }> {
    const taken = await this.redis.set(key, "1", "PX", ttlMs, "NX");
    if (taken === "OK") return { taken: true, leftMs: 0 };
    return { taken: false, leftMs: Math.max(0, await this.redis.pttl(key)) };
  }
}

/** EXISTS per pipeline: a few thousand keys' replies at most in one buffer. */
const EXISTS_PER_PIPELINE = 1_000;

/**
 * Whether each job's hash (`<prefix>:<queue>:<id>`, queue.toKey) exists: the very test BullMQ's
 * add script makes before treating an id as taken. One pipelined round trip per thousand ids
 * instead of a getState Lua script (eight set look-ups) per id.
 */
export async function redisJobsExist(redis: Redis, queue: Queue, jobIds: readonly string[]): Promise<boolean[]> {
  const out: boolean[] = [];
  for (let i = 0; i < jobIds.length; i += EXISTS_PER_PIPELINE) {
    const pipeline = redis.pipeline();
    for (const id of jobIds.slice(i, i + EXISTS_PER_PIPELINE)) pipeline.exists(queue.toKey(id));
    const replies = await pipeline.exec();
    if (!replies) throw new Error("Redis discarded the EXISTS pipeline");
    for (const [error, n] of replies) {
      if (error) throw error;
      out.push(n === 1);
    }
  }
  return out;
}

/**
 * The production job backend: BullMQ on Redis. One shared connection ("stretch-main") for
 * producers, pacing and locks; every other `connection(name)` is a connection of its own, as the
 * workers had before (a Worker blocks its connection). BullMQ never closes connections it is given,
 * so close() does.
 */
export function redisJobBackend(url: string, prefix: string, onError?: (error: Error, connection: string) => void): JobBackend & { main: Redis } {
  const opened = new Map<string, Redis>();
  const open = (name: string, options: ConnectionOptions = {}): Redis => {
    let connection = opened.get(name);
    if (!connection) {
      connection = options.failFast
        ? new RedisClient(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectionName: name, connectTimeout: options.connectTimeoutMs ?? 2_000 })
        : createRedis(url, name);
      if (onError) connection.on("error", (error: Error) => onError(error, name));
      opened.set(name, connection);
    }
    return connection;
  };
  const main = open("stretch-main");
  return {
    kind: "redis",
    main,
    prefix,
    factory: undefined,
    connection: open,
    keys: new RedisExpiringKeys(main),
    jobsExist: (queue, jobIds) => redisJobsExist(main, queue, jobIds),
    ping: () => pingRedis(main),
    close: async () => {
      await Promise.all([...opened.values()].map((c) => c.quit().catch(() => c.disconnect())));
      opened.clear();
    },
  };
}
