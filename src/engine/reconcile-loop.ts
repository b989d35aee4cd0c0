import type { Logger } from "../logger.js";
import type { Reconciler } from "./reconcile.js";
import type { ExpiringKeys } from "./queues/job-backend.js";
import { silentTelemetry, type Telemetry } from "../services/telemetry.js";

export interface ReconcileLoop {
  /** One run now if no other process ran within the interval; true when this process ran it. */
  runOnce(): Promise<boolean>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Every process with workers runs this timer; a lock (an expiring key slightly shorter than the
 * interval, in Redis or Postgres: see job-backend.ts) lets one of them do the work per interval. The
 * lock lives beside the queues, so after a FLUSHALL the next tick of any process takes it and
 * repairs everything — within one interval.
 */
export function startReconcileLoop(deps: {
  keys: ExpiringKeys;
  prefix: string;
  intervalMs: number;
  reconciler: Pick<Reconciler, "reconcileAll">;
  logger: Logger;
  telemetry?: Telemetry;
  /**
   * Deployment-wide job schedulers (the weekly digest) upserted again on each run, so a Redis that
   * lost everything gets them back within one interval. Idempotent; a failure is logged only.
   */
  schedulers?: Array<{ name: string; upsert(): Promise<void> }>;
}): ReconcileLoop {
  const telemetry = deps.telemetry ?? silentTelemetry;
  const key = `${deps.prefix}:engine:reconcile-lock`;
  const ttl = Math.max(500, deps.intervalMs - 500);
  let running: Promise<boolean> | undefined;
  let stopped = false;

  const runOnce = (): Promise<boolean> => {
    running ??= (async () => {
      try {
        if (stopped) return false;
        const { taken } = await deps.keys.claim(key, ttl);
        if (!taken) return false;
        for (const s of deps.schedulers ?? []) {
          await s.upsert().catch((error: unknown) => deps.logger.warn({ scheduler: s.name, err: String(error) }, "could not re-create a job scheduler"));
        }
        const { active: _active, ...repairs } = await deps.reconciler.reconcileAll();
        telemetry.reconcileRun({ ok: true, repairs });
        return true;
      } catch (error) {
        telemetry.reconcileRun({ ok: false });
        deps.logger.error({ err: String(error) }, "reconcile failed; will retry next interval");
        return false;
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  const timer = setInterval(() => void runOnce(), deps.intervalMs);
  timer.unref();
  return {
    runOnce,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
