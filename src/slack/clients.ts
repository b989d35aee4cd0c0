import type { WebClient } from "@slack/web-api";
import type { Config } from "../config/index.js";
import type { Logger } from "../logger.js";
import type { SlackCallObserver } from "../observability/metrics.js";
import { FastSlackApi } from "./fast-api.js";
import { createWebClient } from "./web-client.js";

/** Every Slack Web API client the app uses, built once at start-up (src/app.ts). */
export interface SlackClients {
  /** Listeners and services: retries network errors and 5xx; a 429 rejects at once. */
  api: WebClient;
  /**
   * The engine's calls besides posting (history, conversations.open, presence): no automatic
   * retries (a post retried after a timeout could be a duplicate; the engine retries through jobs).
   */
  engine: WebClient;
  /** The two calls made per prompt (chat.postMessage, dnd.teamInfo): a lean JSON path over keep-alive sockets, no retries. */
  poster: FastSlackApi;
  /** oauth.v2.access for token rotation (OAuth mode): no retries, since a refresh that timed out may have been spent. */
  oauth: WebClient;
  /** Closes the poster's sockets (the WebClients hold none of their own). */
  close(): Promise<void>;
}

/**
 * `processToken`: the single workspace's bot token; undefined in OAuth mode, where every call
 * passes its workspace's token, so a call that forgot to is refused (not_authed) instead of acting
 * for another workspace.
 */
export function createSlackClients(config: Config, processToken: string | undefined, logger: Logger, observe: SlackCallObserver): SlackClients {
  const log = logger.child({ component: "slack" });
  const base = { slackApiUrl: config.SLACK_API_URL, rejectRateLimitedCalls: true, logger: log, observe };
  const poster = new FastSlackApi({ slackApiUrl: config.SLACK_API_URL, ...(processToken ? { token: processToken } : {}), observe });
  return {
    api: createWebClient(processToken, { ...base, retries: config.SLACK_API_RETRIES }),
    engine: createWebClient(processToken, { ...base, retries: 0 }),
    poster,
    oauth: createWebClient(undefined, { slackApiUrl: config.SLACK_API_URL, retries: 0, logger: logger.child({ component: "installations" }) }),
    close: () => poster.close(),
  };
}
