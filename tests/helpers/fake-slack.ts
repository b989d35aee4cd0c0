import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { invalidBlocksAnswer, invalidViewAnswer, validateMessage, validateView, type BlockKitProblem } from "../../demo/workspace/block-kit-validator.js";
import { nextMessageTs, TEAM } from "./factories.js";

/** One call that reached the fake, as the app sent it. */
export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  /** The workspace the token belongs to (per-team tokens, see installWorkspace); undefined when unknown. */
  teamId?: string | undefined;
  /** Per-team mode: the error the fake answered because of the token (invalid_auth, not_authed, token_expired). */
  refused?: string;
  /** Answered 429 by the rate-limit model (or a workspace told to refuse some posts). */
  rateLimited?: boolean;
  at: number;
  /** The request body as sent (file uploads to upload_url carry the file bytes here). */
  raw?: string;
  /** File uploads (files.uploadV2 POSTs to upload_url; method "/upload/<id>") only: the body as bytes, binary-safe. */
  bytes?: Buffer;
}

/** A call the fake refused as Slack would, because of its Block Kit (invalid_blocks / invalid_arguments). */
export interface BlockKitRejection {
  method: string;
  problems: BlockKitProblem[];
}

/**
 * Every Block Kit rejection of every FakeSlack in this test file (vitest isolates files). The
 * set-up file tests/helpers/block-kit-guard.ts fails the file if any happened: the app must never
 * send what Slack would refuse.
 */
export const blockKitRejections: BlockKitRejection[] = [];

const MESSAGE_METHODS = new Set(["chat.postMessage", "chat.postEphemeral", "chat.update", "chat.scheduleMessage"]);
const VIEW_METHODS = new Set(["views.open", "views.update", "views.push", "views.publish"]);

/** Slack's answer when a message or view breaks Block Kit's rules; undefined when it is fine. */
function blockKitRefusal(method: string, args: Record<string, unknown>): { problems: BlockKitProblem[]; answer: Record<string, unknown> } | undefined {
  if (MESSAGE_METHODS.has(method) || method.startsWith("response_url:")) {
    const problems = validateMessage(args);
    return problems.length > 0 ? { problems, answer: invalidBlocksAnswer(problems) } : undefined;
  }
  if (VIEW_METHODS.has(method)) {
    const problems = validateView(args.view);
    return problems.length > 0 ? { problems, answer: invalidViewAnswer(problems) } : undefined;
  }
  return undefined;
}

/** What a scripted answer may be: a body (status 200) or a full HTTP answer. */
export type FakeAnswer =
  | Record<string, unknown>
  | { status: number; headers?: Record<string, string>; body?: unknown; delayMs?: number };

type Handler = (call: RecordedCall) => FakeAnswer | Promise<FakeAnswer>;

export interface FakeUser {
  id: string;
  name?: string;
  tz?: string;
  is_bot?: boolean;
  deleted?: boolean;
  is_admin?: boolean;
  is_owner?: boolean;
  /** Workspace the person belongs to (per-team mode): another workspace's token cannot touch them. */
  team?: string;
}

/** A workspace that can install the app through the fake's OAuth (authorizeCode → oauth.v2.access). */
export interface FakeWorkspace {
  teamId: string;
  name: string;
  /** Enterprise Grid org, if any. */
  enterpriseId?: string;
  enterpriseName?: string;
  botUserId: string;
  botId: string;
}

/** One issued token: whose it is and, with token rotation, when it stops working (ms). */
interface IssuedToken {
  teamId: string | null;
  enterpriseId: string | null;
  botUserId: string;
  botId: string;
  expiresAt: number | null;
}

/** What an authorization code grants when the app exchanges it. */
interface PendingCode {
  workspace: FakeWorkspace;
  orgWide: boolean;
  rotation: boolean;
  expiresIn: number;
  installerId: string;
}

/**
 * Slack's rate limits as the fake enforces them (switchable: `fake.rateLimits = …`). Token buckets
 * per workspace and method, and per channel for chat.postMessage; a call over the limit is answered
 * 429 with Retry-After, as Slack does.
 */
export interface FakeRateLimitModel {
  /** chat.postMessage per channel per second (Slack: about 1, short bursts tolerated). Default 1. */
  postsPerChannelPerSecond?: number;
  /** chat.postMessage per workspace per minute (Slack does not publish it; operators report ~500). Default 600. */
  postsPerWorkspacePerMinute?: number;
  /** Other methods, per workspace per minute. Default: Slack's tiers for the methods the app uses. */
  perMinute?: Record<string, number>;
}

const DEFAULT_TIERS: Record<string, number> = {
  "users.info": 100,
  "conversations.members": 100,
  "users.getPresence": 50,
  "conversations.open": 50,
  "conversations.info": 50,
  "dnd.teamInfo": 20,
  "users.list": 20,
  "conversations.history": 1,
};

/** Methods any caller may use without a bot token. */
const NO_TOKEN_METHODS = new Set(["oauth.v2.access", "oauth.v2.exchange", "api.test"]);

/**
 * A Slack Web API on loopback. Records every call; answers like Slack by default (shapes from
 * tests/fixtures/slack/openapi/examples) and can be scripted per method: errors (ok:false),
 * 429 with Retry-After, 5xx, slow answers. Also receives response_url posts at /response/<id>.
 */
export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly users = new Map<string, FakeUser>();
  /** Calls this fake refused for their Block Kit, as Slack would (also in `blockKitRejections`). */
  readonly blockKitRejections: BlockKitRejection[] = [];
  readonly channelMembers = new Map<string, string[]>();
  /** conversations.info `creator` per channel (absent: the answer has no creator). */
  readonly channelCreators = new Map<string, string>();
  readonly dnd = new Map<string, { snoozeEndsAt?: number; nextDndStart?: number; nextDndEnd?: number }>();
  /**
   * Messages chat.postMessage accepted, per channel (a post to a user id lands in their DM "D…", as
   * in Slack). Stored when the call is handled, even if the caller never reads the answer (a
   * worker killed mid-call), so conversations.history shows what Slack would show.
   */
  readonly messages = new Map<string, Array<{ ts: string; text: unknown; metadata?: unknown; postedAt: number }>>();
  /** Added to every answer, in ms. */
  latencyMs = 0;
  /**
   * Server keep-alive, set before start(). Node's http Agent never reuses a socket when the server
   * announces `timeout=1` (1 s), so throughput benches raise it; tests keep the short default.
   */
  keepAliveTimeoutMs = 1_000;
  /**
   * Keep each recorded call's arguments and body (tests read them). Benches that only count calls
   * turn it off: holding 10,000 message bodies makes this process's garbage collector compete with
   * the app for the same two cores.
   */
  keepCallBodies = true;
  private readonly handlers = new Map<string, Handler>();
  private readonly queued = new Map<string, FakeAnswer[]>();
  private server: Server | undefined;
  private listeners: Array<() => void> = [];
  teamId = TEAM;
  botUserId = "U0BOTUSER";
  botId = "B0BOTID";
  /** App credentials oauth.v2.access checks (set them to the app's SLACK_CLIENT_ID / _SECRET). */
  clientId = "1111111111.2222222222";
  clientSecret = "fake-client-secret-value";
  appId = "A0STRETCH1";
  /**
   * Per-team tokens: once on (installWorkspace, authorizeCode, or set by a test), every call needs a
   * token the fake issued and still honours (else invalid_auth / token_expired / not_authed), and a
   * call that touches another workspace's channel or person is answered invalid_auth.
   */
  enforceTokens = false;
  readonly workspaces = new Map<string, FakeWorkspace>();
  /** Channel → owning workspace (per-team mode). DMs belong to the person's workspace. */
  readonly channelTeams = new Map<string, string>();
  /** oauth.v2.access calls that spent a refresh token (token rotation). */
  refreshes = 0;
  /** The rate-limit model; null (default) answers everything at once. */
  rateLimits: FakeRateLimitModel | null = null;
  /** Workspaces whose Slack answers 429 (Retry-After 1 s) to one post in `every`. */
  readonly refusePostsOf = new Map<string, { every: number; seen: number }>();
  /** 429s answered, per workspace. */
  readonly rateLimitedBy = new Map<string, number>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly refreshTokens = new Map<string, IssuedToken & { expiresIn: number }>();
  private readonly codes = new Map<string, PendingCode>();
  private issued = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: false, error: `fake_slack_crashed: ${String(error)}` }));
      });
    });
    this.server.keepAliveTimeout = this.keepAliveTimeoutMs;
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return this;
  }

  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Base for SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A response_url the app can post to; posts are recorded as method `response_url:<id>`. */
  responseUrl(id = "r1"): string {
    return `${this.url}/response/${id}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  /** Replace the default answer of a method for every following call. */
  on(method: string, handler: Handler): void {
    this.handlers.set(method, handler);
  }

  /** Answer the next calls of a method with these, in order, then fall back to the default. */
  queue(method: string, ...answers: FakeAnswer[]): void {
    this.queued.set(method, [...(this.queued.get(method) ?? []), ...answers]);
  }

  reset(): void {
    this.calls.length = 0;
    this.handlers.clear();
    this.queued.clear();
    this.messages.clear();
    this.latencyMs = 0;
    this.rateLimits = null;
    this.refusePostsOf.clear();
    this.rateLimitedBy.clear();
    this.buckets.clear();
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves once `count` calls of `method` matching `where` have arrived. */
  async waitFor(method: string, where: (c: RecordedCall) => boolean = () => true, count = 1, timeoutMs = 10_000): Promise<RecordedCall[]> {
    const matching = () => this.calls.filter((c) => c.method === method && where(c));
    const deadline = Date.now() + timeoutMs;
    while (matching().length < count) {
      if (Date.now() > deadline) {
        const seen = this.calls.map((c) => c.method).join(", ") || "nothing";
        throw new Error(`FakeSlack: waited ${timeoutMs} ms for ${count}× ${method}; saw ${matching().length} (all calls: ${seen})`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.listeners.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return matching();
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const raw = body.toString("utf8");
    // Most calls have no query string: skip the URL parser for them (the fan-out bench makes 10,000+).
    const rawUrl = req.url ?? "/";
    const url = rawUrl.includes("?") ? new URL(rawUrl, "http://fake") : undefined;
    const pathname = url?.pathname ?? rawUrl;
    const responseMatch = /^\/response\/(.+)$/.exec(pathname);
    const method = responseMatch ? `response_url:${responseMatch[1]}` : pathname.replace(/^\/api\//, "");
    const args = parseArgs(raw, String(req.headers["content-type"] ?? ""));
    for (const [k, v] of url?.searchParams ?? []) args[k] = v;
    const auth = String(req.headers.authorization ?? "");
    const token = auth.startsWith("Bearer ") ? auth.slice(7) : typeof args.token === "string" ? args.token : undefined;
    const call: RecordedCall = { method, args, token, at: Date.now(), raw, ...(method.startsWith("/upload/") ? { bytes: body } : {}) };
    const issued = token ? this.tokens.get(token) : undefined;
    if (issued) call.teamId = issued.teamId ?? issued.enterpriseId ?? undefined;

    const refused = this.refuse(call, issued) ?? this.limit(call);
    if (refused) {
      if ("status" in refused && refused.status === 429) call.rateLimited = true;
      else call.refused = String((refused as { error?: unknown }).error);
    }
    const refusal = refused ? undefined : blockKitRefusal(method, args);
    if (refusal) {
      const rejection = { method, problems: refusal.problems };
      this.blockKitRejections.push(rejection);
      blockKitRejections.push(rejection);
    }
    const queued = refused || refusal ? undefined : this.queued.get(method);
    const scripted = queued?.shift();
    const answer: FakeAnswer = refused ?? refusal?.answer ?? scripted ?? (await (this.handlers.get(method) ?? ((c) => this.defaultAnswer(c)))(call));
    const full = "status" in answer && typeof answer.status === "number" ? (answer as { status: number; headers?: Record<string, string>; body?: unknown; delayMs?: number }) : { status: 200, body: answer };
    const delay = this.latencyMs + (full.delayMs ?? 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    this.calls.push(this.keepCallBodies ? call : { ...call, args: {}, raw: "" });
    for (const l of this.listeners.splice(0)) l();
    res.writeHead(full.status, { "content-type": "application/json", ...(full.headers ?? {}) });
    res.end(full.body === undefined ? "" : JSON.stringify(full.body));
  }

  /** Registers a workspace that can install the app (turns per-team tokens on). */
  addWorkspace(workspace: Partial<FakeWorkspace> & { teamId: string }): FakeWorkspace {
    const suffix = workspace.teamId.replace(/^T/, "");
    const full: FakeWorkspace = { name: `Workspace ${suffix}`, botUserId: `U0BOT${suffix}`, botId: `B0BOT${suffix}`, ...workspace };
    this.workspaces.set(full.teamId, full);
    this.enforceTokens = true;
    return full;
  }

  /**
   * What Slack does when a person approves the install on its authorize page: returns the `code`
   * it would put on the redirect. `rotation` issues expiring tokens (expiresIn seconds, default 12 h).
   */
  authorizeCode(teamId: string, options: { orgWide?: boolean; rotation?: boolean; expiresIn?: number; installerId?: string } = {}): string {
    const workspace = this.workspaces.get(teamId) ?? this.addWorkspace({ teamId });
    const code = `code-${++this.issued}-${Math.random().toString(36).slice(2, 10)}`;
    this.codes.set(code, {
      workspace,
      orgWide: options.orgWide ?? false,
      rotation: options.rotation ?? false,
      expiresIn: options.expiresIn ?? 43_200,
      installerId: options.installerId ?? "U0INSTALLR",
    });
    return code;
  }

  /** Every token the fake issued and still honours, with its owner (tests check none is stored in clear). */
  liveTokens(): Array<{ token: string; teamId: string | null; enterpriseId: string | null; expiresAt: number | null }> {
    return [...this.tokens].map(([token, t]) => ({ token, teamId: t.teamId, enterpriseId: t.enterpriseId, expiresAt: t.expiresAt }));
  }

  /** Every token ever issued, refresh tokens included. */
  readonly everIssued: string[] = [];

  /** Slack revoking a workspace's tokens (uninstall): they stop working at once. */
  revokeTokens(teamOrEnterpriseId: string): void {
    for (const [token, t] of this.tokens) if (t.teamId === teamOrEnterpriseId || t.enterpriseId === teamOrEnterpriseId) this.tokens.delete(token);
    for (const [token, t] of this.refreshTokens) if (t.teamId === teamOrEnterpriseId || t.enterpriseId === teamOrEnterpriseId) this.refreshTokens.delete(token);
  }

  /** The rate-limit model's verdict on one call: undefined (go ahead) or a 429 answer. */
  private limit(call: RecordedCall): FakeAnswer | undefined {
    if (call.method.startsWith("response_url:") || call.method.startsWith("upload") || NO_TOKEN_METHODS.has(call.method)) return undefined;
    const team = call.teamId ?? this.teamId;
    const tooMany = (retryAfterS: number): FakeAnswer => {
      this.rateLimitedBy.set(team, (this.rateLimitedBy.get(team) ?? 0) + 1);
      return { status: 429, headers: { "retry-after": String(Math.max(1, Math.ceil(retryAfterS))) }, body: { ok: false, error: "ratelimited" } };
    };
    if (call.method === "chat.postMessage") {
      const refuse = this.refusePostsOf.get(team);
      if (refuse) {
        refuse.seen += 1;
        if (refuse.seen % refuse.every === 0) return tooMany(1);
      }
    }
    const model = this.rateLimits;
    if (!model) return undefined;
    if (call.method === "chat.postMessage") {
      const perChannel = model.postsPerChannelPerSecond ?? 1;
      const channel = String(call.args.channel ?? "");
      const c = this.take(`${team}|post|${channel}`, perChannel, Math.max(1, perChannel * 3));
      if (c > 0) return tooMany(c);
      const perMinute = model.postsPerWorkspacePerMinute ?? 600;
      const w = this.take(`${team}|post`, perMinute / 60, Math.max(1, perMinute / 10));
      return w > 0 ? tooMany(w) : undefined;
    }
    const perMinute = model.perMinute?.[call.method] ?? DEFAULT_TIERS[call.method];
    if (perMinute === undefined) return undefined;
    const wait = this.take(`${team}|${call.method}`, perMinute / 60, Math.max(1, perMinute / 6));
    return wait > 0 ? tooMany(wait) : undefined;
  }

  /** Token bucket: 0 when a token was taken, else seconds until one is available. */
  private take(key: string, perSecond: number, capacity: number): number {
    const now = Date.now();
    const b = this.buckets.get(key) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + ((now - b.at) / 1000) * perSecond);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return (1 - b.tokens) / perSecond;
  }

  /** Per-team mode: the answer Slack gives a call whose token is missing, unknown, expired or for another workspace. */
  private refuse(call: RecordedCall, issued: IssuedToken | undefined): FakeAnswer | undefined {
    if (!this.enforceTokens || NO_TOKEN_METHODS.has(call.method) || call.method.startsWith("response_url:") || call.method.startsWith("upload")) return undefined;
    if (!call.token) return { ok: false, error: "not_authed" };
    if (!issued) return { ok: false, error: "invalid_auth" };
    if (issued.expiresAt !== null && issued.expiresAt <= Date.now()) return { ok: false, error: "token_expired" };
    const owner = this.ownerOf(call.args);
    if (owner && !this.covers(issued, owner)) return { ok: false, error: "invalid_auth" };
    return undefined;
  }

  /** The workspace a call's channel or user belongs to, when the fake knows. */
  private ownerOf(args: Record<string, unknown>): string | undefined {
    for (const key of ["channel", "channel_id", "user", "users"]) {
      const value = args[key];
      if (typeof value !== "string" || value === "") continue;
      const first = value.split(",")[0]!;
      const direct = this.channelTeams.get(first);
      if (direct) return direct;
      const userId = /^D/.test(first) ? `U${first.slice(1)}` : first;
      const team = this.users.get(userId)?.team;
      if (team) return team;
    }
    return undefined;
  }

  private covers(issued: IssuedToken, teamId: string): boolean {
    if (issued.teamId === teamId) return true;
    const ws = this.workspaces.get(teamId);
    return issued.teamId === null && issued.enterpriseId !== null && ws?.enterpriseId === issued.enterpriseId;
  }

  private issue(kind: "xoxb" | "xoxe", owner: IssuedToken): string {
    const token = `${kind}-${++this.issued}-${(owner.teamId ?? owner.enterpriseId ?? "x").toLowerCase()}-${Math.random().toString(36).slice(2, 14)}`;
    this.everIssued.push(token);
    return token;
  }

  /** oauth.v2.access: an authorization code (install) or, with token rotation, a refresh token. */
  private oauthAccess(a: Record<string, unknown>): Record<string, unknown> {
    if (a.client_id !== this.clientId || a.client_secret !== this.clientSecret) return { ok: false, error: "invalid_client_id" };
    if (a.grant_type === "refresh_token") {
      const old = this.refreshTokens.get(String(a.refresh_token ?? ""));
      if (!old) return { ok: false, error: "invalid_refresh_token" };
      // Single-use, as in Slack: spending it twice fails.
      this.refreshTokens.delete(String(a.refresh_token));
      this.refreshes += 1;
      const owner: IssuedToken = { teamId: old.teamId, enterpriseId: old.enterpriseId, botUserId: old.botUserId, botId: old.botId, expiresAt: Date.now() + old.expiresIn * 1000 };
      const access = this.issue("xoxb", owner);
      this.tokens.set(access, owner);
      const refresh = this.issue("xoxe", owner);
      this.refreshTokens.set(refresh, { ...owner, expiresIn: old.expiresIn });
      return { ok: true, app_id: this.appId, token_type: "bot", access_token: access, refresh_token: refresh, expires_in: old.expiresIn, team: owner.teamId ? { id: owner.teamId } : null, enterprise: owner.enterpriseId ? { id: owner.enterpriseId } : null };
    }
    const pending = this.codes.get(String(a.code ?? ""));
    if (!pending) return { ok: false, error: "invalid_code" };
    this.codes.delete(String(a.code));
    const ws = pending.workspace;
    const owner: IssuedToken = {
      teamId: pending.orgWide ? null : ws.teamId,
      enterpriseId: ws.enterpriseId ?? null,
      botUserId: ws.botUserId,
      botId: ws.botId,
      expiresAt: pending.rotation ? Date.now() + pending.expiresIn * 1000 : null,
    };
    const access = this.issue("xoxb", owner);
    this.tokens.set(access, owner);
    const answer: Record<string, unknown> = {
      ok: true,
      app_id: this.appId,
      authed_user: { id: pending.installerId },
      scope: "commands,chat:write",
      token_type: "bot",
      access_token: access,
      bot_user_id: ws.botUserId,
      team: pending.orgWide ? null : { id: ws.teamId, name: ws.name },
      enterprise: ws.enterpriseId ? { id: ws.enterpriseId, name: ws.enterpriseName ?? ws.enterpriseId } : null,
      is_enterprise_install: pending.orgWide,
    };
    if (pending.rotation) {
      const refresh = this.issue("xoxe", owner);
      this.refreshTokens.set(refresh, { ...owner, expiresIn: 43_200 });
      answer.refresh_token = refresh;
      answer.expires_in = pending.expiresIn;
    }
    return answer;
  }

  /**
   * Like Slack's: the post's time in seconds, then a unique fraction. A made-up past ts (2023) made
   * every reaction that beat the prompt's record look like one on an old message ("not a prompt").
   */
  private nextTs(): string {
    return nextMessageTs();
  }

  /**
   * Realistic success answers, shaped like the openapi examples. Public so a handler set with
   * `on()` can fail some calls and answer the rest as usual (tests/chaos/chaos-slack.ts).
   */
  defaultAnswer(call: RecordedCall): Record<string, unknown> {
    const a = call.args;
    switch (call.method) {
      case "auth.test": {
        const t = call.token ? this.tokens.get(call.token) : undefined;
        if (t) return { ok: true, url: "https://acme.slack.com/", team: "Acme", user: "stretchbot", team_id: t.teamId ?? t.enterpriseId, user_id: t.botUserId, bot_id: t.botId, ...(t.enterpriseId ? { enterprise_id: t.enterpriseId } : {}), is_enterprise_install: t.teamId === null };
        return { ok: true, url: "https://acme.slack.com/", team: "Acme", user: "stretchbot", team_id: this.teamId, user_id: this.botUserId, bot_id: this.botId };
      }
      case "oauth.v2.access":
        return this.oauthAccess(a);
      case "chat.postMessage": {
        const channel = dmChannelOf(String(a.channel ?? ""));
        const ts = this.nextTs();
        const stored = { ts, text: a.text, postedAt: Date.now(), ...(a.metadata !== undefined ? { metadata: a.metadata } : {}) };
        this.messages.set(channel, [...(this.messages.get(channel) ?? []), stored]);
        return { ok: true, channel, ts, message: { type: "message", text: a.text, bot_id: this.botId, ts } };
      }
      case "conversations.history": {
        // Fake ts values are not wall-clock times: `oldest` is compared with when the post arrived.
        const oldestMs = Number(a.oldest ?? 0) * 1000;
        const withMetadata = a.include_all_metadata === true || a.include_all_metadata === "true";
        const found = (this.messages.get(String(a.channel)) ?? []).filter((m) => m.postedAt >= oldestMs).reverse();
        const messages = found.map((m) => ({ type: "message", ts: m.ts, text: m.text, bot_id: this.botId, ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) }));
        return { ok: true, messages, has_more: false, response_metadata: { next_cursor: "" } };
      }
      case "chat.postEphemeral":
        return { ok: true, message_ts: this.nextTs() };
      case "chat.update":
        return { ok: true, channel: a.channel, ts: a.ts, text: a.text };
      case "chat.delete":
        return { ok: true, channel: a.channel, ts: a.ts };
      case "conversations.open": {
        const users = String(a.users ?? "");
        return { ok: true, channel: { id: `D${users.replace(/^U/, "")}` } };
      }
      case "conversations.join":
        return { ok: true, channel: { id: a.channel } };
      case "conversations.info":
        return {
          ok: true,
          channel: { id: a.channel, name: "general", is_channel: true, is_archived: false, is_member: true, ...(this.channelCreators.has(String(a.channel)) && { creator: this.channelCreators.get(String(a.channel)) }) },
        };
      case "conversations.members": {
        const page = paginate(this.channelMembers.get(String(a.channel)) ?? [], a, 1000);
        return { ok: true, members: page.items, response_metadata: { next_cursor: page.next } };
      }
      case "users.info": {
        const user = this.users.get(String(a.user));
        if (!user) return { ok: false, error: "user_not_found" };
        return { ok: true, user: toSlackUser(user, user.team ?? this.teamId) };
      }
      case "users.list": {
        // Per-team mode: a workspace lists its own people only.
        const all = [...this.users.values()].filter((u) => !call.teamId || !u.team || u.team === call.teamId);
        const page = paginate(all, a, 200);
        return { ok: true, members: page.items.map((u) => toSlackUser(u, u.team ?? this.teamId)), response_metadata: { next_cursor: page.next } };
      }
      case "dnd.info": {
        const d = this.dnd.get(String(a.user)) ?? {};
        const snoozeEnds = d.snoozeEndsAt ?? 0;
        return { ok: true, dnd_enabled: true, next_dnd_start_ts: d.nextDndStart ?? 0, next_dnd_end_ts: d.nextDndEnd ?? 0, snooze_enabled: snoozeEnds > Date.now() / 1000, snooze_endtime: snoozeEnds };
      }
      case "dnd.teamInfo": {
        // As Slack answers a bot: the DND schedule only (snooze_* is visible to the user alone).
        const users: Record<string, unknown> = {};
        for (const id of String(a.users ?? "").split(",").filter(Boolean)) {
          const d = this.dnd.get(id) ?? {};
          users[id] = { dnd_enabled: d.nextDndStart !== undefined, next_dnd_start_ts: d.nextDndStart ?? 1, next_dnd_end_ts: d.nextDndEnd ?? 1 };
        }
        return { ok: true, users };
      }
      case "users.getPresence":
        return { ok: true, presence: "active" };
      case "views.publish":
      case "views.open":
      case "views.update":
      case "views.push":
        return { ok: true, view: { id: "V0FAKEVIEW", hash: "h" } };
      case "reactions.add":
        return { ok: true };
      case "files.getUploadURLExternal":
        return { ok: true, upload_url: `${this.url}/upload/F0FAKE`, file_id: "F0FAKEFILE" };
      case "files.completeUploadExternal":
        return { ok: true, files: [{ id: "F0FAKEFILE", title: a.title ?? "file" }] };
      case "usergroups.list":
        return { ok: true, usergroups: [] };
      case "usergroups.users.list":
        return { ok: true, users: [] };
      default:
        if (call.method.startsWith("response_url:") || call.method.startsWith("upload")) return { ok: true };
        return { ok: true };
    }
  }
}

/** Slack's cursor pagination: `limit` (capped at `max`) items from the offset the cursor names. */
function paginate<T>(items: T[], args: Record<string, unknown>, max: number): { items: T[]; next: string } {
  const limit = Math.min(max, Number(args.limit ?? max) || max);
  const start = typeof args.cursor === "string" && args.cursor.startsWith("o:") ? Number(args.cursor.slice(2)) : 0;
  const end = start + limit;
  return { items: items.slice(start, end), next: end < items.length ? `o:${end}` : "" };
}

/** Slack posts a message sent to a user id into the app's DM with them ("D…", as conversations.open answers). */
function dmChannelOf(channel: string): string {
  return /^[UW]/.test(channel) ? `D${channel.replace(/^U/, "")}` : channel;
}

function toSlackUser(user: FakeUser, teamId: string): Record<string, unknown> {
  return {
    id: user.id,
    team_id: teamId,
    name: user.name ?? user.id.toLowerCase(),
    real_name: user.name ?? user.id,
    deleted: user.deleted ?? false,
    is_bot: user.is_bot ?? false,
    is_admin: user.is_admin ?? false,
    is_owner: user.is_owner ?? false,
    tz: user.tz ?? "Europe/Warsaw",
    tz_offset: 3600,
    profile: { display_name: user.name ?? user.id, real_name: user.name ?? user.id },
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (!raw) return {};
  if (contentType.includes("application/json")) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return { _raw: raw };
    }
  }
  if (contentType.includes("multipart/form-data")) return { _raw: raw };
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // WebClient JSON-encodes arrays/objects (blocks, attachments) inside the form.
    if ((value.startsWith("[") || value.startsWith("{")) && key !== "text") {
      try {
        args[key] = JSON.parse(value);
        continue;
      } catch {
        // keep as text
      }
    }
    args[key] = value;
  }
  return args;
}
