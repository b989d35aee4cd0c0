import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../logger.js";
import type { ChartService } from "../services/chart-service.js";
import type { HealthRoute } from "./health.js";

/**
 * GET /charts/<claim>.<sig>.png: the PNG a signed link names (App Home image blocks; Slack's image
 * proxy fetches it without credentials). A changed or expired link gets 403/410 and no image; a
 * valid one renders exactly its workspace's data for its person (src/charts/links.ts).
 */
export function chartRoute(charts: ChartService, logger: Logger): HealthRoute | null {
  const links = charts.links;
  if (!links) return null;
  return {
    path: "/charts/:token",
    method: ["GET", "HEAD"],
    handler: (req, res) => {
      // Tokens are base64url and dots: nothing to decode; anything else is simply not a valid link.
      const token = ((req as IncomingMessage).url ?? "").split("?")[0]!.replace(/^\/charts\//, "");
      const check = links.check(token);
      if (!check.ok) return refuse(res, check.reason === "expired" ? 410 : 403, check.reason === "expired" ? "This chart link has expired." : "Not a valid chart link.");
      charts.forClaim(check.claim).then(
        (chart) => {
          if (!chart) return refuse(res, 404, "Nothing to chart.");
          res.writeHead(200, { "content-type": "image/png", "content-length": chart.png.length, "cache-control": "private, max-age=300" });
          res.end((req as IncomingMessage).method === "HEAD" ? undefined : chart.png);
        },
        (error: unknown) => {
          logger.warn({ err: String(error), kind: check.claim.kind }, "chart could not be rendered");
          refuse(res, 500, "Could not draw this chart.");
        },
      );
    },
  };
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
  res.end(`${message}\n`);
}
