import { Redis } from "ioredis";

/**
 * BullMQ workers need `maxRetriesPerRequest: null` (blocking commands must not time out), and
 * BullMQ never closes connections it is given: whoever calls this closes the client on shutdown.
 */
export function createRedis(url: string, name: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    connectionName: name,
    lazyConnect: false,
  });
}

export async function pingRedis(redis: Redis): Promise<void> {
  const answer = await redis.ping();
  if (answer !== "PONG") throw new Error(`unexpected PING answer: ${answer}`);
}
