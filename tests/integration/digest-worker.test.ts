import { Queue } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import type { EngineServices } from "../../src/engine/index.js";
import { DIGEST_QUEUE, DIGEST_SCHEDULER_ID } from "../../src/engine/queues/digest-queue.js";
import { createQueues } from "../../src/engine/queues/queues.js";
import { createRedis } from "../../src/engine/queues/redis.js";
import { redisJobBackend } from "../../src/engine/queues/redis-backend.js";
import { startEngine } from "../../src/engine/start.js";
import { createLogger } from "../../src/logger.js";
import { TEST_BOT_TOKEN, uniqueQueuePrefix } from "../helpers/app.js";
import { TEST_SIGNING_SECRET } from "../helpers/slack-requests.js";
import { eventually } from "../helpers/wait.js";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** The engine with nothing to reconcile: what is left to watch is the digest queue. */
const idleEngine = { reconciler: { reconcileAll: async () => ({ active: 0 }) } } as unknown as EngineServices;

describe("digests as an engine queue, on real Redis", () => {
  const redis = createRedis(REDIS_URL, "test-digest");
  afterAll(async () => redis.quit());

  it("the reconcile loop re-creates the digest job scheduler after Redis lost this deployment's keys", async () => {
    const prefix = uniqueQueuePrefix("digest");
    let runs = 0;
    // A 1 s reconcile interval (the smallest the config takes) stands in for the default 30 s.
    const config = loadConfig({ SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, DATABASE_URL: "postgres://127.0.0.1:5432/unused", QUEUE_PREFIX: prefix, RECONCILE_INTERVAL_SECONDS: "1" });
    const backend = redisJobBackend(REDIS_URL, prefix);
    const queues = createQueues(backend);
    const engine = await startEngine({
      config,
      logger: createLogger("silent"),
      engine: idleEngine,
      queues,
      backend,
      digests: { sendDueDigests: async () => void runs++ } as never,
      digestEveryMs: 200,
    });
    const queue = new Queue(DIGEST_QUEUE, { connection: redis, prefix });
    try {
      // Start-up does not wait for the upsert (Redis may be down): wait for it here.
      await eventually(async () => (await queue.getJobSchedulers()).length > 0, 5_000);
      expect((await queue.getJobSchedulers()).map((s) => s.key)).toEqual([DIGEST_SCHEDULER_ID]);
      // What a flush does to this deployment: every key under its prefix is gone (the reconcile lock too).
      const keys = await redis.keys(`${prefix}:*`);
      expect(keys.length).toBeGreaterThan(0);
      await redis.del(...keys);
      expect(await queue.getJobSchedulers()).toEqual([]);
      await eventually(async () => (await queue.getJobSchedulers()).some((s) => s.key === DIGEST_SCHEDULER_ID), 10_000);
      await eventually(() => runs > 0, 5_000);
    } finally {
      await engine.close();
      await queues.close();
      await backend.close();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
  });
});
