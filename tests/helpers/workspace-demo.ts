import { createServer } from "node:net";
import { startApp, type RunningApp } from "../../src/app.js";
import { loadConfig } from "../../src/config/index.js";
import { nextSlot } from "../../src/domain/slots.js";
import { createLogger } from "../../src/logger.js";
import { startWorkspace, type RunningWorkspace } from "../../demo/workspace/index.js";
import { BOT } from "../../demo/workspace/seed.js";
import { LogSink, TEST_BOT_TOKEN, uniqueQueuePrefix } from "./app.js";
import { createTestDatabase, type TestDatabase } from "./db.js";
import { EngineQueuesProbe } from "./engine.js";
import { TEST_SIGNING_SECRET } from "./slack-requests.js";

/**
 * The real app booted against the simulated workspace (demo/workspace) instead of the fake Web
 * API, on the shared test PostgreSQL/Redis: what `npm run demo` runs, minus the embedded database.
 * "Send due prompts now" runs, for every active schedule, its next slot now.
 */
export interface WorkspaceDemo {
  workspace: RunningWorkspace;
  app: RunningApp;
  database: TestDatabase;
  logs: LogSink;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startWorkspaceDemo(options: { dataDir?: string; port?: number } = {}): Promise<WorkspaceDemo> {
  const database = await createTestDatabase("ws");
  const appPort = await freePort();
  const prefix = uniqueQueuePrefix("ws");
  const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
  const probe = new EngineQueuesProbe(redisUrl, prefix);

  const sendDuePrompts = async (): Promise<string> => {
    const now = new Date();
    const schedules = await database.db.schedule.findMany({ where: { active: true } });
    let ran = 0;
    for (const s of schedules) {
      // The next slot, run now (as the launcher's button does): a schedule has no slots from before
      // it was turned on, so "the latest past slot" of a schedule made a minute ago does not exist.
      const next = nextSlot(s, s.tz, now);
      if (!next) continue;
      await probe.runSlot(s.teamId, s.id, next, 20_000);
      ran += 1;
    }
    return ran === 0 ? "No active schedule has a next slot." : `Sent the next prompts of ${ran} schedule(s) now.`;
  };

  const workspace = await startWorkspace({
    port: options.port ?? 0,
    appRequestUrl: `http://127.0.0.1:${appPort}/slack/events`,
    signingSecret: TEST_SIGNING_SECRET,
    botToken: TEST_BOT_TOKEN,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    sendDuePrompts,
    // Slack's 3 s, relaxed: this machine runs many test suites at once, and a late ack is not what
    // these tests are about (tests/integration/demo-workspace.test.ts keeps Slack's deadline).
    deadlineMs: 20_000,
  });
  const config = loadConfig({
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: workspace.apiUrl,
    SLACK_API_RETRIES: "0",
    SLACK_BOT_USER_ID: BOT.userId,
    SLACK_BOT_ID: BOT.botId,
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    PORT: String(appPort),
    LOG_LEVEL: "info",
    QUEUE_PREFIX: prefix,
    SCHEDULE_MIN_INTERVAL_MINUTES: "1",
  });
  const logs = new LogSink();
  const app = await startApp(config, createLogger(config.LOG_LEVEL, logs));
  return {
    workspace,
    app,
    database,
    logs,
    async close() {
      await app.close();
      await workspace.close();
      await probe.close();
      await database.drop();
    },
  };
}
