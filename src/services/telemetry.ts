/**
 * What use-cases report for operators (src/observability/metrics.ts turns it into Prometheus
 * metrics). Services call this port, never prom-client, so they stay testable without a registry
 * and the label rules (bounded values, no ids) live in one place.
 */

import { silentEngineTelemetry, type EngineTelemetry } from "../engine/ports.js";

export type { PromptOutcome } from "../engine/ports.js";

/** The engine reports prompts and reconcile passes (its own port); use-cases add the rest. */
export interface Telemetry extends EngineTelemetry {
  /** A completion was stored (a new one, not a repeat). */
  completion(source: "reaction" | "button"): void;
  /** One reaction event handled: its outcome and how long after Slack's event_time it was. */
  reactionEvent(outcome: string, lagSeconds: number): void;
}

/** Reports nothing (tests and tools that build services without src/app.ts). */
export const silentTelemetry: Telemetry = {
  ...silentEngineTelemetry,
  completion: () => undefined,
  reactionEvent: () => undefined,
};
