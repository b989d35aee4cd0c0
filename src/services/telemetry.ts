/**
 * What use-cases report for operators (src/observability/metrics.ts turns it into Prometheus
 * metrics). Services call this port, never prom-client, so they stay testable without a registry
 * and the label rules (bounded values, no ids) live in one place.
 */

/** Final (or, for `deferred`, interim) fate of one prompt delivery. */
export type PromptOutcome = "posted" | "recovered" | "skipped" | "deferred" | "failed";

export interface Telemetry {
  /** A prompt's outcome; `reason` for skipped/deferred/failed (free text is bounded by the adapter). */
  prompt(outcome: PromptOutcome, reason?: string): void;
  /** Seconds between the prompt's slot and the moment Slack accepted it. */
  promptLateness(seconds: number): void;
  /** A completion was stored (a new one, not a repeat). */
  completion(source: "reaction" | "button"): void;
  /** One reaction event handled: its outcome and how long after Slack's event_time it was. */
  reactionEvent(outcome: string, lagSeconds: number): void;
  /** One reconcile pass (this process held the lock), with what it repaired. */
  reconcileRun(result: { ok: true; repairs: Record<string, number> } | { ok: false }): void;
}

/** Reports nothing (tests and tools that build services without src/app.ts). */
export const silentTelemetry: Telemetry = {
  prompt: () => undefined,
  promptLateness: () => undefined,
  completion: () => undefined,
  reactionEvent: () => undefined,
  reconcileRun: () => undefined,
};
