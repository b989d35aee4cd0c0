import { ErrorCode } from "@slack/web-api";
import { Pool } from "undici";
import type { SlackCallObserver } from "../observability/metrics.js";
import { normalizeApiUrl } from "./web-client.js";
import { slackErrorCode } from "./errors.js";

/** Options for {@link FastSlackApi}. */
export interface FastSlackApiOptions {
  /** Web API base URL (SLACK_API_URL), e.g. `https://slack.com/api/`. */
  slackApiUrl: string;
  /** Token used when a call names none (single-workspace mode). Calls pass `token` in OAuth mode. */
  token?: string;
  /** Per-request timeout in ms, for the answer's headers and for its body. Default 10 000 (as WebClient). */
  timeoutMs?: number;
  /** Keep-alive connections to the Slack host. Default 64. */
  connections?: number;
  /** Told about every call (method, result, latency) for metrics. Default: nobody. */
  observe?: SlackCallObserver;
}

/**
 * The Web API calls the delivery worker makes per prompt (chat.postMessage, dnd.teamInfo,
 * users.getPresence) as plain POSTs over an undici connection pool. Why not WebClient here: its request pipeline (form
 * encoding of the blocks, debug-log redaction, a queue and a retry wrapper, an abort timer per
 * call) cost several times the CPU of a plain pooled POST when this was written (a one-off
 * measurement, not kept as a bench), and these calls are most of a delivery's own cost.
 * Every other call keeps using WebClient.
 *
 * Behaviour matches a WebClient with `retries: 0, rejectRateLimitedCalls: true`: no retries, no
 * sleeping; failures are thrown with WebClient's error codes (ErrorCode.RateLimitedError with
 * `retryAfter` seconds, PlatformError with `data.error`, HTTPError, RequestError), so the same
 * classification (slack/errors.ts) applies.
 */
export class FastSlackApi {
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly defaultToken: string | undefined;
  private readonly observe: SlackCallObserver | undefined;

  constructor(options: FastSlackApiOptions) {
    this.observe = options.observe;
    const base = new URL(normalizeApiUrl(options.slackApiUrl));
    const timeoutMs = options.timeoutMs ?? 10_000;
    this.basePath = base.pathname;
    this.defaultToken = options.token;
    this.pool = new Pool(base.origin, {
      connections: options.connections ?? 64,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      // Slack keeps connections open for a while; reusing them saves a TLS handshake per call.
      keepAliveTimeout: 30_000,
    });
  }

  async postMessage(args: Record<string, unknown> & { channel: string; token?: string }): Promise<{ channel?: string; ts?: string }> {
    return this.call("chat.postMessage", args);
  }

  async dndTeamInfo(users: string[], token?: string): Promise<Record<string, Record<string, unknown>>> {
    // Read methods take form-encoded arguments only; JSON bodies are for write methods.
    const res = await this.call<{ users?: Record<string, Record<string, unknown>> }>("dnd.teamInfo", { users: users.join(","), ...(token ? { token } : {}) }, "form");
    return res.users ?? {};
  }

  async presence(user: string, token?: string): Promise<string | undefined> {
    const res = await this.call<{ presence?: string }>("users.getPresence", { user, ...(token ? { token } : {}) }, "form");
    return res.presence;
  }

  async call<T = Record<string, unknown>>(method: string, args: Record<string, unknown>, encoding: "json" | "form" = "json"): Promise<T> {
    if (!this.observe) return this.request<T>(method, args, encoding);
    const started = performance.now();
    try {
      const result = await this.request<T>(method, args, encoding);
      this.observe(method, { kind: "ok" }, (performance.now() - started) / 1000);
      return result;
    } catch (error) {
      this.observe(method, resultOfError(error), (performance.now() - started) / 1000);
      throw error;
    }
  }

  /** `args.token` (as WebClient takes it) becomes the Authorization header and never goes in the body. */
  private async request<T>(method: string, withToken: Record<string, unknown>, encoding: "json" | "form"): Promise<T> {
    const { token, ...args } = withToken;
    const bearer = typeof token === "string" ? token : this.defaultToken;
    if (!bearer) throw Object.assign(new Error("An API error occurred: not_authed (no token for this call)"), { code: ErrorCode.PlatformError, data: { ok: false, error: "not_authed" } });
    const body =
      encoding === "json"
        ? JSON.stringify(args)
        : new URLSearchParams(Object.entries(args).map(([k, v]): [string, string] => [k, typeof v === "string" ? v : JSON.stringify(v)])).toString();
    let status: number;
    let retryAfter: string | string[] | undefined;
    let text: string;
    try {
      const res = await this.pool.request({
        method: "POST",
        path: this.basePath + method,
        headers: {
          "content-type": encoding === "json" ? "application/json; charset=utf-8" : "application/x-www-form-urlencoded",
          authorization: `Bearer ${bearer}`,
        },
        body,
      });
      status = res.statusCode;
      retryAfter = res.headers["retry-after"];
      text = await res.body.text();
    } catch (error) {
      throw requestError(error as Error);
    }
    return answer<T>(status, retryAfter, text);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

function answer<T>(status: number, retryAfterHeader: string | string[] | undefined, text: string): T {
  if (status === 429) {
    const retryAfter = Number((Array.isArray(retryAfterHeader) ? retryAfterHeader[0] : retryAfterHeader) ?? "1");
    throw Object.assign(new Error(`rate limited; retry after ${retryAfter} s`), { code: ErrorCode.RateLimitedError, retryAfter: Number.isFinite(retryAfter) ? retryAfter : 1 });
  }
  if (status !== 200) {
    throw Object.assign(new Error(`HTTP ${status}`), { code: ErrorCode.HTTPError, statusCode: status, body: text.slice(0, 500) });
  }
  let data: { ok?: boolean; error?: string };
  try {
    data = JSON.parse(text) as { ok?: boolean; error?: string };
  } catch {
    throw Object.assign(new Error("Slack answered something that is not JSON"), { code: ErrorCode.HTTPError, statusCode: status });
  }
  if (!data.ok) throw Object.assign(new Error(`An API error occurred: ${data.error ?? "unknown"}`), { code: ErrorCode.PlatformError, data });
  return data as T;
}

function resultOfError(error: unknown): Parameters<SlackCallObserver>[1] {
  const e = error as { code?: string; statusCode?: number };
  if (e.code === ErrorCode.RateLimitedError) return { kind: "rate_limited" };
  if (e.code === ErrorCode.PlatformError) return { kind: "error", code: slackErrorCode(error) };
  if (e.code === ErrorCode.HTTPError) return { kind: "http_error", status: e.statusCode ?? 0 };
  return { kind: "request_error" };
}

function requestError(original: Error): Error {
  return Object.assign(new Error(`A request error occurred: ${original.message}`), { code: ErrorCode.RequestError, original });
}
