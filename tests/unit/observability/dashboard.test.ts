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

  it("compose, Prometheus and Grafana agree: scrape targets, token file, data source, dashboard path", () => {
    const compose = readFileSync("docker-compose.yml", "utf8");
    const prometheus = readFileSync("deploy/prometheus/prometheus.yml", "utf8");
    const service = (name: string) => {
      const start = compose.indexOf(`\n  ${name}:\n`);
      expect(start, name).toBeGreaterThan(0);
      const rest = compose.slice(start + name.length + 5);
      return rest.slice(0, rest.search(/\n {2}[a-z]|\nvolumes:/));
    };
    // The app and worker answer /metrics on PORT; Prometheus scrapes that port on those services.
    for (const name of ["app", "worker"]) expect(service(name), name).toContain('PORT: "3000"');
    expect(prometheus).toContain('targets: ["app:3000"]');
    expect(prometheus).toMatch(/names: \["worker"\][\s\S]*?port: 3000/);
    // The token file Prometheus reads is the one its command writes, from the app's METRICS_TOKEN.
    const tokenFiles = [...prometheus.matchAll(/credentials_file: (\S+)/g)].map((m) => m[1]!);
    expect(tokenFiles).toHaveLength(2);
    const prom = service("prometheus");
    for (const file of tokenFiles) expect(prom).toContain(`> ${file}`);
    expect(prom).toContain("METRICS_TOKEN: ${METRICS_TOKEN:-}");
    expect(prom).toContain("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml");
    expect(prom).toContain('"9090:9090"');
    // Grafana's data source points at that service; the provisioned folder is where compose mounts the JSON.
    expect(readFileSync("deploy/grafana/provisioning/datasources/prometheus.yml", "utf8")).toContain("url: http://prometheus:9090");
    const dashboards = /path: (\S+)/.exec(readFileSync("deploy/grafana/provisioning/dashboards/stretch-break.yml", "utf8"))![1]!;
    const grafana = service("grafana");
    expect(grafana).toContain(`./deploy/grafana/stretch-break.json:${dashboards}/stretch-break.json`);
    expect(grafana).toContain("./deploy/grafana/provisioning:/etc/grafana/provisioning");
    expect(grafana).toContain(`DEFAULT_HOME_DASHBOARD_PATH: ${dashboards}/stretch-break.json`);
    for (const name of ["prometheus", "grafana"]) expect(service(name), name).toContain('profiles: ["ops"]');
  });

  it("docker-compose mounts files that exist", () => {
    const compose = readFileSync("docker-compose.yml", "utf8");
    const mounts = [...compose.matchAll(/- \.\/(deploy\/[^:]+):/g)].map((m) => m[1]!);
    expect(mounts.length).toBeGreaterThanOrEqual(3);
    for (const path of mounts) expect(existsSync(path), path).toBe(true);
  });
});
