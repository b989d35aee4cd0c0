import type { Logger } from "../../logger.js";
import type { Services } from "../../services/index.js";
import { createDigestQueue, DIGEST_EVERY_MS, DIGEST_JOB, DIGEST_QUEUE, scheduleDigests } from "../queues/digest-queue.js";
import { newWorker, type JobBackend } from "../queues/job-backend.js";

export interface DigestWorkerDeps {
  /** Where the queue lives (Redis or Postgres); it owns the connections. */
  backend: JobBackend;
  services: Pick<Services, "digests">;
  logger: Logger;
  /** Tick interval in ms. Default DIGEST_EVERY_MS (15 min). */
  everyMs?: number;
  /**
   * How often the job scheduler is upserted again, in ms, so a Redis that lost everything gets it
   * back without a restart (upserting is idempotent). Default 30 000 (RECONCILE_INTERVAL_SECONDS).
   */
  resyncEveryMs?: number;
}

export interface DigestWorker {
  /** Stops taking jobs, lets a running one finish (unless `force`), closes its own connections. */
  close(force?: boolean): Promise<void>;
}

/**
 * The digest job scheduler and its worker (ROLE worker or all). The worker has a connection of its
 * own (a Worker blocks its connection); the backend closes it.
 */
export async function startDigestWorker(deps: DigestWorkerDeps): Promise<DigestWorker> {
  const log = deps.logger.child({ component: "digest-worker" });
  const queue = createDigestQueue(deps.backend);
  queue.on("error", (error: Error) => log.debug({ err: error.message }, "digest queue error"));
  const everyMs = deps.everyMs ?? DIGEST_EVERY_MS;
  // Not awaited: with Redis down at start-up this would wait until it returns (commands queue up),
  // and start-up must not. The resync timer below repairs a missed upsert.
  scheduleDigests(queue, everyMs).catch((error: unknown) => log.warn({ err: String(error) }, "could not create the digest scheduler; will retry"));
  const resync = setInterval(() => {
    scheduleDigests(queue, everyMs).catch((error: unknown) => log.warn({ err: String(error) }, "could not re-create the digest scheduler"));
  }, deps.resyncEveryMs ?? 30_000);
  resync.unref();
  const worker = newWorker(
    deps.backend,
    DIGEST_QUEUE,
    async (job) => {
      switch (job.name) {
        case DIGEST_JOB:
          // "Now" comes from the digest service's clock: the app's one clock, not the machine's date.
          return deps.services.digests.sendDueDigests();
        default:
          log.warn({ name: job.name }, "unknown digest job");
          return undefined;
      }
    },
    { connection: deps.backend.connection("stretch-digest-worker"), concurrency: 1 },
  );
  worker.on("failed", (job, error) => log.warn({ jobId: job?.id, err: error.message }, "digest job failed"));
  // Without a listener BullMQ prints worker errors (e.g. a job whose keys vanished in a flush) to the console.
  worker.on("error", (error) => log.warn({ err: error.message }, "digest worker error"));
  return {
    close: async (force = false) => {
      clearInterval(resync);
      await worker.close(force);
      await queue.close();
    },
  };
}
