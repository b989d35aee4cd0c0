import type { IncomingMessage, ServerResponse } from "node:http";
import type { Queue } from "bullmq";
import { basicMatches } from "./http-auth.js";

export interface QueueBoardOptions {
  /** Where the board is served. Default /admin/queues. */
  basePath?: string;
  username: string;
  password: string;
  /** Retry, clean, pause, promote, add… allowed (ADMIN_QUEUE_ACTIONS). Default false: read-only. */
  actions: boolean;
  queues: Queue[];
}

const READ_METHODS = new Set(["GET", "HEAD"]);

/**
 * Bull Board behind basic auth, as a plain (req, res) handler for every path under basePath, so
 * Bolt's customRoutes (web) and the worker's health server can both serve it.
 *
 * Read-only twice over: each queue is registered with bull-board's readOnlyMode (the UI hides the
 * buttons, its API answers 405) and, before bull-board sees it, any request that is not GET/HEAD
 * is refused here with 405, whatever bull-board's own routes would allow.
 */
export async function queueBoardHandler(options: QueueBoardOptions): Promise<(req: IncomingMessage, res: ServerResponse) => void> {
  // Loaded only when the dashboard is on: bull-board and express take ~0.1–0.5 s to import.
  const [{ createBullBoard }, { BullMQAdapter }, { ExpressAdapter }] = await Promise.all([
    import("@bull-board/api"),
    import("@bull-board/api/bullMQAdapter"),
    import("@bull-board/express"),
  ]);
  const basePath = options.basePath ?? "/admin/queues";
  const adapter = new ExpressAdapter();
  adapter.setBasePath(basePath);
  createBullBoard({
    queues: options.queues.map((q) => new BullMQAdapter(q, { readOnlyMode: !options.actions })),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: "Stretch Break queues" } },
  });
  const board = adapter.getRouter() as unknown as (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;
  return (req, res) => {
    if (!basicMatches(req, options.username, options.password)) {
      res.writeHead(401, { "www-authenticate": 'Basic realm="Stretch Break queues", charset="UTF-8"', "content-type": "text/plain", "cache-control": "no-store" });
      res.end("Authentication required\n");
      return;
    }
    if (!options.actions && !READ_METHODS.has(req.method ?? "GET")) {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "application/json" });
      res.end(JSON.stringify({ error: "The queue dashboard is read-only (set ADMIN_QUEUE_ACTIONS=true to allow actions)." }));
      return;
    }
    // The board's own routes are relative to its mount point.
    const url = req.url ?? "/";
    req.url = url.slice(basePath.length) || "/";
    if (!req.url.startsWith("/")) req.url = `/${req.url}`;
    board(req, res, (error) => {
      if (res.headersSent) return;
      res.writeHead(error ? 500 : 404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: error ? "dashboard error" : "not found" }));
    });
  };
}
