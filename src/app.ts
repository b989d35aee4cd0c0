import type { Authorize } from "@slack/bolt";
import type { Config } from "./config/index.js";
import { isOAuthMode } from "./config/schema.js";
import { postgresInstallationStore } from "./bot/installation-store.js";
import { createInstallationTokens } from "./services/installation-tokens-factory.js";
import type { InstallationTokens } from "./services/installation-tokens.js";
import { StaticTokenSource, type TokenSource } from "./slack/token-source.js";
import { createBot } from "./bot/app.js";
import { createDb, pingDb } from "./db/client.js";
import { createSqlPool, pgRunner } from "./db/sql.js";
import { startDigestWorker } from "./jobs/digest-worker.js";
import { startEngine } from "./jobs/engine.js";
import { startHealthServer } from "./jobs/health-server.js";
import { createQueues } from "./jobs/queues.js";
import { createRedis, pingRedis } from "./jobs/redis.js";
import type { Logger } from "./logger.js";
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
 * Composition root: config → logger → db → redis → services → bot and/or workers (ROLE).
 * Nothing here waits on Slack: an unreachable Slack is logged and retried, health endpoints
 * keep answering.
 */
export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
  // Workers batch their hot queries (claims, records), so a modest pool serves high concurrency.
  const db = createDb(config.DATABASE_URL, config.ROLE === "web" ? 10 : Math.min(40, 10 + Math.ceil(config.WORKER_CONCURRENCY / 10)));
  const redis = createRedis(config.REDIS_URL, "stretch-main");
  redis.on("error", (error: Error) => logger.warn({ err: error.message }, "redis connection error"));

  const slackLog = logger.child({ component: "slack" });
  // OAuth mode: no process-wide token at all. Every call passes its workspace's token (TokenSource),
  // so a call that forgot to is refused by Slack (not_authed) instead of acting for another workspace.
  const installations: InstallationTokens | undefined = isOAuthMode(config) ? createInstallationTokens(config, db, logger) : undefined;
  const processToken = installations ? undefined : config.SLACK_BOT_TOKEN;
  const tokens: TokenSource = installations ?? new StaticTokenSource(config.SLACK_BOT_TOKEN!);
  const slackClient = createWebClient(processToken, {
    slackApiUrl: config.SLACK_API_URL,
    retries: config.SLACK_API_RETRIES,
    rejectRateLimitedCalls: true,
    logger: slackLog,
  });
  const auth = processToken
    ? new SingleWorkspaceAuth(processToken, slackClient, slackLog, { botUserId: config.SLACK_BOT_USER_ID, botId: config.SLACK_BOT_ID })
    : undefined;
  // Job engine: producers on the main connection; prompts are posted by a client with no automatic
  // retries (a post retried after a timeout could be a duplicate) over keep-alive sockets.
  const queues = createQueues(redis, config.QUEUE_PREFIX);
  const jobSlack = createWebClient(processToken, { slackApiUrl: config.SLACK_API_URL, retries: 0, rejectRateLimitedCalls: true, logger: slackLog });
  // The two calls made per prompt (chat.postMessage, dnd.teamInfo) take a lean JSON path (same
  // no-retry, no-sleep behaviour), and the engine's batch statements skip Prisma's per-statement CPU.
  const poster = new FastSlackApi({ slackApiUrl: config.SLACK_API_URL, ...(processToken ? { token: processToken } : {}) });
  const sqlPool = createSqlPool(config.DATABASE_URL, config.ROLE === "web" ? 4 : 8);
  const engineRuntime = { queues, jobSlack, poster, sql: pgRunner(sqlPool) };
  const services = createServices({ config, logger, db, redis, slack: slackClient, tokens, engine: engineRuntime });

  const closers: Array<() => Promise<unknown>> = [];
  let port: number | undefined;
  // Closed last (closers run in reverse): producers stay usable while workers finish their jobs.
  closers.push(() => queues.close());

  if (config.ROLE !== "web") {
    // Scheduled prompts (src/jobs/engine.ts): slot fan-out, delivery, membership seeding, reconcile.
    const engine = await startEngine({ config, logger, engine: services.engine, queues, installations: services.installations });
    closers.push(() => engine.close());
    // Weekly manager digests: own queue and worker (src/jobs/digest-*.ts). Started before the bot
    // listens, so "bot listening" means start-up is complete (SIGTERM handlers are then in place).
    const digests = await startDigestWorker({
      redisUrl: config.REDIS_URL,
      prefix: config.QUEUE_PREFIX,
      services,
      logger,
      resyncEveryMs: config.RECONCILE_INTERVAL_SECONDS * 1000,
    });
    closers.push(() => digests.close());
  }
  if (config.ROLE === "worker") {
    // No Slack HTTP endpoint, but /healthz and /readyz on PORT for the orchestrator.
    const health = await startHealthServer(config.PORT, { postgres: () => pingDb(db), redis: () => pingRedis(redis) });
    port = health.port;
    closers.push(() => health.close());
  }

  if (config.ROLE !== "worker") {
    const single = auth;
    const authorize: Authorize<boolean> | undefined = single
      ? async ({ teamId, enterpriseId }) => {
          const identity = await single.resolve();
          return { ...identity, teamId: teamId ?? identity.teamId, enterpriseId };
        }
      : undefined;
    const bot = createBot({
      config,
      logger,
      services,
      ...(authorize ? { authorize } : {}),
      ...(installations ? { oauth: { installationStore: postgresInstallationStore(installations) } } : {}),
      probes: { postgres: () => pingDb(db), redis: () => pingRedis(redis) },
    });
    ({ port } = await bot.start());
    closers.push(() => bot.stop());
    logger.info({ port, mode: config.SLACK_APP_TOKEN ? "socket" : "http", role: config.ROLE, distribution: installations ? "oauth" : "single-workspace" }, "bot listening");
  }

  void auth?.resolve().then((identity) => {
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
        await redis.quit().catch(() => redis.disconnect());
        await sqlPool.end();
        await poster.close();
        await db.$disconnect();
      })();
      return closing;
    },
  };
}
