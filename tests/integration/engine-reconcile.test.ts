import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MemberRepository } from "../../src/db/repositories/members.js";
import type { JobBackend } from "../../src/engine/queues/job-backend.js";
import { postgresJobBackend } from "../../src/engine/queues/postgres-backend.js";
import { createQueues, jobIds, type EngineQueues } from "../../src/engine/queues/queues.js";
import { redisJobBackend } from "../../src/engine/queues/redis-backend.js";
import { Reconciler } from "../../src/engine/reconcile.js";
import { ChannelMemberRepository } from "../../src/engine/repositories/channel-members.js";
import { EngineScheduleRepository } from "../../src/engine/repositories/engine-schedules.js";
import { PromptRepository } from "../../src/engine/repositories/prompts.js";
import { EngineScheduleSync } from "../../src/engine/schedule-sync.js";
import { SlotSchedulers } from "../../src/engine/scheduler-sync.js";
import { deliverTask } from "../../src/engine/tasks.js";
import { createLogger } from "../../src/logger.js";
import { uniqueQueuePrefix } from "../helpers/app.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { addMembers, createSchedule, joinChannel } from "../helpers/factories.js";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const T1 = "T0RECONC01";
const T2 = "T0RECONC02";
const HOUR = 3_600_000;

/**
 * The reconcile loop reads every schedule's zones, every channel's member count and every unsent
 * prompt's job in a few batch reads (not one statement or Redis script per schedule or prompt):
 * the schedulers it leaves, its report, its seeds and repairs must be what the one-schedule path
 * (EngineScheduleSync.tickFor/zonesOf) and the per-prompt job check gave. Both job backends.
 */
describe.each([
  { label: "redis", open: async (_db: TestDatabase): Promise<JobBackend> => redisJobBackend(REDIS_URL, uniqueQueuePrefix("reconc")) },
  { label: "postgres", open: async (db: TestDatabase): Promise<JobBackend> => postgresJobBackend(db.url, { poolSize: 4 }) },
])("reconcileAll over many schedules ($label job backend)", ({ label, open }) => {
  let database: TestDatabase;
  let backend: JobBackend;
  let queues: EngineQueues;
  let channelMembers: ChannelMemberRepository;
  let schedules: EngineScheduleRepository;
  let sync: EngineScheduleSync;
  let schedulers: SlotSchedulers;
  let reconciler: Reconciler;
  const ids: Record<string, string> = {};
  const prompts: Record<string, string> = {};
  const orphan = randomUUID();

  beforeAll(async () => {
    database = await createTestDatabase(`reconcile_${label}`);
    backend = await open(database);
    queues = createQueues(backend);
    const db = database.db;
    const log = createLogger("silent");
    channelMembers = new ChannelMemberRepository(db);
    schedules = new EngineScheduleRepository(db);
    const members = new MemberRepository(db);
    schedulers = new SlotSchedulers(queues.slots);
    sync = new EngineScheduleSync({ schedules, channelMembers, members, schedulers, queues, log });
    reconciler = new Reconciler({
      schedules,
      channelMembers,
      prompts: new PromptRepository(db),
      sync,
      schedulers,
      queues,
      jobs: backend,
      options: { catchUpMs: 0, repairMs: HOUR, leaseMs: 60_000 },
      log,
    });

    // Hourly 09:00–17:00 slots start at :00 local time: the UTC minute tells each zone apart
    // (Warsaw and New York :00, Kolkata :30, Kathmandu :15).
    await addMembers(db, [
      { userId: "U0WARSAW01", tz: "Europe/Warsaw" },
      { userId: "U0KOLKAT01", tz: "Asia/Kolkata" },
      { userId: "U0NEWYOR01", tz: "America/New_York" },
      { userId: "U0KATHMA01", tz: "Asia/Kathmandu" },
      // Left out of a members schedule's zones: a bot, a deactivated person, a zone that is no zone.
      { userId: "U0BOTKOL01", tz: "Asia/Kolkata", isBot: true },
      { userId: "U0GONEKO01", tz: "Asia/Kolkata", deleted: true },
      { userId: "U0BADZON01", tz: "Mars/Olympus_Mons" },
    ], T1);
    // The same channel id in another workspace, whose person is in Kathmandu: never T1's zone.
    await addMembers(db, [{ userId: "U0KATHMA02", tz: "Asia/Kathmandu" }], T2);
    await joinChannel(db, "C0ONE00001", ["U0WARSAW01", "U0KOLKAT01"], T1);
    await joinChannel(db, "C0TWO00001", ["U0NEWYOR01", "U0KATHMA01", "U0BOTKOL01", "U0GONEKO01", "U0BADZON01"], T1);
    await joinChannel(db, "C0ONE00001", ["U0KATHMA02"], T2);

    ids.membersOne = await createSchedule(db, { kind: "members", channelId: "C0ONE00001" }, T1);
    ids.membersTwo = await createSchedule(db, { kind: "members", channelId: "C0TWO00001", tz: "America/New_York" }, T1);
    ids.membersEmpty = await createSchedule(db, { kind: "members", channelId: "C0EMPTY001" }, T1);
    ids.channelOne = await createSchedule(db, { kind: "channel", channelId: "C0ONE00001", tz: "Asia/Kolkata" }, T1);
    ids.channelEmpty = await createSchedule(db, { kind: "channel", channelId: "C0EMPTY002" }, T1);
    ids.dmKnown = await createSchedule(db, { kind: "dm", userId: "U0KATHMA01" }, T1);
    ids.dmUnknown = await createSchedule(db, { kind: "dm", userId: "U0NOBODY01", tz: "Asia/Kolkata" }, T1);
    ids.membersOther = await createSchedule(db, { kind: "members", channelId: "C0ONE00001" }, T2);
    // Off: no scheduler, and its channel (no members either) is not seeded.
    ids.inactive = await createSchedule(db, { kind: "members", channelId: "C0OFF00001", active: false }, T1);

    // Redis before the run: one scheduler with a stale pattern, one for a schedule that is gone.
    await schedulers.ensure(T1, ids.membersOne, { pattern: "45 * * * *", tz: "UTC" });
    await schedulers.ensure(T1, orphan, { pattern: "5 * * * *", tz: "UTC" });

    // Two unsent prompts five minutes late: one still has its deliver job (delayed), one lost it.
    for (const name of ["kept", "lost"]) {
      const row = await db.prompt.create({
        data: { teamId: T1, slotKey: `${name}-${randomUUID()}`, slotAt: new Date(Date.now() - 5 * 60_000), target: "U0WARSAW01", recipientUserId: "U0WARSAW01", area: "neck" },
      });
      prompts[name] = row.id;
    }
    await deliverTask.schedule(queues.deliveries, [{ teamId: T1, promptId: prompts.kept!, delayMs: HOUR }]);
  });

  afterAll(async () => {
    await queues?.close();
    await backend?.close();
    await database?.drop();
  });

  const patterns = async () => Object.fromEntries((await schedulers.list()).map((t) => [t.scheduleId, `${t.pattern} ${t.tz}`]));

  it("the first run creates, corrects and removes schedulers, seeds empty channels and repairs the lost job, with no per-schedule read", async () => {
    const zones = vi.spyOn(channelMembers, "zones");
    const count = vi.spyOn(channelMembers, "count");
    const states = vi.spyOn(queues.deliveries, "getJobState");
    const report = await reconciler.reconcileAll(new Date());
    // 8 active schedules: 6 new, 1 corrected, the orphan removed; two channels without members.
    expect(report).toEqual({ active: 8, created: 7, updated: 1, removed: 1, caughtUp: 0, repaired: 1, seeded: 2 });
    expect(zones).not.toHaveBeenCalled();
    expect(count).not.toHaveBeenCalled();
    // Redis: one EXISTS script call per thousand ids, no getState script per prompt (Postgres: one by one).
    expect(states).toHaveBeenCalledTimes(label === "redis" ? 0 : 2);
    for (const spy of [zones, count, states]) spy.mockRestore();

    // Each slot minute ticks a minute ahead (FANOUT_LEAD_MS): slots at :00 and :30 tick at :59 and :29.
    expect(await patterns()).toEqual({
      [ids.membersOne!]: "29,59 * * * * UTC",
      [ids.membersTwo!]: "14,59 * * * * UTC",
      [ids.membersEmpty!]: "59 * * * * UTC",
      [ids.channelOne!]: "29 * * * * UTC",
      [ids.channelEmpty!]: "59 * * * * UTC",
      [ids.dmKnown!]: "14 * * * * UTC",
      [ids.dmUnknown!]: "29 * * * * UTC",
      [ids.membersOther!]: "14,59 * * * * UTC",
    });
    // What the one-schedule path (scheduleChanged → tickFor → zonesOf) makes of each of them.
    for (const s of await schedules.listActive()) {
      const spec = await sync.tickFor(s);
      expect(`${spec?.pattern} ${spec?.tz}`).toBe((await patterns())[s.id]);
    }

    // The kept job is left as it was (still delayed), the lost one is back (same id), nothing else.
    expect(await queues.deliveries.getJobState(jobIds.deliver(prompts.kept!))).toBe("delayed");
    expect(await queues.deliveries.getJobState(jobIds.deliver(prompts.lost!))).toBe("waiting");
    const deliverIds = (await queues.deliveries.getJobs(["waiting", "delayed", "prioritized", "active"])).map((j) => j.id).sort();
    expect(deliverIds).toEqual([jobIds.deliver(prompts.kept!), jobIds.deliver(prompts.lost!)].sort());
    const seedIds = (await queues.maintenance.getJobs(["waiting", "delayed", "prioritized"])).map((j) => j.id).sort();
    expect(seedIds).toEqual([jobIds.seedChannel(T1, "C0EMPTY001"), jobIds.seedChannel(T1, "C0EMPTY002")].sort());
  });

  it("a second run changes nothing and duplicates nothing (empty channels are asked to seed again: same job)", async () => {
    const before = await patterns();
    expect(await reconciler.reconcileAll(new Date())).toEqual({ active: 8, created: 0, updated: 0, removed: 0, caughtUp: 0, repaired: 0, seeded: 2 });
    expect(await patterns()).toEqual(before);
    expect(await queues.deliveries.getJobs(["waiting", "delayed", "prioritized", "active"])).toHaveLength(2);
    expect(await queues.maintenance.getJobs(["waiting", "delayed", "prioritized"])).toHaveLength(2);
  });

  it("a member joining an empty channel ends its seeding and adds that member's zone to the members schedule", async () => {
    await joinChannel(database.db, "C0EMPTY001", ["U0KATHMA01"], T1);
    const report = await reconciler.reconcileAll(new Date());
    expect(report).toMatchObject({ updated: 1, created: 0, removed: 0, seeded: 1 });
    expect((await patterns())[ids.membersEmpty!]).toBe("14,59 * * * * UTC");
  });
});
