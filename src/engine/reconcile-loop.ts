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
export function startReconcileLoop(deps: { keys: ExpiringKeys; prefix: string; intervalMs: number; reconciler: Reconciler; logger: Logger; telemetry?: Telemetry }): ReconcileLoop {
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
