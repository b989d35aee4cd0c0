/**
 * PLACEHOLDER for the simulated workspace (issue 9), built in parallel on branch h9-workspace:
 * on merge, take that branch's demo/workspace/ entirely. This keeps only the agreed signature and
 * the minimum the launcher and its test need: the page at "/", and a Web API at "/api/<method>"
 * that checks the bot token and answers like Slack (auth.test; everything else a bare ok).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface WorkspaceOptions {
  port: number;
  host?: string;
  appRequestUrl: string;
  signingSecret: string;
  botToken: string;
  dataDir?: string;
  now?: () => Date;
  sendDuePrompts?: () => Promise<string>;
}

export interface RunningWorkspace {
  url: string;
  apiUrl: string;
  close(): Promise<void>;
}

export async function startWorkspace(o: WorkspaceOptions): Promise<RunningWorkspace> {
  const now = o.now ?? (() => new Date());
  let seq = 0;
  const server = createServer((req, res) => void route(req, res));
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://workspace").pathname;
    if (req.method === "GET" && path === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><title>Stretch Break demo</title><h1>Stretch Break demo workspace</h1>`);
      return;
    }
    if (req.method === "POST" && path === "/ui/send-due-prompts" && o.sendDuePrompts) {
      return json(res, 200, { ok: true, summary: await o.sendDuePrompts() });
    }
    if (req.method === "POST" && path.startsWith("/api/")) {
      for await (const _ of req) void _;
      if (req.headers.authorization !== `Bearer ${o.botToken}`) return json(res, 200, { ok: false, error: "invalid_auth" });
      const method = path.slice("/api/".length);
      if (method === "auth.test") {
        return json(res, 200, { ok: true, url: "https://demo.slack.invalid/", team: "Demo", user: "stretchbot", team_id: "T0DEMO0001", user_id: "U0STRETCHB", bot_id: "B0STRETCHB" });
      }
      const ts = `${Math.floor(now().getTime() / 1000)}.${String(++seq).padStart(6, "0")}`;
      return json(res, 200, { ok: true, ts, channel: "C0GENERAL1", members: [], channels: [], response_metadata: { next_cursor: "" } });
    }
    json(res, 404, { ok: false, error: "not_found" });
  }
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, o.host ?? "127.0.0.1", () => resolve());
  });
  const origin = `http://${o.host ?? "127.0.0.1"}:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    apiUrl: `${origin}/api/`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}
