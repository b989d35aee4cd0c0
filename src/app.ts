import type { Authorize } from "@slack/bolt";
import type { Config } from "./config/index.js";
import { isOAuthMode } from "./config/schema.js";
import { postgresInstallationStore } from "./bot/installation-store.js";
import { createInstallationTokens } from "./services/installation-tokens-factory.js";
import type { InstallationTokens } from "./services/installation-tokens.js";
import { StaticTokenSource, type TokenSource } from "./slack/token-source.js";
import { createBot } from "./bot/app.js";
import { chartRoute } from "./bot/chart-route.js";
import { blockKitPresenter } from "./bot/presenters/engine.js";
import { createDb, pingDb, type Db } from "./db/client.js";
import { WorkspaceRepository } from "./db/repositories/workspaces.js";
import { createSqlPool, pgRunner } from "./db/sql.js";
import { startEngine } from "./engine/start.js";
import { startHealthServer } from "./observability/health-server.js";
import { createInboxQueue, startInboxWorker } from "./engine/queues/inbox-queue.js";
import type { JobBackend } from "./engine/queues/job-backend.js";
import { postgresJobBackend } from "./engine/queues/postgres-backend.js";
import { createQueues, type EngineQueues } from "./engine/queues/queues.js";
import type { Logger } from "./logger.js";
import { createObservability, type Observability } from "./observability/index.js";
import { systemClock, type Clock } from "./time/clock.js";
import { createServices, type Services } from "./services/index.js";
import { botNotices } from "./bot/presenters/notices.js";
import { createSlackClients, type SlackClients } from "./slack/clients.js";
import { SingleWorkspaceAuth } from "./slack/workspace-auth.js";
import type { Probe } from "./bot/health.js";
import { SHUTDOWN_SHARES, stopParts, withDeadline, type Part } from "./start/parts.js";

export interface RunningApp {
  /** Port the HTTP server listens on (web role in HTTP mode; worker role: health endpoints only). */
  port: number | undefined;
  services: Services;
  /** Stops taking work, lets in-flight work finish, then closes every connection. Idempotent. */
  close(): Promise<void>;
}

/** What every part of the app is started with. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  /** The engine's, services' and schedules' "now" (tests, the demo); default the system clock. */
  clock: Clock;
}

/**
 * Composition root: the app is a list of parts, started in this order, each owning its stop
 * (src/start/parts.ts: shutdown walks them backwards, phase by phase):
 *   database → job queues (and /metrics) → Slack clients → services → web (Bolt; ROLE worker: health
 *   endpoints) → inbox worker → prompt workers, digests, reconcile (ROLE worker/all; src/engine/start.ts).
 * HTTP comes up before the workers, and nothing here waits on Slack, Redis or Postgres: an
 * unreachable dependency is logged and retried while /readyz says which one is down.
 */
export async function startApp(config: Config, logger: Logger, options: { clock?: Clock } = {}): Promise<RunningApp> {
  const deps: AppDeps = { config, logger, clock: options.clock ?? systemClock };
  const parts: Part[] = [];
  const add = <P extends Part>(part: P): P => {
    parts.push(part);
    return part;
  };
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= stopParts(parts, config.SHUTDOWN_TIMEOUT_SECONDS * 1000, logger));
  try {
    const database = add(startDatabase(deps));
    const queues = add(await startQueues(deps));
    const slack = add(startSlack(deps, database, queues.ops));
    const core = add(startServices(deps, database, queues, slack));
    const web = add(await startWeb(deps, database, queues, slack, core.services));
    // Acknowledged work kept in Redis while Postgres is down is run again by every role.
    const inboxWorker = startInboxWorker({ backend: queues.backend, inbox: core.services.inbox, logger });
    add({ name: "inbox worker", close: (force) => inboxWorker.close(force) });
    if (config.ROLE !== "web") for (const part of await startEngineWorkers(deps, queues, core.services)) add(part);
    // Logged last, so "bot listening" means start-up is complete (SIGTERM handlers are then in place).
    if (config.ROLE !== "worker") {
      logger.info({ port: web.port, mode: config.SLACK_APP_TOKEN ? "socket" : "http", role: config.ROLE, distribution: slack.installations ? "oauth" : "single-workspace" }, "bot listening");
    }
    return { port: web.port, services: core.services, close };
  } catch (error) {
    // A part that could not start (a port in use…): close what did, then report.
    await close();
    throw error;
  }
}

/** One pg pool for Prisma and the engine's plain SQL (db/sql.ts). Workers batch their hot statements, so a modest pool serves high concurrency. */
function startDatabase({ config, logger }: AppDeps): Part & { db: Db; pool: ReturnType<typeof createSqlPool> } {
  const size = config.ROLE === "web" ? 14 : Math.min(40, 10 + Math.ceil(config.WORKER_CONCURRENCY / 10)) + 8;
  const pool = createSqlPool(config.DATABASE_URL, size, (error) => logger.warn({ err: error.message }, "idle database connection closed"));
  const db = createDb(pool);
  return {
    name: "database",
    db,
    pool,
    disconnect: async () => {
      await db.$disconnect();
      await pool.end();
    },
  };
}

/**
 * QUEUE_BACKEND: Redis in production; BullMQ's Postgres backend where there is no Redis (the demo).
 * Producers on the backend's main connection, created first (/metrics counts their jobs).
 */
async function startQueues({ config, logger }: AppDeps): Promise<Part & { backend: JobBackend; engine: EngineQueues; inbox: ReturnType<typeof createInboxQueue>; ops: Observability }> {
  // Redis is loaded only when it is used: the demo (Postgres backend) never loads ioredis.
  const backend: JobBackend =
    config.QUEUE_BACKEND === "postgres"
      ? await postgresJobBackend(config.DATABASE_URL)
      : (await import("./engine/queues/redis-backend.js")).redisJobBackend(config.REDIS_URL, config.QUEUE_PREFIX, (error, connection) =>
          logger.warn({ err: error.message, connection }, "redis connection error"),
        );
  const engine = createQueues(backend);
  // Without a listener BullMQ prints every connection error of a Queue to the console (Redis down).
  for (const q of [engine.slots, engine.deliveries, engine.maintenance, engine.digests]) q.on("error", (error: Error) => logger.debug({ queue: q.name, err: error.message }, "queue error"));
  // /metrics on every role, /admin/queues when ADMIN_USERNAME/PASSWORD are set (src/observability).
  const ops = await createObservability(config, engine);
  const inbox = createInboxQueue(backend, logger.child({ component: "inbox" }));
  return {
    name: "queues",
    backend,
    engine,
    inbox,
    ops,
    // The backend closes the connections its queues used: after them.
    disconnect: async () => {
      await Promise.all([engine.close(), inbox.close()]);
      await backend.close();
    },
  };
}

interface SlackPart extends Part {
  clients: SlackClients;
  /** Each workspace's bot token: the one token, or (OAuth mode) the installation store's. */
  tokens: TokenSource;
  /** OAuth mode: sealed tokens in Postgres, refreshed under a row lock. */
  installations: InstallationTokens | undefined;
  /** Single-workspace mode: which workspace the token serves. */
  auth: SingleWorkspaceAuth | undefined;
}

/** Slack clients (built once), the token source, and in single-workspace mode the workspace's auth. */
function startSlack({ config, logger }: AppDeps, database: { db: Db }, ops: Observability): SlackPart {
  // OAuth mode: no process-wide token at all. Every call passes its workspace's token (TokenSource),
  // so a call that forgot to is refused by Slack (not_authed) instead of acting for another workspace.
  const processToken = isOAuthMode(config) ? undefined : config.SLACK_BOT_TOKEN;
  const clients = createSlackClients(config, processToken, logger, ops.metrics.observeSlackCall);
  const installations = processToken ? undefined : createInstallationTokens(config, database.db, logger, {}, clients.oauth);
  const auth = processToken
    ? new SingleWorkspaceAuth(processToken, clients.api, logger.child({ component: "slack" }), { botUserId: config.SLACK_BOT_USER_ID, botId: config.SLACK_BOT_ID })
    : undefined;
  const tokens: TokenSource = installations ?? new StaticTokenSource(config.SLACK_BOT_TOKEN!);
  return { name: "slack", clients, tokens, installations, auth, disconnect: () => clients.close() };
}

/** Every use-case; drained on shutdown (batched reactions, routine audits, the inbox). */
function startServices(
  { config, logger, clock }: AppDeps,
  database: { db: Db; pool: ReturnType<typeof createSqlPool> },
  queues: { backend: JobBackend; engine: EngineQueues; inbox: ReturnType<typeof createInboxQueue>; ops: Observability },
  slack: SlackPart,
): Part & { services: Services } {
  const services = createServices({
    config,
    logger,
    db: database.db,
    jobs: queues.backend,
    slack: slack.clients.api,
    tokens: slack.tokens,
    engine: { queues: queues.engine, jobSlack: slack.clients.engine, poster: slack.clients.poster, sql: pgRunner(database.pool), telemetry: queues.ops.metrics },
    presenter: blockKitPresenter,
    notices: botNotices,
    inboxQueue: queues.inbox,
    clock,
  });
  return {
    name: "services",
    services,
    drain: async (budget) => {
      await withDeadline(
        (async () => {
          await services.routines.drain();
          await services.completions.drain();
          services.completions.stop();
        })(),
        budget.msLeft(SHUTDOWN_SHARES.requests),
      );
      await services.inbox.drain(budget.msLeft(SHUTDOWN_SHARES.inbox));
    },
    // The chart worker thread (src/charts/render-thread.ts), once nothing is left to draw.
    disconnect: () => services.charts.close(),
  };
}

/**
 * HTTP first: Slack's endpoint and the health routes must come up whatever state Redis and Postgres
 * are in (/readyz then says which is down). ROLE worker serves only /healthz, /readyz and the ops
 * routes on PORT, for the orchestrator.
 */
async function startWeb(
  { config, logger }: AppDeps,
  database: { db: Db },
  queues: { backend: JobBackend; ops: Observability },
  slack: SlackPart,
  services: Services,
): Promise<Part & { port: number | undefined }> {
  const probes = readinessProbes(logger, database.db, queues.backend);
  const { auth, installations } = slack;
  if (auth) {
    const workspaceRows = new WorkspaceRepository(database.db);
    auth.installedTeams = {
      confirm: (teamId, botUserId, botId) => workspaceRows.confirmInstalled(teamId, botUserId, botId),
      isConfirmed: (teamId) => workspaceRows.isConfirmedInstall(teamId),
    };
    void auth.resolve().then((identity) => {
      if (identity.botUserId) logger.info({ botUserId: identity.botUserId, teamId: identity.teamId }, "connected to Slack");
    });
  }
  if (config.ROLE === "worker") {
    const server = await startHealthServer(config.PORT, probes, queues.ops.routes);
    return { name: "health", port: server.port, disconnect: () => server.close() };
  }
  // Single workspace: refuses team ids other than the token's own (SingleWorkspaceAuth.authorize).
  // OAuth: Bolt's installer authorizes each request from the installation store.
  const authorize: Authorize<boolean> | undefined = auth
    ? async ({ teamId, enterpriseId }) => ({ ...(await auth.authorize(teamId, enterpriseId)), enterpriseId })
    : undefined;
  const routes = [...queues.ops.routes, ...[chartRoute(services.charts, logger)].filter((r) => r !== null)];
  const bot = createBot({
    config,
    logger,
    services,
    ...(authorize ? { authorize } : {}),
    ...(installations ? { oauth: { installationStore: postgresInstallationStore(installations) } } : {}),
    probes,
    routes,
    observeSlack: queues.ops.metrics.observeSlackCall,
  });
  const { port } = await bot.start();
  return {
    name: "web",
    port,
    stopIntake: () => bot.stop(),
    // Requests in flight finish first: their reactions and Done presses are what the services drain.
    drain: (budget) => withDeadline(bot.idle(), budget.msLeft(SHUTDOWN_SHARES.requests)),
  };
}

/** /readyz shows only "down"; why goes to the log (error texts may name hosts and users). */
function readinessProbes(logger: Logger, db: Db, backend: JobBackend): Record<string, Probe> {
  const logged = (name: string, probe: () => Promise<void>) => () =>
    probe().catch((error: unknown) => {
      logger.warn({ dependency: name, err: error instanceof Error ? error.message : String(error) }, "readiness check failed");
      throw error;
    });
  return { postgres: logged("postgres", () => pingDb(db)), [backend.kind === "redis" ? "redis" : "queues"]: logged(backend.kind, () => backend.ping()) };
}

/** Scheduled prompts (src/engine/start.ts): slot fan-out, delivery, membership seeding, reconcile, weekly digests. */
async function startEngineWorkers({ config, logger }: AppDeps, queues: { backend: JobBackend; engine: EngineQueues; ops: Observability }, services: Services): Promise<Part[]> {
  const engine = await startEngine({
    config,
    logger,
    engine: services.engine,
    queues: queues.engine,
    backend: queues.backend,
    telemetry: queues.ops.metrics,
    installations: services.installations,
    digests: services.digests,
  });
  return engine.parts;
}
