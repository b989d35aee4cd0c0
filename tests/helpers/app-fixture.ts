import { afterAll, beforeAll } from "vitest";
import type { Clock } from "../../src/time/clock.js";
import { bootApp, type TestApp } from "./app.js";
import { createTestDatabase, type TestDatabase } from "./db.js";
import { EngineQueuesProbe } from "./engine.js";
import { FakeSlack } from "./fake-slack.js";

export interface AppFixtureOptions {
  /**
   * Environment for the app (loadConfig keys) on top of bootApp's test defaults; a function when it
   * needs the started fake (its URL for OAuth settings).
   */
  env?: Record<string, string> | ((fake: FakeSlack) => Record<string, string>);
  /** Runs once the fake Slack is up, before the app boots (workspaces, people, channels it knows). */
  beforeBoot?: (fake: FakeSlack) => void | Promise<void>;
  clock?: Clock;
  /** Open a producer on the app's queues (EngineQueuesProbe). Default false. */
  queues?: boolean;
  /** Runs after the app is up, still in beforeAll (members, managers, schedules). */
  seed?: (fixture: AppFixture) => Promise<void>;
}

/** One test file's world: the fake Slack, its own database and the whole app booted on it. */
export interface AppFixture {
  readonly fake: FakeSlack;
  readonly database: TestDatabase;
  readonly app: TestApp;
  readonly queues: EngineQueuesProbe;
}

/**
 * The e2e set-up every file needs (BullMQ's tests/utils style): starts the fake Slack, creates the
 * file's database, boots the app on them in beforeAll, and closes all of it in reverse order in
 * afterAll, whatever failed half-way. Call it at the top of a describe block; read the fields
 * inside hooks and tests (they exist once beforeAll ran).
 */
export function useAppFixture(label: string, options: AppFixtureOptions = {}): AppFixture {
  const fake = new FakeSlack();
  let database: TestDatabase | undefined;
  let app: TestApp | undefined;
  let queues: EngineQueuesProbe | undefined;
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`${name} is not ready: read it inside hooks and tests, after beforeAll`);
    return value;
  };
  const fixture: AppFixture = {
    fake,
    get database() {
      return ready(database, "database");
    },
    get app() {
      return ready(app, "app");
    },
    get queues() {
      if (!options.queues) throw new Error("pass { queues: true } to useAppFixture to get the queue probe");
      return ready(queues, "queues");
    },
  };

  beforeAll(async () => {
    await fake.start();
    await options.beforeBoot?.(fake);
    database = await createTestDatabase(label);
    const env = typeof options.env === "function" ? options.env(fake) : options.env;
    app = await bootApp({ fake, databaseUrl: database.url, ...(env ? { env } : {}), ...(options.clock ? { clock: options.clock } : {}) });
    if (options.queues) queues = new EngineQueuesProbe(app.config.REDIS_URL, app.config.QUEUE_PREFIX);
    await options.seed?.(fixture);
  });
  afterAll(async () => {
    await queues?.close();
    await app?.close();
    await database?.drop();
    await fake.stop();
  });
  return fixture;
}
