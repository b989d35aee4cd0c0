import type { Authorize } from "@slack/bolt";
import type { Config } from "./config/index.js";
import { createBot } from "./bot/app.js";
import { createDb, pingDb } from "./db/client.js";
import { createSqlPool, pgRunner } from "./db/sql.js";
import { startDigestWorker } from "./jobs/digest-worker.js";
import { startEngine } from "./jobs/engine.js";
import { startHealthServer } from "./jobs/health-server.js";
import type { JobBackend } from "./jobs/job-backend.js";
import { postgresJobBackend } from "./jobs/postgres-backend.js";
import { createQueues } from "./jobs/queues.js";
import { redisJobBackend } from "./jobs/redis-backend.js";
import type { Logger } from "./logger.js";
import type { Clock } from "./time/clock.js";
import { createServices, type Services } from "./services/index.js";
import { FastSlackApi } from "./slack/fast-api.js";
import { createWebClient } from "./slack/web-client.js";
import { SingleWorkspaceAuth } from "./slack/workspace-auth.js";

export interface RunningApp {
  /** Port the HTTP server listens on (web role in HTTP mode; worker role: health endpoints only). */
  port: number | undefined;
  services: Services;
  /** Stops taking work, lets in-flight work finish, then closes every connection. Idempotent. */
  close(): Promise<void>;
}

/**
 * Composition root: config → logger → db → job backend → services → bot and/or workers (ROLE).
 * Nothing here waits on Slack: an unreachable Slack is logged and retried, health endpoints
 * keep answering.
 */
/** `clock`: the engine's and schedules' "now" (tests, the demo); default the system clock. */
export async function startApp(config: Config, logger: Logger, options: { clock?: Clock } = {}): Promise<RunningApp> {
  // Workers batch their hot queries (claims, records), so a modest pool serves high concurrency.
  const db = createDb(config.DATABASE_URL, config.ROLE === "web" ? 10 : Math.min(40, 10 + Math.ceil(config.WORKER_CONCURRENCY / 10)));
  const jobs = await createJobBackend(config, logger);

  const slackLog = logger.child({ component: "slack" });
  const slackClient = createWebClient(config.SLACK_BOT_TOKEN, {
    slackApiUrl: config.SLACK_API_URL,
    retries: config.SLACK_API_RETRIES,
    rejectRateLimitedCalls: true,
    logger: slackLog,
  });
  const auth = new SingleWorkspaceAuth(config.SLACK_BOT_TOKEN, slackClient, slackLog, {
    botUserId: config.SLACK_BOT_USER_ID,
    botId: config.SLACK_BOT_ID,
  });
  // Job engine: producers on the main connection; prompts are posted by a client with no automatic
  // retries (a post retried after a timeout could be a duplicate) over keep-alive sockets.
  const queues = createQueues(jobs);
  const jobSlack = createWebClient(config.SLACK_BOT_TOKEN, { slackApiUrl: config.SLACK_API_URL, retries: 0, rejectRateLimitedCalls: true, logger: slackLog });
  // The two calls made per prompt (chat.postMessage, dnd.teamInfo) take a lean JSON path (same
  // no-retry, no-sleep behaviour), and the engine's batch statements skip Prisma's per-statement CPU.
  const poster = new FastSlackApi({ slackApiUrl: config.SLACK_API_URL, token: config.SLACK_BOT_TOKEN });
  const sqlPool = createSqlPool(config.DATABASE_URL, config.ROLE === "web" ? 4 : 8);
  const engineRuntime = { queues, jobSlack, poster, sql: pgRunner(sqlPool) };
  const services = createServices({ config, logger, db, jobs, slack: slackClient, engine: engineRuntime, ...(options.clock ? { clock: options.clock } : {}) });

  // /readyz: "redis" as before; "queues" when they live in Postgres.
  const probes = { postgres: () => pingDb(db), [jobs.kind === "redis" ? "redis" : "queues"]: () => jobs.ping() };
  const closers: Array<() => Promise<unknown>> = [];
  let port: number | undefined;
  // Closed last (closers run in reverse): producers stay usable while workers finish their jobs.
  closers.push(() => queues.close());

  if (config.ROLE !== "web") {
    // Scheduled prompts (src/jobs/engine.ts): slot fan-out, delivery, membership seeding, reconcile.
    const engine = await startEngine({ config, logger, engine: services.engine, queues, backend: jobs });
    closers.push(() => engine.close());
    // Weekly manager digests: own queue and worker (src/jobs/digest-*.ts). Started before the bot
    // listens, so "bot listening" means start-up is complete (SIGTERM handlers are then in place).
    const digests = await startDigestWorker({
      backend: jobs,
      services,
      logger,
      resyncEveryMs: config.RECONCILE_INTERVAL_SECONDS * 1000,
    });
    closers.push(() => digests.close());
  }
  if (config.ROLE === "worker") {
    // No Slack HTTP endpoint, but /healthz and /readyz on PORT for the orchestrator.
    const health = await startHealthServer(config.PORT, probes);
    port = health.port;
    closers.push(() => health.close());
  }

  if (config.ROLE !== "worker") {
    const authorize: Authorize<boolean> = async ({ teamId, enterpriseId }) => {
      const identity = await auth.resolve();
      return { ...identity, teamId: teamId ?? identity.teamId, enterpriseId };
    };
    const bot = createBot({
      config,
      logger,
      services,
      authorize,
      probes,
    });
    ({ port } = await bot.start());
    closers.push(() => bot.stop());
    logger.info({ port, mode: config.SLACK_APP_TOKEN ? "socket" : "http", role: config.ROLE }, "bot listening");
  }

  void auth.resolve().then((identity) => {
    if (identity.botUserId) logger.info({ botUserId: identity.botUserId, teamId: identity.teamId }, "connected to Slack");
  });

  let closing: Promise<void> | undefined;
  return {
    port,
    services,
    close: () => {
      closing ??= (async () => {
        for (const close of closers.reverse()) {
          await close().catch((error: unknown) => logger.warn({ err: String(error) }, "error while closing"));
        }
        await services.routines.drain();
        await services.completions.drain();
        await jobs.close();
        await sqlPool.end();
        await poster.close();
        await db.$disconnect();
      })();
      return closing;
    },
  };
}

/** QUEUE_BACKEND: Redis in production; BullMQ's Postgres backend where there is no Redis (the demo). */
async function createJobBackend(config: Config, logger: Logger): Promise<JobBackend> {
  if (config.QUEUE_BACKEND === "postgres") return postgresJobBackend(config.DATABASE_URL);
  return redisJobBackend(config.REDIS_URL, config.QUEUE_PREFIX, (error) => logger.warn({ err: error.message }, "redis connection error"));
}
