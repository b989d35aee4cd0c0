import { LogLevel, WebClient, type RetryOptions } from "@slack/web-api";
import type { Logger } from "../logger.js";
import type { SlackCallObserver } from "../observability/metrics.js";
import { observedFetch } from "../observability/slack-fetch.js";
import { toSlackLogger } from "./slack-logger.js";

export interface WebClientOptions {
  /** Web API base URL (SLACK_API_URL). */
  slackApiUrl: string;
  /** Retries for network errors and 5xx. 0 disables them. */
  retries: number;
  /**
   * When true a 429 rejects at once (error carries `retryAfter`) instead of the client sleeping:
   * job workers hand the delay to BullMQ's rate limiter so no worker slot sits idle.
   * Default false (interactive listeners let the client wait the short Retry-After).
   */
  rejectRateLimitedCalls?: boolean;
  /** Per-request timeout in ms. Default 10 000. */
  timeoutMs?: number;
  logger: Logger;
  /** Told about every call (method, result, latency) for metrics. Default: nobody. */
  observe?: SlackCallObserver;
}

export function createWebClient(token: string | undefined, options: WebClientOptions): WebClient {
  const retryConfig: RetryOptions = { retries: options.retries, factor: 2, minTimeout: 200, maxTimeout: 5_000 };
  return new WebClient(token, {
    slackApiUrl: normalizeApiUrl(options.slackApiUrl),
    retryConfig,
    rejectRateLimitedCalls: options.rejectRateLimitedCalls ?? false,
    timeout: options.timeoutMs ?? 10_000,
    logger: toSlackLogger(options.logger.child({ component: "slack-web-api" })),
    logLevel: LogLevel.WARN,
    ...(options.observe ? { fetch: observedFetch(options.observe) } : {}),
  });
}

/** WebClient joins the base and method name by string concatenation: the base needs a trailing slash. */
export function normalizeApiUrl(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}
