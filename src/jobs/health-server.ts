import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { healthRoutes, type Probe } from "../bot/health.js";

/**
 * ROLE=worker serves no Slack traffic but still answers /healthz (liveness) and /readyz (Postgres,
 * Redis) on PORT, so an orchestrator can restart a stuck worker the same way as a web process.
 */
export async function startHealthServer(port: number, probes: Record<string, Probe>): Promise<{ port: number; close(): Promise<void> }> {
  const routes = healthRoutes(probes);
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const route = routes.find((r) => r.path === path && r.method.includes(req.method ?? "GET"));
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
