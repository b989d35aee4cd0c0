import type { WorkerOptions } from "bullmq";
import type { Config } from "../config/index.js";
import type { Logger } from "../logger.js";
import type { EngineServices } from "./index.js";
import type { InstallationService } from "../services/installation-service.js";
import type { Telemetry } from "../services/telemetry.js";
import { deliveriesProcessor } from "./processors/deliveries.js";
import { maintenanceProcessor } from "./processors/maintenance.js";
import { slotsProcessor } from "./processors/slots.js";
import { digestsProcessor } from "./processors/digests.js";
import { DIGEST_EVERY_MS, DIGEST_SCHEDULER_ID, scheduleDigests } from "./queues/digest-queue.js";
import type { DigestService } from "../services/digest-service.js";
import { JobName, PURGE_EVERY_MS, PURGE_SCHEDULER_ID, QueueName, type EngineQueues } from "./queues/queues.js";
import { startReconcileLoop } from "./reconcile-loop.js";
import { newWorker, type JobBackend } from "./queues/job-backend.js";
import type { Part } from "../start/parts.js";

export interface RunningEngine {
  /** The prompt workers, the digest worker and the reconcile loop, each a part of the app. */
  parts: Part[];
  /**
   * Stops taking jobs and lets in-flight jobs finish (the job backend closes the connection).
   * `force`: stop without waiting (the shutdown deadline passed; unfinished jobs are taken over by
   * another worker as stalled, and the delivery claim keeps that from posting twice).
   */
  close(force?: boolean): Promise<void>;
}

/** Fan-outs are few and short; several at once keep one big members schedule from delaying others. */
const SLOT_CONCURRENCY = 4;
const MAINTENANCE_CONCURRENCY = 2;

/**
 * Workers for the engine's queues (slots, deliveries, maintenance, digests) plus the reconcile loop
 * (ROLE worker or all). The workers
 * share one connection of their own (BullMQ duplicates it for blocking reads); the job backend
 * owns and closes it.
 */
export async function startEngine(deps: {
  config: Config;
  logger: Logger;
  engine: EngineServices;
  queues: EngineQueues;
  backend: JobBackend;
  telemetry?: Telemetry;
  /** Retention purge of uninstalled workspaces (hourly job). */
  installations?: Pick<InstallationService, "purgeExpired">;
  /** Weekly manager digests (the digest queue's worker and job scheduler). Default: none. */
  digests?: Pick<DigestService, "sendDueDigests">;
  /** Digest tick interval in ms. Default DIGEST_EVERY_MS (15 min). */
  digestEveryMs?: number;
}): Promise<RunningEngine> {
  const { config, engine, queues } = deps;
  const log = deps.logger.child({ component: "engine-workers" });
  const { backend } = deps;
  const common: Omit<WorkerOptions, "connection" | "prefix"> & { connection: unknown } = {
    connection: backend.connection("stretch-engine-worker"),
    lockDuration: config.WORKER_LOCK_DURATION_MS,
    stalledInterval: config.WORKER_STALLED_INTERVAL_MS,
    // A job whose worker died twice is still retried: the claim + Slack check make that safe.
    maxStalledCount: 3,
  };
  const promptWorkers = [
    newWorker(backend, QueueName.slots, slotsProcessor(engine), { ...common, concurrency: SLOT_CONCURRENCY }),
    newWorker(backend, QueueName.deliveries, deliveriesProcessor(engine), { ...common, concurrency: config.WORKER_CONCURRENCY }),
    newWorker(backend, QueueName.maintenance, maintenanceProcessor(engine, deps.installations), { ...common, concurrency: MAINTENANCE_CONCURRENCY }),
  ];
  const digestWorker = deps.digests ? newWorker(backend, QueueName.digests, digestsProcessor(deps.digests, log), { ...common, concurrency: 1 }) : undefined;
  const workers = [...promptWorkers, ...(digestWorker ? [digestWorker] : [])];
  for (const w of workers) {
    w.on("failed", (job, error) => log.warn({ queue: w.name, jobId: job?.id, attempts: job?.attemptsMade, err: error.message }, "job failed"));
    w.on("error", (error) => log.warn({ queue: w.name, err: error.message }, "worker error"));
  }
  const digestEveryMs = deps.digestEveryMs ?? DIGEST_EVERY_MS;
  const digestScheduler = deps.digests ? { name: DIGEST_SCHEDULER_ID, upsert: () => scheduleDigests(queues.digests, digestEveryMs) } : undefined;
  // Not awaited: with Redis down at start-up this would wait until it returns, and start-up must
  // not. The reconcile loop upserts it again every interval.
  digestScheduler?.upsert().catch((error: unknown) => log.warn({ err: String(error) }, "could not create the digest scheduler; will retry"));
  const loop = startReconcileLoop({
    keys: backend.keys,
    prefix: config.QUEUE_PREFIX,
    intervalMs: config.RECONCILE_INTERVAL_SECONDS * 1000,
    reconciler: engine.reconciler,
    logger: log,
    ...(deps.telemetry ? { telemetry: deps.telemetry } : {}),
    schedulers: digestScheduler ? [digestScheduler] : [],
  });
  // Idempotent across workers: one scheduler id for the whole deployment.
  if (deps.installations) {
    // Not awaited: with Redis down at boot BullMQ waits for it, and start-up must not.
    void queues.maintenance
      .upsertJobScheduler(PURGE_SCHEDULER_ID, { every: PURGE_EVERY_MS }, { name: JobName.purgeUninstalled, data: {}, opts: { removeOnComplete: true, removeOnFail: { age: 24 * 3600 } } })
      .catch((error: unknown) => log.warn({ err: String(error) }, "could not schedule the retention purge; the next start retries"));
  }
  // Start-up repair (schedulers, missed slots, lost jobs), unless another process just did it.
  void loop.runOnce();
  log.info({ concurrency: config.WORKER_CONCURRENCY }, "engine workers started");
  // As the app's parts (src/start/parts.ts): closed together at shutdown, by force after the deadline.
  const parts: Part[] = [
    { name: "prompt workers", close: async (force) => void (await Promise.all(promptWorkers.map((w) => w.close(force)))) },
    ...(digestWorker ? [{ name: "digests", close: (force: boolean) => digestWorker.close(force) }] : []),
    // A forced close skips the wait: the lock lets another process run the next reconcile.
    { name: "reconcile", close: async (force) => (force ? undefined : loop.stop()) },
  ];
  return {
    parts,
    close: async (force = false) => {
      if (!force) await loop.stop();
      await Promise.all(workers.map((w) => w.close(force)));
    },
  };
}
