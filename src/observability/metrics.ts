import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Telemetry, PromptOutcome } from "../services/telemetry.js";
import { promptReasonLabel, reactionOutcomeLabel, slackErrorLabel, slackMethodLabel } from "./labels.js";

/** How one Web API call ended, as seen by whoever made it. */
export type SlackCallResult =
  | { kind: "ok" }
  | { kind: "error"; code: string | undefined }
  | { kind: "rate_limited" }
  | { kind: "http_error"; status: number }
  | { kind: "request_error" };

/** Something that can count Slack calls (src/slack/* take this, not the whole metrics object). */
export type SlackCallObserver = (method: string, result: SlackCallResult, seconds: number) => void;

/** A queue whose job counts are read on every scrape (a BullMQ Queue fits). */
export interface CountableQueue {
  readonly name: string;
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
}

const QUEUE_STATES = ["waiting", "delayed", "active", "failed", "prioritized", "paused"] as const;
const QUEUE_COUNT_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Every metric the app exports, on its own registry (several apps can live in one test process).
 * Implements the services' Telemetry port; src/slack gets `observeSlackCall`.
 */
export class AppMetrics implements Telemetry {
  readonly registry = new Registry();
  private readonly prompts: Counter<"outcome" | "reason">;
  private readonly lateness: Histogram;
  private readonly slackCalls: Counter<"method" | "result">;
  private readonly slackLatency: Histogram<"method">;
  private readonly completions: Counter<"source">;
  private readonly reactionEvents: Counter<"outcome">;
  private readonly reactionLag: Histogram;
  private readonly reconcileRuns: Counter<"result">;
  private readonly reconcileRepairs: Counter<"kind">;
  private readonly queues: CountableQueue[] = [];

  /** `role` becomes a constant label on every series (web, worker, all). */
  constructor(options: { role: string; defaultMetrics?: boolean }) {
    this.registry.setDefaultLabels({ role: options.role });
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    const counter = <L extends string>(name: string, help: string, labelNames: L[]) => new Counter<L>({ name, help, labelNames, registers });
    const histogram = <L extends string = never>(name: string, help: string, buckets: number[], labelNames: L[] = []) =>
      new Histogram<L>({ name, help, buckets, labelNames, registers });
    this.prompts = counter("stretch_prompts_total", "Prompt deliveries by outcome (posted, recovered, skipped, deferred, failed) and reason", ["outcome", "reason"]);
    this.lateness = histogram("stretch_prompt_lateness_seconds", "Seconds between a prompt's slot and Slack accepting it", [0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600]);
    this.slackCalls = counter(
      "stretch_slack_api_calls_total",
      "Slack Web API calls by method and result (ok, an error code, rate_limited, http_5xx, request_error)",
      ["method", "result"],
    );
    this.slackLatency = histogram("stretch_slack_api_call_duration_seconds", "Slack Web API call latency by method", [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], ["method"]);
    this.completions = counter("stretch_completions_total", "Completions stored, by source (reaction, button)", ["source"]);
    this.reactionEvents = counter("stretch_reaction_events_total", "reaction_added/removed events handled, by outcome", ["outcome"]);
    this.reactionLag = histogram(
      "stretch_reaction_event_lag_seconds",
      "Seconds from Slack's event_time to the reaction being stored or ignored",
      [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
    );
    this.reconcileRuns = counter("stretch_reconcile_runs_total", "Reconcile passes run by this process, by result", ["result"]);
    this.reconcileRepairs = counter(
      "stretch_reconcile_repairs_total",
      "What reconcile passes fixed: schedulers created/updated/removed, slots caught up, jobs repaired, channels seeded",
      ["kind"],
    );
    const queues = this.queues;
    new Gauge({
      name: "stretch_queue_jobs",
      help: "BullMQ jobs per queue and state, read at scrape time",
      labelNames: ["queue", "state"],
      registers,
      async collect() {
        // Redis down: the queue series go missing for that scrape (the rest still answer) rather
        // than the scrape hanging on a connection that retries forever (BullMQ's settings).
        const counts = await Promise.all(queues.map(async (q) => [q.name, await withTimeout(q.getJobCounts(...QUEUE_STATES), QUEUE_COUNT_TIMEOUT_MS).catch(() => null)] as const));
        this.reset();
        for (const [queue, byState] of counts) {
          if (!byState) continue;
          for (const state of QUEUE_STATES) this.set({ queue, state }, byState[state] ?? 0);
        }
      },
    });
  }

  /** Queues whose counts are read on each scrape. */
  watchQueues(...queues: CountableQueue[]): void {
    this.queues.push(...queues);
  }

  /** Prometheus text exposition. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  readonly observeSlackCall: SlackCallObserver = (method, result, seconds) => {
    const label = slackMethodLabel(method);
    this.slackCalls.inc({ method: label, result: slackResultLabel(result) });
    this.slackLatency.observe({ method: label }, seconds);
  };

  prompt(outcome: PromptOutcome, reason?: string): void {
    this.prompts.inc({ outcome, reason: outcome === "posted" || outcome === "recovered" ? "none" : promptReasonLabel(reason) });
  }

  promptLateness(seconds: number): void {
    this.lateness.observe(Math.max(0, seconds));
  }

  completion(source: "reaction" | "button"): void {
    this.completions.inc({ source });
  }

  reactionEvent(outcome: string, lagSeconds: number): void {
    this.reactionEvents.inc({ outcome: reactionOutcomeLabel(outcome) });
    this.reactionLag.observe(Math.max(0, lagSeconds));
  }

  reconcileRun(result: { ok: true; repairs: Record<string, number> } | { ok: false }): void {
    this.reconcileRuns.inc({ result: result.ok ? "ok" : "error" });
    if (!result.ok) return;
    for (const [kind, count] of Object.entries(result.repairs)) {
      if (count > 0 && /^[a-zA-Z]{1,20}$/.test(kind)) this.reconcileRepairs.inc({ kind }, count);
    }
  }
}

function slackResultLabel(result: SlackCallResult): string {
  switch (result.kind) {
    case "ok":
      return "ok";
    case "rate_limited":
      return "rate_limited";
    case "error":
      return slackErrorLabel(result.code);
    case "http_error":
      return result.status >= 500 ? "http_5xx" : "http_4xx";
    case "request_error":
      return "request_error";
  }
}
