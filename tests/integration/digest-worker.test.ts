import { Queue } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { DIGEST_QUEUE, DIGEST_SCHEDULER_ID } from "../../src/engine/queues/digest-queue.js";
import { startDigestWorker } from "../../src/engine/processors/digests.js";
import { createRedis } from "../../src/engine/queues/redis.js";
import { redisJobBackend } from "../../src/engine/queues/redis-backend.js";
import { createLogger } from "../../src/logger.js";
import { uniqueQueuePrefix } from "../helpers/app.js";
import { eventually } from "../helpers/wait.js";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe("digest worker on real Redis", () => {
  const redis = createRedis(REDIS_URL, "test-digest");
  afterAll(async () => redis.quit());

  it("re-creates its job scheduler after Redis lost this deployment's keys", async () => {
    const prefix = uniqueQueuePrefix("digest");
    let runs = 0;
    const backend = redisJobBackend(REDIS_URL, prefix);
    const worker = await startDigestWorker({
      backend,
      logger: createLogger("silent"),
      services: { digests: { sendDueDigests: async () => void runs++ } } as never,
      resyncEveryMs: 200,
    });
    const queue = new Queue(DIGEST_QUEUE, { connection: redis, prefix });
    try {
      // Start-up does not wait for the upsert (Redis may be down): wait for it here.
      await eventually(async () => (await queue.getJobSchedulers()).length > 0, 5_000);
      expect((await queue.getJobSchedulers()).map((s) => s.key)).toEqual([DIGEST_SCHEDULER_ID]);
      // What a flush does to this deployment: every key under its prefix is gone.
      const keys = await redis.keys(`${prefix}:*`);
      expect(keys.length).toBeGreaterThan(0);
      await redis.del(...keys);
      expect(await queue.getJobSchedulers()).toEqual([]);
      await eventually(async () => (await queue.getJobSchedulers()).some((s) => s.key === DIGEST_SCHEDULER_ID), 5_000);
      await eventually(() => runs > 0, 5_000);
    } finally {
      await worker.close();
      await backend.close();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
  });
});
