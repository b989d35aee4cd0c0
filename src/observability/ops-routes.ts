import type { IncomingMessage, ServerResponse } from "node:http";
import type { HealthRoute } from "../bot/health.js";
import { bearerMatches } from "./http-auth.js";
import type { AppMetrics } from "./metrics.js";

/** Path pattern for "this path and everything under it" (path-to-regexp 8, as Bolt's customRoutes use). */
export const SUBTREE = "{/*rest}";

export const ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

export interface OpsRoutesOptions {
  metrics: AppMetrics;
  /** METRICS_TOKEN: when set, /metrics wants `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** The queue dashboard (src/observability/queue-board.ts), when ADMIN_USERNAME/PASSWORD are set. */
  queueBoard?: { basePath: string; handler: (req: IncomingMessage, res: ServerResponse) => void };
}

/** GET /metrics and /admin/queues, in the route shape both HTTP servers take (web and worker). */
export function opsRoutes(options: OpsRoutesOptions): HealthRoute[] {
  const routes: HealthRoute[] = [
    {
      path: "/metrics",
      method: ["GET"],
      handler: (req, res) => {
        if (options.metricsToken && !bearerMatches(req as IncomingMessage, options.metricsToken)) {
          res.writeHead(401, { "www-authenticate": 'Bearer realm="metrics"', "content-type": "text/plain", "cache-control": "no-store" });
          res.end("Unauthorized\n");
          return;
        }
        options.metrics.render().then(
          ({ contentType, body }) => {
            res.writeHead(200, { "content-type": contentType, "cache-control": "no-store" });
            res.end(body);
          },
          () => {
            res.writeHead(500, { "content-type": "text/plain" });
            res.end("could not collect metrics\n");
          },
        );
      },
    },
  ];
  const board = options.queueBoard;
  if (board) {
    routes.push({ path: `${board.basePath}${SUBTREE}`, method: ALL_METHODS, handler: (req, res) => board.handler(req as IncomingMessage, res) });
  }
  return routes;
}
