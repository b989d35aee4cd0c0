import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { healthRoutes, type HealthRoute, type Probe } from "../bot/health.js";
import { SUBTREE } from "./ops-routes.js";

/**
 * ROLE=worker serves no Slack traffic but still answers /healthz (liveness) and /readyz (Postgres,
 * Redis) on PORT, so an orchestrator can restart a stuck worker the same way as a web process.
 */
export async function startHealthServer(port: number, probes: Record<string, Probe>, extraRoutes: HealthRoute[] = []): Promise<{ port: number; close(): Promise<void> }> {
  const routes = [...healthRoutes(probes), ...extraRoutes];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const route = routes.find((r) => pathMatches(r.path, path) && r.method.includes(req.method ?? "GET"));
    if (route) return route.handler(req, res);
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "not found" }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Exact paths, and "<base>{/*rest}" for a base path and everything under it (as Bolt matches them). */
function pathMatches(pattern: string, path: string | undefined): boolean {
  if (path === undefined) return false;
  if (!pattern.endsWith(SUBTREE)) return pattern === path;
  const base = pattern.slice(0, -SUBTREE.length);
  return path === base || path.startsWith(`${base}/`);
}
