/**
 * The simulated Slack workspace of `npm run demo`, on one port:
 * - `POST /api/<method>`: the Slack Web API the app calls (SLACK_API_URL = apiUrl);
 * - `POST /response/<id>`: response URLs; `POST /upload/<id>`: file uploads (files.uploadV2);
 * - `GET /`: the workspace page (people, channels, the app's Home, modals, the clock panel);
 * - `/ui/*`: what the page calls (`/ui/status`: a person's status, DND, huddle; statuses.ts);
 *   `GET /files/<id>/<name>`: downloads.
 * Everything it sends the app is signed with the signing secret, like Slack.
 * Not part of the app: nothing under src/ imports this folder.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { HELP_COMMANDS } from "../../src/bot/views/help.js";
import { AppLink } from "./app-link.js";
import { ALL_EMOJI_NAMES, FREQUENT_REACTIONS, emojiFor } from "./emoji.js";
import { Interactions, type ActionContainer, type FormValues, type PressedElement } from "./interactions.js";
import { clockPanel, conversation, modal, parsePlace, personById, placeKey, shell, sidebar } from "./render/page.js";
import { PEOPLE, dmIdFor } from "./seed.js";
import { WorkspaceState, type Json } from "./state.js";
import { StatusControls, parseChange } from "./statuses.js";
import { callWebApi, parseArgs } from "./web-api.js";

export interface WorkspaceOptions {
  /** Port to listen on (0: any free port). */
  port: number;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** The app's `POST /slack/events` URL: commands, interactions and events go there. */
  appRequestUrl: string;
  signingSecret: string;
  /** The only token the Web API accepts (the app's SLACK_BOT_TOKEN). */
  botToken: string;
  /** Keeps the conversation across restarts (workspace.json in it). Default: memory only. */
  dataDir?: string;
  /** The workspace's clock (message times, the clock panel). Default: the real clock. */
  now?: () => Date;
  /** Behind the "Send due prompts now" button; returns a human summary. Default: button disabled. */
  sendDuePrompts?: () => Promise<string>;
  /**
   * How long the app has to acknowledge a request, and how long a trigger_id stays valid.
   * Default 3000 ms, as Slack. Tests on a crowded machine may allow more.
   */
  deadlineMs?: number;
}

export interface RunningWorkspace {
  /** The page, e.g. http://127.0.0.1:3000/ */
  url: string;
  /** SLACK_API_URL for the app; ends with "/". */
  apiUrl: string;
  /** Stops the workspace's own background requests to the app (the manager seed): call before the app stops. */
  quiesce(): void;
  close(): Promise<void>;
}

const PUBLIC_DIR = join(dirname(fileURLToPath(import.meta.url)), "public");
const ASSETS: Record<string, { file: string; type: string }> = {
  "/assets/workspace.js": { file: "workspace.js", type: "text/javascript; charset=utf-8" },
  "/assets/workspace.css": { file: "workspace.css", type: "text/css; charset=utf-8" },
};

/** Someone made the seeded manager a manager once, the way an admin would in Slack. */
const MANAGER_SEED = "manager";

export async function startWorkspace(o: WorkspaceOptions): Promise<RunningWorkspace> {
  const state = new WorkspaceState(o.dataDir, o.now ?? (() => new Date()));
  let origin = "";
  const app = new AppLink(o.appRequestUrl, o.signingSecret, () => state.now(), o.deadlineMs);
  const interactions = new Interactions(state, app, () => origin, o.deadlineMs);
  const statuses = new StatusControls(state, app, (problem) => {
    interactions.problems.push(`${state.now().toISOString()} ${problem}`);
    if (interactions.problems.length > 50) interactions.problems.shift();
  });
  // Slack clears an expired status itself and tells the app.
  let sweeping = false;
  const sweep = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    void statuses.clearExpired().finally(() => (sweeping = false));
  }, 2_000);
  sweep.unref();
  const apiContext = { state, botToken: o.botToken, origin: () => origin, consumeTrigger: (id: string) => interactions.consumeTrigger(id) };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      console.error("[workspace]", error);
      if (!res.headersSent) send(res, 500, { ok: false, error: "internal_error" });
      else res.end();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://workspace");
    const path = url.pathname;
    if (req.method === "POST" && path.startsWith("/api/")) {
      const raw = (await readBody(req)).toString("utf8");
      const args = parseArgs(raw, String(req.headers["content-type"] ?? ""));
      for (const [k, v] of url.searchParams) args[k] = v;
      const auth = String(req.headers.authorization ?? "");
      const token = auth.startsWith("Bearer ") ? auth.slice(7) : typeof args.token === "string" ? args.token : undefined;
      return send(res, 200, callWebApi(path.slice(5), args, token, apiContext));
    }
    if (req.method === "POST" && path.startsWith("/response/")) {
      const body = parseArgs((await readBody(req)).toString("utf8"), String(req.headers["content-type"] ?? "application/json"));
      const answer = interactions.respond(path.slice("/response/".length), body);
      return send(res, answer.status, answer.body);
    }
    if (req.method === "POST" && path.startsWith("/upload/")) return upload(req, res, path.slice("/upload/".length));
    if (req.method === "GET" && path.startsWith("/files/")) return download(res, path.split("/")[2] ?? "");
    if (req.method === "GET" && ASSETS[path]) {
      const asset = ASSETS[path]!;
      res.writeHead(200, { "content-type": asset.type, "cache-control": "no-cache" });
      return void res.end(readFileSync(join(PUBLIC_DIR, asset.file)));
    }
    if (req.method === "GET" && (path === "/" || path === "/index.html")) {
      const viewer = personById(url.searchParams.get("as"));
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return void res.end(shell(state, viewer, parsePlace(url.searchParams.get("at")), o.sendDuePrompts !== undefined, interactions.problems.slice(-5)));
    }
    if (req.method === "GET" && path.startsWith("/archives/")) {
      res.writeHead(302, { location: `/?at=${encodeURIComponent(path.split("/")[2] ?? "")}` });
      return void res.end();
    }
    if (req.method === "GET" && path === "/ui/frame") return frame(res, url.searchParams);
    if (req.method === "GET" && path === "/ui/emoji") return send(res, 200, emojiCatalog());
    if (req.method === "GET" && path === "/ui/commands") return send(res, 200, commandSuggestions());
    if (req.method === "GET" && path === "/healthz") return send(res, 200, { ok: true });
    if (req.method === "POST" && path.startsWith("/ui/")) return ui(res, path.slice(4), JSON.parse((await readBody(req)).toString("utf8") || "{}") as Json);
    send(res, 404, { ok: false, error: "not_found" });
  }

  /** What the page shows now, for one person; 204 when nothing changed since `since`. */
  function frame(res: ServerResponse, q: URLSearchParams): void {
    const viewer = personById(q.get("as"));
    const place = parsePlace(q.get("at"));
    // The clock panel changes every minute even when nothing else does.
    const version = `${state.version}.${interactions.problems.length}.${Math.floor(state.now().getTime() / 60_000)}`;
    if (q.get("since") === version) return void res.writeHead(204).end();
    send(res, 200, {
      version,
      /** The workspace's clock (the demo's may run ahead of the wall clock). */
      now: state.now().toISOString(),
      at: placeKey(place),
      sidebar: sidebar(state, viewer, place),
      conversation: conversation(state, viewer, place),
      panel: clockPanel(state, viewer, o.sendDuePrompts !== undefined, interactions.problems.slice(-5)),
      modal: modal(state, viewer),
      problems: interactions.problems.slice(-5),
    });
  }

  async function ui(res: ServerResponse, action: string, body: Json): Promise<void> {
    const as = personById(String(body.as ?? "")).id;
    switch (action) {
      case "send":
        await interactions.send(as, String(body.channel ?? ""), String(body.text ?? ""));
        return send(res, 200, { ok: true });
      case "action":
        await interactions.act(as, body.container as ActionContainer, body.pressed as PressedElement, (body.form as FormValues) ?? {});
        return send(res, 200, { ok: true });
      case "submit":
        return send(res, 200, await interactions.submit(as, String(body.viewId ?? ""), (body.form as FormValues) ?? {}));
      case "close":
        await interactions.close(as, String(body.viewId ?? ""));
        return send(res, 200, { ok: true });
      case "react":
        await interactions.react(as, String(body.channel ?? ""), String(body.ts ?? ""), String(body.name ?? ""));
        return send(res, 200, { ok: true });
      case "open-app":
        await interactions.openApp(as, body.tab === "messages" ? "messages" : "home");
        return send(res, 200, { ok: true });
      case "dismiss": {
        const m = state.message(String(body.channel ?? ""), String(body.ts ?? ""));
        if (m && m.ephemeralTo === as) state.removeMessage(m);
        return send(res, 200, { ok: true });
      }
      case "status": {
        // For the person acting, or anyone named (the page offers the viewer; tests may name others).
        const who = body.person ? personById(String(body.person)).id : as;
        const change = parseChange(body.change);
        if (!change) return send(res, 400, { ok: false, summary: "Not a status change." });
        return send(res, 200, await statuses.change(who, change));
      }
      case "due": {
        if (!o.sendDuePrompts) return send(res, 200, { ok: false, summary: "Not connected to the app's scheduler." });
        try {
          return send(res, 200, { ok: true, summary: await o.sendDuePrompts() });
        } catch (error) {
          return send(res, 200, { ok: false, summary: `Could not send due prompts: ${(error as Error).message}` });
        }
      }
      default:
        return send(res, 404, { ok: false, error: "unknown_action" });
    }
  }

  async function upload(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const file = state.data.files.find((f) => f.id === id);
    const raw = await readBody(req);
    if (!file) return send(res, 404, "file_not_found");
    const bytes = await fileBytes(raw, String(req.headers["content-type"] ?? ""));
    file.content = bytes.toString("base64");
    file.size = bytes.length;
    state.touch();
    res.writeHead(200, { "content-type": "text/plain" });
    res.end(`OK - ${bytes.length}`);
  }

  function download(res: ServerResponse, id: string): void {
    const file = state.data.files.find((f) => f.id === id);
    if (!file?.content) return send(res, 404, { ok: false, error: "file_not_found" });
    res.writeHead(200, { "content-type": file.mimetype, "content-disposition": `attachment; filename="${file.name.replace(/"/g, "")}"` });
    res.end(Buffer.from(file.content, "base64"));
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, o.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = o.host && o.host !== "0.0.0.0" && o.host !== "::" ? o.host : "127.0.0.1";
  origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  const seeding = seedManager(state, interactions, o.appRequestUrl);
  return {
    url: `${origin}/`,
    apiUrl: `${origin}/api/`,
    quiesce() {
      seeding.stop();
    },
    async close() {
      seeding.stop();
      clearInterval(sweep);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      state.saveNow();
    },
  };
}

/**
 * On a fresh workspace, the admin makes the seeded manager a manager with `/stretch managers add`,
 * as a real admin would (the app keeps managers in its own database). Sent once the app answers
 * HTTP at all (it may still be starting), retried while it fails.
 */
function seedManager(state: WorkspaceState, interactions: Interactions, appRequestUrl: string): { stop(): void } {
  let stopped = false;
  const admin = PEOPLE.find((p) => p.isAdmin);
  const manager = PEOPLE.find((p) => p.isManager);
  if (!admin || !manager || state.data.seeded.includes(MANAGER_SEED)) return { stop() {} };
  const appIsUp = () =>
    fetch(appRequestUrl, { method: "GET", signal: AbortSignal.timeout(1_000) }).then(
      () => true,
      () => false,
    );
  void (async () => {
    for (let attempt = 0; attempt < 120 && !stopped; attempt += 1) {
      if (await appIsUp()) {
        const before = state.data.messages.length;
        await interactions.command(admin.id, dmIdFor(admin.id), `managers add <@${manager.id}|${manager.handle}>`);
        if (!state.data.messages.slice(before).some((m) => m.fromSlackbot)) {
          state.data.seeded.push(MANAGER_SEED);
          state.touch();
          return;
        }
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  return {
    stop() {
      stopped = true;
    },
  };
}

/**
 * The composer's suggestions for `/stretch …`: the app's own help list (HELP_COMMANDS, the single
 * list of sub-commands), as [text to insert after "/stretch ", what it does].
 */
function commandSuggestions(): Array<[string, string]> {
  const seen = new Set<string>();
  const out: Array<[string, string]> = [];
  for (const c of HELP_COMMANDS) {
    const text = c.example.replace(/^\/stretch ?/, "");
    if (!text || seen.has(text)) continue;
    seen.add(text);
    out.push([text, c.description.replace(/`/g, "")]);
  }
  return out;
}

function emojiCatalog(): { frequent: Array<[string, string]>; all: Array<[string, string]> } {
  const pair = (name: string): [string, string] => [name, emojiFor(name) ?? ""];
  return { frequent: FREQUENT_REACTIONS.map(pair), all: ALL_EMOJI_NAMES.map(pair) };
}

/** files.uploadV2 posts the file as multipart/form-data (or raw bytes): keep the file's bytes. */
async function fileBytes(raw: Buffer, contentType: string): Promise<Buffer> {
  if (!contentType.includes("multipart/form-data")) return raw;
  const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
  for (const value of form.values()) if (typeof value !== "string") return Buffer.from(await value.arrayBuffer());
  const first = form.values().next().value;
  return Buffer.from(typeof first === "string" ? first : "");
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain; charset=utf-8" : "application/json; charset=utf-8" });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}
