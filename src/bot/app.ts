import { randomUUID } from "node:crypto";
import { once } from "node:events";
import type { IncomingMessage, Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  App,
  AuthorizationError,
  HTTPModuleFunctions,
  HTTPReceiver,
  LogLevel,
  SocketModeReceiver,
  type Authorize,
  type HTTPReceiverOptions,
  type InstallationStore,
  type Receiver,
} from "@slack/bolt";
import type { Config } from "../config/index.js";
import type { Logger } from "../logger.js";
import type { Services } from "../services/index.js";
import { normalizeApiUrl } from "../slack/web-client.js";
import { toSlackLogger } from "../slack/slack-logger.js";
import type { SlackCallObserver } from "../observability/metrics.js";
import { observedFetch } from "../observability/slack-fetch.js";
import { healthRoutes, type HealthRoute, type Probe } from "./health.js";
import { oauthReceiverOptions } from "./oauth.js";
import { registerListeners } from "./listeners/index.js";
import { requestContext } from "./middleware/request-context.js";
import type { AppContext, BotApp } from "./context.js";

export interface BotOptions {
  config: Config;
  logger: Logger;
  services: Services;
  /** Single-workspace mode. Exactly one of `authorize` and `oauth` is given. */
  authorize?: Authorize<boolean>;
  /**
   * OAuth distribution (HTTP mode): Bolt's installer serves GET /slack/install and
   * GET /slack/oauth_redirect, and authorizes each request from the installation store.
   */
  oauth?: { installationStore: InstallationStore };
  probes: Record<string, Probe>;
  /** More HTTP routes served next to /healthz (/metrics, /admin/queues, charts). Default none. */
  routes?: HealthRoute[];
  /** Counts every Web API call Bolt's clients make (metrics). Default: nobody. */
  observeSlack?: SlackCallObserver;
}

/**
 * The Bolt app: HTTP receiver at POST /slack/events (plus /healthz and /readyz) by default, Socket
 * Mode when SLACK_APP_TOKEN is set (health routes are then served on PORT by the same receiver).
 *
 * `authorize` instead of `token`: Bolt's token mode calls auth.test during construction and
 * crashes later if Slack is unreachable; our authorize resolves lazily and tolerates outages.
 */
export interface Bot {
  app: BotApp;
  /** Starts receiving. HTTP: listens on PORT. Socket Mode: health routes on PORT now, and the
   * WebSocket connection in the background, retried until it succeeds or the bot stops. */
  start(): Promise<{ port: number | undefined }>;
  stop(): Promise<void>;
  /**
   * Resolves once every request already received has been fully handled. Slack events are
   * acknowledged before their listeners run, so shutdown waits on this (after stop(), so nothing
   * new arrives) before draining the reaction batches: otherwise an acknowledged event could still
   * be on its way to them when the process exits.
   */
  idle(): Promise<void>;
}

export function createBot({ config, logger, services, authorize, oauth, probes, routes, observeSlack }: BotOptions): Bot {
  const slackLogger = toSlackLogger(logger.child({ component: "bolt" }));
  const customRoutes = [...healthRoutes(probes), ...(routes ?? [])];
  const receiver: Receiver = config.SLACK_APP_TOKEN
    ? new SocketModeReceiver({
        appToken: config.SLACK_APP_TOKEN,
        logger: slackLogger,
        customRoutes,
        // clientOptions: apps.connections.open must go to SLACK_API_URL too (GovSlack, tests).
        installerOptions: { port: config.PORT, clientOptions: { slackApiUrl: normalizeApiUrl(config.SLACK_API_URL) } },
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
        processEventErrorHandler: acknowledgeMalformed(logger),
        ...(oauth ? oauthReceiverOptions(config, oauth.installationStore, logger) : {}),
      });

  const app: BotApp = new App<AppContext>({
    receiver,
    // With OAuth, Bolt authorizes through the receiver's installer (installation store).
    ...(oauth ? {} : { authorize }),
    // Bolt's conversation store runs on every request; nothing here uses it.
    convoStore: false,
    logger: slackLogger,
    logLevel: LogLevel.INFO,
    clientOptions: {
      slackApiUrl: normalizeApiUrl(config.SLACK_API_URL),
      retryConfig: { retries: config.SLACK_API_RETRIES, factor: 2, minTimeout: 200, maxTimeout: 2_000 },
      timeout: 10_000,
      ...(observeSlack ? { fetch: observedFetch(observeSlack) } : {}),
    },
  });

  const inFlight = trackInFlight(app);
  app.use(requestContext(logger));
  registerListeners(app, services);
  app.error(async (error) => {
    // authorize refused the team (src/slack/workspace-auth.ts): Bolt acks with an empty 200.
    if (error.code === "slack_bolt_authorization_error") {
      logger.warn({ err: ((error as { original?: Error }).original ?? error).message }, `request refused: ${((error as { original?: Error }).original ?? error).message}`);
      return;
    }
    logger.error({ err: error.message, code: (error as { code?: string }).code }, "unhandled listener error");
  });

  if (!(receiver instanceof SocketModeReceiver)) {
    return {
      app,
      start: async () => ({ port: serverPort(await app.start(config.PORT)) }),
      stop: () => app.stop().then(() => undefined),
      idle: inFlight,
    };
  }
  const socket = new SocketModeConnector(app, receiver, logger);
  return { app, start: () => socket.start(), stop: () => socket.stop(), idle: inFlight };
}

/** Counts requests between the receiver handing them to Bolt and the last listener finishing. */
function trackInFlight(app: App): () => Promise<void> {
  let count = 0;
  let waiters: Array<() => void> = [];
  const original = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    count += 1;
    try {
      return await original(event);
    } finally {
      count -= 1;
      if (count === 0) for (const wake of waiters.splice(0)) wake();
    }
  };
  return () => (count === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)));
}

/** Retry delays for the Socket Mode connection: 1 s doubling to 60 s. */
const SOCKET_RETRY_MS = { first: 1_000, max: 60_000 };

class SocketModeConnector {
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly app: App,
    private readonly receiver: SocketModeReceiver,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<{ port: number | undefined }> {
    this.connect(SOCKET_RETRY_MS.first);
    const server = (this.receiver as unknown as { httpServer?: Server }).httpServer;
    if (!server) return { port: undefined };
    if (!server.listening) await once(server, "listening");
    return { port: serverPort(server) };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.app.stop().catch(() => undefined);
  }

  private connect(delayMs: number): void {
    this.app.start().then(
      () => this.logger.info("connected to Slack over Socket Mode"),
      (error: unknown) => {
        if (this.stopped) return;
        this.logger.warn({ err: error instanceof Error ? error.message : String(error), retryInMs: delayMs }, "Socket Mode connection failed; retrying");
        this.timer = setTimeout(() => this.connect(Math.min(delayMs * 2, SOCKET_RETRY_MS.max)), delayMs);
        this.timer.unref();
      },
    );
  }
}

function serverPort(server: unknown): number | undefined {
  const address = typeof (server as Server | undefined)?.address === "function" ? (server as Server).address() : null;
  return address && typeof address === "object" ? (address as AddressInfo).port : undefined;
}

/**
 * A payload Bolt itself cannot process (e.g. a reaction event with `item: null`) would get a 500,
 * and Slack would retry it for an hour. Signed but malformed: acknowledge, log, move on.
 * Authorization failures keep Bolt's 401.
 */
const { defaultProcessEventErrorHandler } = HTTPModuleFunctions;

function acknowledgeMalformed(logger: Logger): NonNullable<HTTPReceiverOptions["processEventErrorHandler"]> {
  return async (args) => {
    if (args.error instanceof AuthorizationError || args.response.headersSent) return defaultProcessEventErrorHandler(args);
    logger.warn({ err: args.error.message }, "could not process a Slack request; acknowledged so Slack does not retry it");
    args.response.writeHead(200);
    args.response.end();
    return true;
  };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" && value.length <= 128 ? value : undefined;
}
