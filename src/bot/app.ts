import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Authorize, type Receiver } from "@slack/bolt";
import type { Config } from "../config/index.js";
import type { Logger } from "../logger.js";
import type { Services } from "../services/index.js";
import { normalizeApiUrl } from "../slack/web-client.js";
import { toSlackLogger } from "../slack/slack-logger.js";
import { healthRoutes, type Probe } from "./health.js";
import { registerListeners } from "./listeners/index.js";
import { requestContext } from "./middleware/request-context.js";

export interface BotOptions {
  config: Config;
  logger: Logger;
  services: Services;
  authorize: Authorize<boolean>;
  probes: Record<string, Probe>;
}

/**
 * The Bolt app: HTTP receiver at POST /slack/events (plus /healthz and /readyz) by default, Socket
 * Mode when SLACK_APP_TOKEN is set (health routes are then served on PORT by the same receiver).
 *
 * `authorize` instead of `token`: Bolt's token mode calls auth.test during construction and
 * crashes later if Slack is unreachable; our authorize resolves lazily and tolerates outages.
 */
export function createBot({ config, logger, services, authorize, probes }: BotOptions): App {
  const slackLogger = toSlackLogger(logger.child({ component: "bolt" }));
  const customRoutes = healthRoutes(probes);
  const receiver: Receiver = config.SLACK_APP_TOKEN
    ? new SocketModeReceiver({
        appToken: config.SLACK_APP_TOKEN,
        logger: slackLogger,
        customRoutes,
        installerOptions: { port: config.PORT },
        customPropertiesExtractor: () => ({ requestId: randomUUID() }),
      })
    : new HTTPReceiver({
        signingSecret: config.SLACK_SIGNING_SECRET,
        endpoints: "/slack/events",
        port: config.PORT,
        logger: slackLogger,
        customRoutes,
        customPropertiesExtractor: (req: IncomingMessage) => ({
          requestId: headerValue(req, "x-request-id") ?? randomUUID(),
        }),
      });

  const app = new App({
    receiver,
    authorize,
    logger: slackLogger,
    logLevel: LogLevel.INFO,
    clientOptions: {
      slackApiUrl: normalizeApiUrl(config.SLACK_API_URL),
      retryConfig: { retries: config.SLACK_API_RETRIES, factor: 2, minTimeout: 200, maxTimeout: 2_000 },
      timeout: 10_000,
    },
  });

  app.use(requestContext(logger));
  registerListeners(app, services);
  app.error(async (error) => {
    logger.error({ err: error.message, code: (error as { code?: string }).code }, "unhandled listener error");
  });
  return app;
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" && value.length <= 128 ? value : undefined;
}
