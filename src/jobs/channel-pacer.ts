import type { Redis } from "ioredis";
import type { ChannelPacer } from "../services/engine/delivery.js";

/**
 * Slack's ~1 message per second per channel, shared by every worker process: one Redis key per
 * channel that lives `spacingMs` (SET NX PX). Taken → post now; held → the job is delayed by the
 * key's remaining time (never a sleep inside the worker). DMs don't use it: each is its own channel.
 */
export class RedisChannelPacer implements ChannelPacer {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** Gap between two posts to one channel. Default 1100 ms (a little over Slack's 1/s). */
    private readonly spacingMs = 1100,
  ) {}

  async reserve(teamId: string, channelId: string): Promise<number> {
    const key = `${this.prefix}:pace:${teamId}:${channelId}`;
    const taken = await this.redis.set(key, "1", "PX", this.spacingMs, "NX");
    if (taken === "OK") return 0;
    const left = await this.redis.pttl(key);
    return Math.max(50, left);
  }
}
