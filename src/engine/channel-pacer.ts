import type { ChannelPacer } from "./delivery.js";
import type { ExpiringKeys } from "./queues/job-backend.js";

/**
 * Slack's ~1 message per second per channel, shared by every worker process: one expiring key per
 * channel that lives `spacingMs` (Redis SET NX PX, or a row in Postgres; see job-backend.ts).
 * Taken → post now; held → the job is delayed by the key's remaining time (never a sleep inside the
 * worker). DMs don't use it: each is its own channel.
 */
export class KeyedChannelPacer implements ChannelPacer {
  constructor(
    private readonly keys: ExpiringKeys,
    private readonly prefix: string,
    /** Gap between two posts to one channel. Default 1100 ms (a little over Slack's 1/s). */
    private readonly spacingMs = 1100,
  ) {}

  async reserve(teamId: string, channelId: string): Promise<number> {
    const { taken, leftMs } = await this.keys.claim(`${this.prefix}:pace:${teamId}:${channelId}`, this.spacingMs);
    return taken ? 0 : Math.max(50, leftMs);
  }
}
