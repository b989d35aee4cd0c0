import type { Queue } from "bullmq";

/**
 * The weekly digest's queue (one of the engine's queues, queues.ts): one job scheduler per
 * deployment ticks every DIGEST_EVERY_MS; the digest service decides whose Monday 09:00 has come.
 */
export const DIGEST_QUEUE = "digest";
export const DIGEST_JOB = "digest";
/** Job scheduler id: one per deployment (prefix), however many processes upsert it. */
export const DIGEST_SCHEDULER_ID = "weekly-digest";
/**
 * How often the digest job looks for managers whose Monday 09:00 has come (default 15 min). Zones
 * with :30 and :45 offsets land on a tick too; DigestSent keeps it to one DM per manager and week.
 */
export const DIGEST_EVERY_MS = 15 * 60_000;

/** Idempotent: every process may call it at start-up, and the reconcile loop does every interval. */
export async function scheduleDigests(queue: Queue, everyMs = DIGEST_EVERY_MS): Promise<void> {
  await queue.upsertJobScheduler(DIGEST_SCHEDULER_ID, { every: everyMs }, {
    name: DIGEST_JOB,
    data: {},
    opts: { removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } },
  });
}
