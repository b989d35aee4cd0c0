import type { Authorize } from "@slack/bolt";
import type { Config } from "./config/index.js";
import { isOAuthMode } from "./config/schema.js";
import { postgresInstallationStore } from "./bot/installation-store.js";
import { createInstallationTokens } from "./services/installation-tokens-factory.js";
import type { InstallationTokens } from "./services/installation-tokens.js";
import { StaticTokenSource, type TokenSource } from "./slack/token-source.js";
import { createBot, type Bot } from "./bot/app.js";
import { chartRoute } from "./bot/chart-route.js";
import { createDb, pingDb } from "./db/client.js";
import { WorkspaceRepository } from "./db/repositories/workspaces.js";
import { createSqlPool, pgRunner } from "./db/sql.js";
import { startDigestWorker } from "./engine/processors/digests.js";
import { startEngine } from "./engine/start.js";
import { startHealthServer } from "./observability/health-server.js";
import { createInboxQueue, startInboxWorker } from "./engine/queues/inbox-queue.js";
import type { JobBackend } from "./engine/queues/job-backend.js";
import { postgresJobBackend } from "./engine/queues/postgres-backend.js";
import { createQueues } from "./engine/queues/queues.js";
import { redisJobBackend } from "./engine/queues/redis-backend.js";
import type { Logger } from "./logger.js";
import { createObservability } from "./observability/index.js";
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
  // Job engine: producers on the main connection (created first: /metrics counts their jobs).
  const queues = createQueues(jobs);
  // Without a listener BullMQ prints every connection error of a Queue to the console (Redis down).
  for (const q of [queues.slots, queues.deliveries, queues.maintenance]) q.on("error", (error: Error) => logger.debug({ queue: q.name, err: error.message }, "queue error"));
  // /metrics on every role, /admin/queues when ADMIN_USERNAME/PASSWORD are set (src/observability).
  const ops = await createObservability(config, jobs, queues);
  const observe = ops.metrics.observeSlackCall;
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
    observe,
  });
  const auth = processToken
    ? new SingleWorkspaceAuth(processToken, slackClient, slackLog, { botUserId: config.SLACK_BOT_USER_ID, botId: config.SLACK_BOT_ID })
    : undefined;
  // Prompts are posted by a client with no automatic retries (a post retried after a timeout could
  // be a duplicate) over keep-alive sockets.
  const jobSlack = createWebClient(processToken, { slackApiUrl: config.SLACK_API_URL, retries: 0, rejectRateLimitedCalls: true, logger: slackLog, observe });
  // The two calls made per prompt (chat.postMessage, dnd.teamInfo) take a lean JSON path (same
  // no-retry, no-sleep behaviour), and the engine's batch statements skip Prisma's per-statement CPU.
  const poster = new FastSlackApi({ slackApiUrl: config.SLACK_API_URL, ...(processToken ? { token: processToken } : {}), observe });
  const sqlPool = createSqlPool(config.DATABASE_URL, config.ROLE === "web" ? 4 : 8);
  const engineRuntime = { queues, jobSlack, poster, sql: pgRunner(sqlPool), telemetry: ops.metrics };
  const inboxQueue = createInboxQueue(jobs, logger.child({ component: "inbox" }));
  const services = createServices({ config, logger, db, jobs, slack: slackClient, tokens, engine: engineRuntime, inboxQueue, ...(options.clock ? { clock: options.clock } : {}) });
  // /readyz shows only "down"; why goes to the log (error texts may name hosts and users).
  const logged = (name: string, probe: () => Promise<void>) => () =>
    probe().catch((error: unknown) => {
      logger.warn({ dependency: name, err: error instanceof Error ? error.message : String(error) }, "readiness check failed");
      throw error;
    });
  const probes = { postgres: logged("postgres", () => pingDb(db)), [jobs.kind === "redis" ? "redis" : "queues"]: logged(jobs.kind, () => jobs.ping()) };
  const workspaceRows = new WorkspaceRepository(db);
  if (auth) auth.installedTeams = {
    confirm: (teamId, botUserId, botId) => workspaceRows.confirmInstalled(teamId, botUserId, botId),
    isConfirmed: (teamId) => workspaceRows.isConfirmedInstall(teamId),
  };

  // Closed in this order on shutdown (see close() below).
  let bot: Bot | undefined;
  let health: { close(): Promise<void> } | undefined;
  const workers: Array<{ close(force?: boolean): Promise<void> }> = [];
  let port: number | undefined;

  // HTTP first: Slack's endpoint and the health routes must come up whatever state Redis and
  // Postgres are in (/readyz then says which is down). Workers start after and reconnect by themselves.
  if (config.ROLE === "worker") {
    // No Slack HTTP endpoint, but /healthz and /readyz on PORT for the orchestrator.
    const server = await startHealthServer(config.PORT, probes, ops.routes);
    health = server;
    port = server.port;
  } else {
    // Single workspace: refuses team ids other than the token's own (SingleWorkspaceAuth.authorize).
    // OAuth: Bolt's installer authorizes each request from the installation store.
    const single = auth;
    const authorize: Authorize<boolean> | undefined = single
      ? async ({ teamId, enterpriseId }) => ({ ...(await single.authorize(teamId, enterpriseId)), enterpriseId })
      : undefined;
    const routes = [...ops.routes, ...[chartRoute(services.charts, logger)].filter((r) => r !== null)];
    bot = createBot({
      config,
      logger,
      services,
      ...(authorize ? { authorize } : {}),
      ...(installations ? { oauth: { installationStore: postgresInstallationStore(installations) } } : {}),
      probes,
      routes,
      observeSlack: observe,
    });
    ({ port } = await bot.start());
  }

  // Acknowledged work kept in Redis while Postgres is down is run again by every role.
  workers.push(startInboxWorker({ backend: jobs, inbox: services.inbox, logger }));
  if (config.ROLE !== "web") {
    // Scheduled prompts (src/jobs/engine.ts): slot fan-out, delivery, membership seeding, reconcile.
    workers.push(await startEngine({ config, logger, engine: services.engine, queues, backend: jobs, telemetry: ops.metrics, installations: services.installations }));
    // Weekly manager digests: own queue and worker (src/jobs/digest-*.ts).
    workers.push(
      await startDigestWorker({ backend: jobs, services, logger, resyncEveryMs: config.RECONCILE_INTERVAL_SECONDS * 1000 }),
    );
  }
  // Logged last, so "bot listening" means start-up is complete (SIGTERM handlers are then in place).
  if (bot) logger.info({ port, mode: config.SLACK_APP_TOKEN ? "socket" : "http", role: config.ROLE, distribution: installations ? "oauth" : "single-workspace" }, "bot listening");

  void auth?.resolve().then((identity) => {
    if (identity.botUserId) logger.info({ botUserId: identity.botUserId, teamId: identity.teamId }, "connected to Slack");
  });

  let closing: Promise<void> | undefined;
  const budgetMs = config.SHUTDOWN_TIMEOUT_SECONDS * 1000;
  const quietly = (what: string) => (error: unknown) => logger.warn({ err: String(error), what }, "error while closing");
  return {
    port,
    services,
    /**
     * Shutdown within SHUTDOWN_TIMEOUT_SECONDS (main.ts exits by force at that point):
     * 1. stop accepting Slack traffic; 2. drain acknowledged work (reactions, Done presses,
     * lifecycle events) to Postgres, else Redis: up to 40% of the budget; 3. let workers finish
     * their jobs until 80% of the budget, then close them by force (another worker takes the
     * unfinished jobs over); 4. close connections.
     */
    close: () => {
      closing ??= (async () => {
        const startedAt = Date.now();
        const left = (share: number) => Math.max(0, startedAt + budgetMs * share - Date.now());
        await bot?.stop().catch(quietly("bot"));
        await withDeadline(
          (async () => {
            await bot?.idle();
            await services.routines.drain();
            await services.completions.drain();
            services.completions.stop();
          })(),
          left(0.3),
        ).catch(quietly("draining reactions"));
        await services.inbox.drain(left(0.4));
        const finished = await withDeadline(Promise.all(workers.map((w) => w.close())), left(0.8)).then(
          () => true,
          () => false,
        );
        if (!finished) {
          logger.warn({ afterMs: Date.now() - startedAt }, "workers still busy at the shutdown deadline; closing them by force");
          await withDeadline(Promise.all(workers.map((w) => w.close(true))), left(0.9)).catch(quietly("workers"));
        }
        await health?.close().catch(quietly("health"));
        await withDeadline(
          Promise.all([
            // The backend closes the connections its queues used: after them.
            Promise.all([queues.close(), inboxQueue.close(), ops.close()]).then(() => jobs.close()),
            sqlPool.end(),
            poster.close(),
            db.$disconnect(),
          ]),
          left(1),
        ).catch(quietly("connections"));
      })();
      return closing;
    },
  };
}

/** Resolves with the promise, or rejects once `ms` have passed (the promise is left to finish on its own). */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** QUEUE_BACKEND: Redis in production; BullMQ's Postgres backend where there is no Redis (the demo). */
async function createJobBackend(config: Config, logger: Logger): Promise<JobBackend> {
  if (config.QUEUE_BACKEND === "postgres") return postgresJobBackend(config.DATABASE_URL);
  return redisJobBackend(config.REDIS_URL, config.QUEUE_PREFIX, (error, connection) =>
    logger.warn({ err: error.message, connection }, "redis connection error"),
  );
}
