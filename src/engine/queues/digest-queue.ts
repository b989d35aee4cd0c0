import type { Queue } from "bullmq";
import { newQueue, type JobBackend } from "./job-backend.js";

/**
 * The weekly digest has its own queue: a slow digest run (one report per manager) never delays
 * prompt slots or deliveries, and the engine's queues stay the engine's.
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

export function createDigestQueue(backend: JobBackend): Queue {
  return newQueue(backend, DIGEST_QUEUE);
}

/** Idempotent: every process may call it at start-up. */
export async function scheduleDigests(queue: Queue, everyMs = DIGEST_EVERY_MS): Promise<void> {
  await queue.upsertJobScheduler(DIGEST_SCHEDULER_ID, { every: everyMs }, {
    name: DIGEST_JOB,
    data: {},
    opts: { removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } },
  });
}
