import { describe, expect, it } from "vitest";
import { AppMetrics } from "../../../src/observability/metrics.js";
import { metricValue } from "../../helpers/prometheus.js";

describe("AppMetrics", () => {
  it("reads queue counts at scrape time, and a queue that does not answer does not hold the scrape", async () => {
    const metrics = new AppMetrics({ role: "worker", defaultMetrics: false });
    metrics.watchQueues(
      { name: "deliveries", getJobCounts: async () => ({ waiting: 7, delayed: 2, active: 1, failed: 3, prioritized: 0, paused: 0 }) },
      { name: "slots", getJobCounts: () => new Promise(() => undefined) }, // Redis gone: never answers
    );
    metrics.prompt("posted");
    const { body } = await metrics.render();
    expect(metricValue(body, "stretch_queue_jobs", { queue: "deliveries", state: "waiting" })).toBe(7);
    expect(metricValue(body, "stretch_queue_jobs", { queue: "deliveries", state: "failed" })).toBe(3);
    expect(metricValue(body, "stretch_queue_jobs", { queue: "slots" })).toBeNaN();
    expect(metricValue(body, "stretch_prompts_total", { outcome: "posted", role: "worker" })).toBe(1);
  });

  it("bounds every label it is given", async () => {
    const metrics = new AppMetrics({ role: "all", defaultMetrics: false });
    metrics.prompt("failed", "error: connect ECONNREFUSED 10.1.2.3:5432");
    metrics.prompt("skipped", "U0SOMEONE1");
    metrics.observeSlackCall("chat.postMessage", { kind: "error", code: "channel_not_found" }, 0.1);
    metrics.observeSlackCall("https://files.slack.com/upload/v1/ABC", { kind: "http_error", status: 502 }, 0.1);
    metrics.reconcileRun({ ok: true, repairs: { created: 2, removed: 0, "bad label!": 5 } });
    const { body } = await metrics.render();
    expect(metricValue(body, "stretch_prompts_total", { outcome: "failed", reason: "error" })).toBe(1);
    expect(metricValue(body, "stretch_prompts_total", { outcome: "skipped", reason: "other" })).toBe(1);
    expect(metricValue(body, "stretch_slack_api_calls_total", { method: "chat.postMessage", result: "channel_not_found" })).toBe(1);
    expect(metricValue(body, "stretch_slack_api_calls_total", { method: "other", result: "http_5xx" })).toBe(1);
    expect(metricValue(body, "stretch_reconcile_repairs_total", { kind: "created" })).toBe(2);
    expect(body).not.toMatch(/ECONNREFUSED|U0SOMEONE1|files\.slack\.com|bad label/);
  });
});
