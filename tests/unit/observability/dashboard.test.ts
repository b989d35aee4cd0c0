import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AppMetrics } from "../../../src/observability/metrics.js";

/**
 * No Grafana or Docker here: these check what can be checked without them — that every query in
 * the dashboard names a metric the app exports, and that compose mounts files that exist.
 */
describe("deploy/grafana/stretch-break.json", () => {
  const dashboard = JSON.parse(readFileSync("deploy/grafana/stretch-break.json", "utf8")) as {
    uid: string;
    panels: Array<{ title: string; datasource: { uid: string }; targets: Array<{ expr: string }> }>;
  };
  const metrics = new AppMetrics({ role: "test" });
  const exported = new Set(metrics.registry.getMetricsAsArray().map((m) => m.name));

  it("has the panels the issue asks for", () => {
    const titles = dashboard.panels.map((p) => p.title.toLowerCase()).join(" | ");
    for (const words of ["prompts per minute", "lateness", "429s", "queue depth", "completions per minute"]) expect(titles).toContain(words);
  });

  it("queries only metrics the app exports, through the provisioned data source", () => {
    const provisioned = readFileSync("deploy/grafana/provisioning/datasources/prometheus.yml", "utf8");
    for (const panel of dashboard.panels) {
      expect(provisioned).toContain(`uid: ${panel.datasource.uid}`);
      for (const { expr } of panel.targets) {
        const names = [...expr.matchAll(/\b((?:stretch|process|nodejs)_[a-z0-9_]+)/g)].map((m) => m[1]!.replace(/_(bucket|count|sum)$/, ""));
        expect(names.length, panel.title).toBeGreaterThan(0);
        for (const name of names) expect(exported, `${panel.title}: ${name}`).toContain(name);
      }
    }
  });

  it("docker-compose mounts files that exist", () => {
    const compose = readFileSync("docker-compose.yml", "utf8");
    const mounts = [...compose.matchAll(/- \.\/(deploy\/[^:]+):/g)].map((m) => m[1]!);
    expect(mounts.length).toBeGreaterThanOrEqual(3);
    for (const path of mounts) expect(existsSync(path), path).toBe(true);
  });
});
