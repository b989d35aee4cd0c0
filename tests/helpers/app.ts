import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { startApp, type RunningApp } from "../../src/app.js";
import { loadConfig, type Config } from "../../src/config/index.js";
import { createLogger } from "../../src/logger.js";
import type { Clock } from "../../src/time/clock.js";
import { FakeSlack } from "./fake-slack.js";
import { TEST_SIGNING_SECRET } from "./slack-requests.js";

/** Collects log lines in memory (tests assert on them, e.g. that secrets never appear). */
export class LogSink extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    done();
  }
  get text(): string {
    return this.lines.join("\n");
  }
}

export interface TestApp {
  url: string;
  app: RunningApp;
  config: Config;
  logs: LogSink;
  close(): Promise<void>;
}

export const TEST_BOT_TOKEN = "xoxb-1111-2222-testtokenvalue";

/** A unique BullMQ prefix per test file so files never see each other's jobs. */
export function uniqueQueuePrefix(label: string): string {
  return `t${label.replace(/[^a-z0-9]/gi, "")}${randomBytes(3).toString("hex")}`;
}

/**
 * Boots the whole app (same start-up as src/main.ts) on a random port, pointed at the fake Slack
 * Web API, a per-file database and a per-file queue prefix.
 */
export async function bootApp(options: { fake: FakeSlack; databaseUrl: string; env?: Record<string, string>; clock?: Clock }): Promise<TestApp> {
  const config = loadConfig({
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: options.fake.apiUrl,
    SLACK_API_RETRIES: "0",
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
    PORT: "0",
    LOG_LEVEL: "info",
    QUEUE_PREFIX: uniqueQueuePrefix("e2e"),
    SCHEDULE_MIN_INTERVAL_MINUTES: "1",
    ...options.env,
  });
  const logs = new LogSink();
  const logger = createLogger(config.LOG_LEVEL, logs);
  const app = await startApp(config, logger, options.clock ? { clock: options.clock } : {});
  if (app.port === undefined) throw new Error("test app did not start an HTTP server");
  return { url: `http://127.0.0.1:${app.port}`, app, config, logs, close: () => app.close() };
}
