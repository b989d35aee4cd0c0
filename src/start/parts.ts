import type { Logger } from "../logger.js";

/**
 * One part of the running app (practica's start.ts): it is started by its own function, in the
 * order src/app.ts lists them, and owns its stop. Shutdown walks the parts in reverse start order,
 * phase by phase (every part's `stopIntake`, then every `drain`, then all `close` at once, then
 * every `disconnect`), so what started first (connections) closes last.
 */
export interface Part {
  readonly name: string;
  /** Phase 1: stop taking new work (Slack's HTTP endpoint). */
  stopIntake?(): Promise<void>;
  /** Phase 2: finish work already acknowledged to Slack, by the deadlines `budget` gives. */
  drain?(budget: ShutdownBudget): Promise<void>;
  /**
   * Phase 3, all parts together: stop job workers, letting running jobs finish. Called again with
   * `force` when they are still busy at SHUTDOWN_SHARES.workers (another worker takes their jobs over).
   */
  close?(force: boolean): Promise<void>;
  /** Phase 4: close servers and connections. */
  disconnect?(): Promise<void>;
}

/** By which share of SHUTDOWN_TIMEOUT_SECONDS each step is cut short (main.ts exits at 1). */
export const SHUTDOWN_SHARES = {
  /** Requests in flight and batched reactions are written. */
  requests: 0.3,
  /** Acknowledged work (the inbox) is stored. */
  inbox: 0.4,
  /** Workers finish their jobs; after this they are closed by force. */
  workers: 0.8,
  forcedWorkers: 0.9,
  connections: 1,
} as const;

export interface ShutdownBudget {
  /** Milliseconds left until `share` of the shutdown budget has passed (0 when it has). */
  msLeft(share: number): number;
}

/** Stops the parts as described on `Part`; never throws (a part that fails to stop is logged). */
export async function stopParts(parts: readonly Part[], budgetMs: number, log: Logger): Promise<void> {
  const startedAt = Date.now();
  const budget: ShutdownBudget = { msLeft: (share) => Math.max(0, startedAt + budgetMs * share - Date.now()) };
  const quietly = (what: string) => (error: unknown) => log.warn({ err: String(error), what }, "error while closing");
  const reversed = [...parts].reverse();
  for (const p of reversed) if (p.stopIntake) await p.stopIntake().catch(quietly(p.name));
  for (const p of reversed) if (p.drain) await p.drain(budget).catch(quietly(p.name));
  const workers = reversed.filter((p) => p.close);
  const finished = await withDeadline(Promise.all(workers.map((p) => p.close?.(false))), budget.msLeft(SHUTDOWN_SHARES.workers)).then(
    () => true,
    () => false,
  );
  if (!finished) {
    log.warn({ afterMs: Date.now() - startedAt }, "workers still busy at the shutdown deadline; closing them by force");
    await withDeadline(Promise.all(workers.map((p) => p.close?.(true))), budget.msLeft(SHUTDOWN_SHARES.forcedWorkers)).catch(quietly("workers"));
  }
  for (const p of reversed) {
    if (p.disconnect) await withDeadline(p.disconnect(), budget.msLeft(SHUTDOWN_SHARES.connections)).catch(quietly(p.name));
  }
}

/** Resolves with the promise, or rejects once `ms` have passed (the promise is left to finish on its own). */
export function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
