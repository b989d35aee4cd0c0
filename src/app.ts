import type { Authorize } from "@slack/bolt";
import type { Config } from "./config/index.js";
import { createBot } from "./bot/app.js";
import { createDb, pingDb } from "./db/client.js";
import { createRedis, pingRedis } from "./jobs/redis.js";
import type { Logger } from "./logger.js";
import { createServices, type Services } from "./services/index.js";
import { createWebClient } from "./slack/web-client.js";
import { SingleWorkspaceAuth } from "./slack/workspace-auth.js";

export interface RunningApp {
  /** Port the HTTP server listens on (web role, HTTP mode); undefined otherwise. */
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
  const db = createDb(config.DATABASE_URL);
  const redis = createRedis(config.REDIS_URL, "stretch-main");
  redis.on("error", (error: Error) => logger.warn({ err: error.message }, "redis connection error"));

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
  const services = createServices({ config, logger, db, redis, slack: slackClient });

  const closers: Array<() => Promise<unknown>> = [];
  let port: number | undefined;

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
      probes: { postgres: () => pingDb(db), redis: () => pingRedis(redis) },
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
        await redis.quit().catch(() => redis.disconnect());
        await db.$disconnect();
      })();
      return closing;
    },
  };
}
