import { afterAll, beforeAll, beforeEach } from "vitest";
import type { Clock } from "../../src/time/clock.js";
import { bootApp, type TestApp } from "./app.js";
import { createTestDatabase, type TestDatabase } from "./db.js";
import { EngineQueuesProbe } from "./engine.js";
import { FakeSlack } from "./fake-slack.js";

export interface EngineTestContext {
  fake: FakeSlack;
  database: TestDatabase;
  app: TestApp;
  queues: EngineQueuesProbe;
}

/**
 * The whole app on its own database and queue prefix against a fake Slack, for a describe block:
 * booted before its tests, closed after them, the fake reset before each. The context's fields
 * are set once the block's beforeAll has run. No catch-up and no periodic reconcile unless `env` says so.
 */
export function useEngineApp(label: string, options: { env?: Record<string, string>; clock?: Clock } = {}): EngineTestContext {
  const ctx = { fake: new FakeSlack() } as EngineTestContext;
  beforeAll(async () => {
    await ctx.fake.start();
    ctx.database = await createTestDatabase(label);
    ctx.app = await bootApp({
      fake: ctx.fake,
      databaseUrl: ctx.database.url,
      env: { SLOT_CATCHUP_MINUTES: "0", RECONCILE_INTERVAL_SECONDS: "3600", ...options.env },
      ...(options.clock ? { clock: options.clock } : {}),
    });
    ctx.queues = new EngineQueuesProbe(ctx.app.config.REDIS_URL, ctx.app.config.QUEUE_PREFIX);
  });
  afterAll(async () => {
    await ctx.queues?.close();
    await ctx.app?.close();
    await ctx.database?.drop();
    await ctx.fake.stop();
  });
  beforeEach(() => ctx.fake.reset());
  return ctx;
}
