import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendDuePrompts } from "../../demo/due-prompts.js";
import { OffsetClock } from "../../src/time/clock.js";
import { PostgresExpiringKeys, postgresJobBackend } from "../../src/engine/queues/postgres-backend.js";
import { bootApp, type TestApp } from "../helpers/app.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { FakeSlack } from "../helpers/fake-slack.js";
import { slashCommand } from "../helpers/fixtures.js";
import { sendCommand } from "../helpers/slack-requests.js";
import { eventually } from "../helpers/wait.js";
import { addMembers, createSchedule, TEAM as ENGINE_TEAM } from "../helpers/factories.js";

/**
 * QUEUE_BACKEND=postgres (what `npm run demo` runs): the job queues in BullMQ's PostgreSQL backend
 * and pacing/locks in a table, with no Redis at all (REDIS_URL points at a closed port).
 */
describe("job queues on PostgreSQL", () => {
  const fake = new FakeSlack();
  let database: TestDatabase;
  let app: TestApp;
  // What the demo runs on: "Send due prompts now" moves it forward.
  const clock = new OffsetClock();

  beforeAll(async () => {
    await fake.start();
    database = await createTestDatabase("pg_jobs");
    app = await bootApp({
      fake,
      databaseUrl: database.url,
      env: { QUEUE_BACKEND: "postgres", REDIS_URL: "redis://127.0.0.1:1", RECONCILE_INTERVAL_SECONDS: "3600", PROMPT_SKIP_AWAY: "false" },
      clock,
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
    await fake.stop();
  });

  it("an expiring key is taken once, reports how long it lives, and can be taken again after it expired", async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    try {
      const keys = new PostgresExpiringKeys(pool);
      // A minute: held for the whole test however slow the machine is.
      expect(await keys.claim("k:one", 60_000)).toEqual({ taken: true, leftMs: 0 });
      const held = await keys.claim("k:one", 60_000);
      expect(held.taken).toBe(false);
      expect(held.leftMs).toBeGreaterThan(0);
      expect(held.leftMs).toBeLessThanOrEqual(60_000);
      expect((await keys.claim("k:two", 60_000)).taken).toBe(true);
      // A short one can be taken again once it expired.
      expect((await keys.claim("k:short", 200)).taken).toBe(true);
      await eventually(async () => (await keys.claim("k:short", 200)).taken, 10_000);
    } finally {
      await pool.end();
    }
  });

  it("is ready without Redis and reports the queues' database", async () => {
    // Each probe has 2 s; on a loaded machine a first answer may come later: wait for "ready".
    const ready = await eventually(async () => {
      const res = await fetch(`${app.url}/readyz`);
      return res.status === 200 ? res.text() : undefined;
    }, 20_000);
    expect(ready).toBe("postgres: ok\nqueues: ok\n");
  });

  it("/stretch now goes through the deliver queue and paces the channel in the table", async () => {
    await addMembers(database.db, [{ userId: "U0ALICE001" }], "T0TESTTEAM");
    const res = await sendCommand(app.url, slashCommand({ text: "now", channelId: "C0PGJOBS01", responseUrl: fake.responseUrl("now") }));
    expect(res.status).toBe(200);
    await fake.waitFor("chat.postMessage", (c) => c.args.channel === "C0PGJOBS01");
    const pace = await database.db.$queryRaw<Array<{ key: string }>>`SELECT key FROM bullmq.stretch_expiring_keys WHERE key LIKE '%:pace:%'`;
    expect(pace.map((r) => r.key)).toContain(`${app.config.QUEUE_PREFIX}:pace:T0TESTTEAM:C0PGJOBS01`);
  });

  it("Send due prompts now: the clock moves to each next slot in turn and the engine posts it once", async () => {
    await addMembers(database.db, [{ userId: "U0OWNER001" }]);
    // Every 60 minutes all day, every day: the next slot is the next full hour of the demo's clock.
    const id = await createSchedule(database.db, { kind: "channel", channelId: "C0DUENOW01", windowStartMinute: 0, windowEndMinute: 1440 });
    const press = () => sendDuePrompts({ db: database.db, clock, reconciler: app.app.services.engine.reconciler });
    const posts = () => fake.calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === "C0DUENOW01");

    const nextHour = Math.ceil((clock.now().getTime() + 1) / 3_600_000) * 3_600_000;
    expect(await press()).toMatch(/^Clock moved to .* UTC: 1 schedule due/);
    expect(clock.now().getTime()).toBeGreaterThan(nextHour);
    await fake.waitFor("chat.postMessage", (c) => c.args.channel === "C0DUENOW01");
    const first = await eventually(() => database.db.prompt.findFirst({ where: { scheduleId: id, status: "posted" } }));
    expect(first.slotAt.getTime()).toBe(nextHour);
    expect(first.teamId).toBe(ENGINE_TEAM);

    // The reconciler's own run at this time finds the slot done: no second post.
    await app.app.services.engine.reconciler.reconcileAll(clock.now());
    expect(await press()).toMatch(/1 schedule due/);
    await eventually(() => posts().length === 2, 10_000);
    const slots = await database.db.prompt.findMany({ where: { scheduleId: id }, orderBy: { slotAt: "asc" }, select: { slotAt: true } });
    expect(slots.map((p) => p.slotAt.getTime())).toEqual([nextHour, nextHour + 3_600_000]);
  });

  it("postgresJobBackend migrates BullMQ's schema idempotently (a second process start)", async () => {
    const again = await postgresJobBackend(database.url, { poolSize: 2 });
    await again.ping();
    await again.close();
  });
});
