import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

/** Options for {@link createKeepAliveFetch}. */
export interface KeepAliveFetchOptions {
  /** Sockets kept per host. Default 256 (≥ worker concurrency, so calls never queue for a socket). */
  maxSockets?: number;
}

type FetchInit = { method?: string; headers?: Record<string, string>; body?: unknown; signal?: AbortSignal | null | undefined };

/**
 * A small `fetch` for @slack/web-api's WebClient over node:http(s) with keep-alive agents.
 * Why: Node 20's global fetch (undici) costs about 3× the CPU per call of http.request here, and
 * the delivery worker makes one Web API call per prompt, so the transport is its main CPU cost.
 * Supports exactly what WebClient uses: POST with a string/Buffer body, headers, abort signal, and
 * a Response with status, headers, text(), json(), arrayBuffer().
 */
export function createKeepAliveFetch(options: KeepAliveFetchOptions = {}): typeof fetch {
  const maxSockets = options.maxSockets ?? 256;
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets });
  const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets });
  const impl = (input: string | URL | Request, init: FetchInit = {}): Promise<Response> => {
    if (typeof input === "object" && !(input instanceof URL)) return fetch(input, init as RequestInit);
    const url = typeof input === "string" ? new URL(input) : input;
    const body = init.body;
    if (body !== undefined && body !== null && typeof body !== "string" && !Buffer.isBuffer(body)) {
      return fetch(url, init as RequestInit); // multipart uploads etc.: leave to undici
    }
    const secure = url.protocol === "https:";
    const send = secure ? httpsRequest : httpRequest;
    return new Promise<Response>((resolve, reject) => {
      const signal = init.signal ?? undefined;
      if (signal?.aborted) {
        reject(signal.reason ?? new Error("aborted"));
        return;
      }
      const req = send(url, { method: init.method ?? "GET", headers: init.headers, agent: secure ? httpsAgent : httpAgent }, (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(toResponse(res, Buffer.concat(chunks)));
        });
      });
      const onAbort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
      signal?.addEventListener("abort", onAbort, { once: true });
      req.on("error", (error) => {
        signal?.removeEventListener("abort", onAbort);
        reject(error);
      });
      req.end(body as string | Buffer | undefined);
    });
  };
  return impl as typeof fetch;
}

/** Just enough of a WHATWG Response for WebClient (it reads status, headers and the body once). */
function toResponse(res: IncomingMessage, body: Buffer): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const response = {
    status: res.statusCode ?? 0,
    statusText: res.statusMessage ?? "",
    ok: (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300,
    url: "",
    headers,
    text: async () => body.toString("utf8"),
    json: async () => JSON.parse(body.toString("utf8")) as unknown,
    arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength),
  };
  return response as unknown as Response;
}
