import type { FetchFunction } from "@slack/web-api";
import type { SlackCallObserver } from "./metrics.js";

/**
 * A `fetch` for WebClient (ours and Bolt's, through `clientOptions.fetch`) that counts every Web
 * API call by method and result, with its latency. WebClient has no per-call hook, and its
 * retries happen above fetch, so each attempt (including each 429) is counted once.
 *
 * To tell ok from an error code it reads the JSON body once and hands WebClient a copy; these are
 * the low-volume calls (the per-prompt ones take src/slack/fast-api.ts, observed there).
 */
export function observedFetch(observe: SlackCallObserver, base: FetchFunction = globalThis.fetch as unknown as FetchFunction): FetchFunction {
  return async (url, init) => {
    const method = methodOf(String(url));
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    let res: Awaited<ReturnType<FetchFunction>>;
    try {
      res = await base(url, init);
    } catch (error) {
      observe(method, { kind: "request_error" }, seconds());
      throw error;
    }
    if (res.status === 429) {
      observe(method, { kind: "rate_limited" }, seconds());
      return res;
    }
    if (res.status !== 200) {
      observe(method, { kind: "http_error", status: res.status }, seconds());
      return res;
    }
    const type = res.headers.get("content-type") ?? "";
    if (method === "file_upload" || !type.includes("json")) {
      observe(method, { kind: "ok" }, seconds());
      return res;
    }
    const text = await res.text();
    observe(method, resultOf(text), seconds());
    return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers as unknown as Headers }) as unknown as Awaited<ReturnType<FetchFunction>>;
  };
}

function resultOf(text: string) {
  try {
    const data = JSON.parse(text) as { ok?: boolean; error?: string };
    return data.ok === false ? ({ kind: "error", code: data.error } as const) : ({ kind: "ok" } as const);
  } catch {
    return { kind: "error", code: undefined } as const;
  }
}

/** `…/api/chat.postMessage` → `chat.postMessage`; the files.uploadV2 byte upload → `file_upload`. */
function methodOf(url: string): string {
  const path = url.split("?")[0] ?? "";
  const last = path.slice(path.lastIndexOf("/") + 1);
  if (/\/upload\//.test(path) && !last.includes(".")) return "file_upload";
  return last;
}
