import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { ErrorCode } from "@slack/web-api";
import { normalizeApiUrl } from "./web-client.js";

/** Options for {@link FastSlackApi}. */
export interface FastSlackApiOptions {
  /** Web API base URL (SLACK_API_URL). */
  slackApiUrl: string;
  token: string;
  /** Per-request timeout in ms. Default 10 000 (as WebClient). */
  timeoutMs?: number;
  /** Keep-alive sockets per host. Default 64. */
  maxSockets?: number;
}

/**
 * The two Web API calls the delivery worker makes per prompt (chat.postMessage, dnd.teamInfo) as
 * plain JSON POSTs over keep-alive sockets. Why not WebClient here: its request pipeline (form
 * encoding of the blocks, debug-log redaction, a queue and a retry wrapper, an abort timer per
 * call) measured ~0.55 ms of CPU per call against ~0.2 ms for this, and these calls are most of a
 * delivery's cost. Every other call keeps using WebClient.
 *
 * Behaviour matches a WebClient with `retries: 0, rejectRateLimitedCalls: true`: no retries, no
 * sleeping; failures are thrown with WebClient's error codes (ErrorCode.RateLimitedError with
 * `retryAfter` seconds, PlatformError with `data.error`, HTTPError, RequestError), so the same
 * classification (slack/errors.ts) applies.
 */
export class FastSlackApi {
  private readonly base: URL;
  private readonly secure: boolean;
  private readonly agent: HttpAgent;
  private readonly timeoutMs: number;

  constructor(private readonly options: FastSlackApiOptions) {
    this.base = new URL(normalizeApiUrl(options.slackApiUrl));
    this.secure = this.base.protocol === "https:";
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64 };
    this.agent = this.secure ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async postMessage(args: Record<string, unknown> & { channel: string }): Promise<{ channel?: string; ts?: string }> {
    return this.call("chat.postMessage", args);
  }

  async dndTeamInfo(users: string[]): Promise<Record<string, Record<string, unknown>>> {
    // Read methods take form-encoded arguments only; JSON bodies are for write methods.
    const res = await this.call<{ users?: Record<string, Record<string, unknown>> }>("dnd.teamInfo", { users: users.join(",") }, "form");
    return res.users ?? {};
  }

  call<T = Record<string, unknown>>(method: string, args: Record<string, unknown>, encoding: "json" | "form" = "json"): Promise<T> {
    const body =
      encoding === "json"
        ? JSON.stringify(args)
        : new URLSearchParams(Object.entries(args).map(([k, v]): [string, string] => [k, typeof v === "string" ? v : JSON.stringify(v)])).toString();
    const contentType = encoding === "json" ? "application/json; charset=utf-8" : "application/x-www-form-urlencoded";
    const url = new URL(method, this.base);
    const send = this.secure ? httpsRequest : httpRequest;
    return new Promise<T>((resolve, reject) => {
      const req = send(
        url,
        {
          method: "POST",
          agent: this.agent,
          headers: {
            "content-type": contentType,
            "content-length": Buffer.byteLength(body),
            authorization: `Bearer ${this.options.token}`,
          },
        },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", (error) => reject(requestError(error)));
          res.on("end", () => {
            try {
              resolve(answer<T>(res, Buffer.concat(chunks).toString("utf8")));
            } catch (error) {
              reject(error);
            }
          });
        },
      );
      req.setTimeout(this.timeoutMs, () => req.destroy(new Error(`timed out after ${this.timeoutMs} ms`)));
      req.on("error", (error) => reject(requestError(error)));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function answer<T>(res: IncomingMessage, text: string): T {
  const status = res.statusCode ?? 0;
  if (status === 429) {
    const retryAfter = Number(res.headers["retry-after"] ?? "1");
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

function requestError(original: Error): Error {
  return Object.assign(new Error(`A request error occurred: ${original.message}`), { code: ErrorCode.RequestError, original });
}
