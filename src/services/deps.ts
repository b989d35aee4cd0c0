import type { WebClient } from "@slack/web-api";
import type { Config } from "../config/index.js";
import type { Db } from "../db/client.js";
import type { JobBackend } from "../engine/queues/job-backend.js";
import type { Logger } from "../logger.js";
import type { TokenSource } from "../slack/token-source.js";
import type { Clock } from "../time/clock.js";
import type { EngineRuntime } from "../engine/index.js";
import type { EnginePresenter } from "../engine/ports.js";
import type { InboxQueue } from "./inbox.js";
import type { Notices } from "./notices.js";

/** What services need from the outside world, created once in src/app.ts. */
export interface ServiceDeps {
  config: Config;
  logger: Logger;
  db: Db;
  /** Job queues and their coordination (Redis or Postgres, by QUEUE_BACKEND). */
  jobs: JobBackend;
  /**
   * Web API client for work outside a Slack request (jobs, profile look-ups). It rejects 429s at
   * once (`rejectRateLimitedCalls`) so job workers can hand Retry-After to BullMQ.
   */
  slack: WebClient;
  /**
   * Each workspace's bot token, passed on every call made with `slack`. Default: SLACK_BOT_TOKEN
   * for every workspace (single-workspace mode); src/app.ts passes InstallationTokens in OAuth mode.
   */
  tokens?: TokenSource;
  /**
   * Job engine plumbing (queues, the prompt-posting client, a pg pool): src/app.ts passes it; each
   * part has a default (src/engine/index.ts), so tests and tools may leave it out.
   */
  engine?: EngineRuntime;
  /** Renders what the engine's workers post (Block Kit from src/bot/presenters/engine.ts). */
  presenter: EnginePresenter;
  /** Durable queue for acknowledged work (src/engine/queues/inbox-queue.ts); without it the inbox holds work in memory only. */
  inboxQueue?: InboxQueue;
  /** Renders what services post on their own (digests, streak milestones): src/bot/presenters/notices.ts. */
  notices: Notices;
  /** "Now" for the engine and schedules (tests and the demo set it). Default: the system clock. */
  clock?: Clock;
}
