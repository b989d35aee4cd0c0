import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { JobName } from "../../src/engine/queues/queues.js";
import { uniqueQueuePrefix } from "../helpers/app.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { spawnWorker, workerEnv, type WorkerProcess } from "../helpers/engine-process.js";
import { EngineQueuesProbe } from "../helpers/engine.js";
import { FakeSlack } from "../helpers/fake-slack.js";
import { nextLocalTime } from "../helpers/time.js";
import { eventually } from "../helpers/wait.js";
import { addMembers, createSchedule, TEAM, joinChannel } from "../helpers/factories.js";

/**
 * Several real worker processes on one Redis and Postgres: no duplicates when they compete, when
 * Redis loses everything, or when one is SIGKILLed mid fan-out. Slack's side of the truth is
 * FakeSlack.messages (what chat.postMessage accepted, even for a caller that died).
 */
/** The next 10:00 in Warsaw: a slot of the schedules below (every day, 09-17), never "expired". */
const TEN_AM = nextLocalTime("Europe/Warsaw", 10);
// A Redis database of its own for the flush test, so FLUSHDB touches nobody else's keys.
const FLUSH_REDIS_URL = `${process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379"}/12`;

function people(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `U0${prefix}${String(i).padStart(4, "0")}`);
}

/** People whose DM does not hold exactly one message, with how many it holds (a failure names them). */
function notExactlyOnce(fake: FakeSlack, userIds: string[]): Array<[string, number]> {
  const counts = messagesPerPerson(fake, userIds);
  return userIds.map((u, i) => [u, counts[i]!] as [string, number]).filter(([, n]) => n !== 1);
}

/** Messages Slack holds per DM of these people. */
function messagesPerPerson(fake: FakeSlack, userIds: string[]): number[] {
  return userIds.map((u) => fake.messages.get(`D${u.slice(1)}`)?.length ?? 0);
}

describe("several worker processes", () => {
  const fake = new FakeSlack();
  let database: TestDatabase;
  let workers: WorkerProcess[] = [];

  beforeAll(async () => {
    await fake.start();
    database = await createTestDatabase("engine_procs");
  });
  afterAll(async () => {
    await database?.drop();
    await fake.stop();
  });
  beforeEach(() => fake.reset());
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.crash()));
    workers = [];
  });

  it("two worker processes fanning out the same slot (and duplicate jobs) post each prompt once", async () => {
    const prefix = uniqueQueuePrefix("procs2");
    const queues = new EngineQueuesProbe(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379", prefix);
    try {
      const team = people("TWO", 150);
      await addMembers(database.db, team.map((userId) => ({ userId })));
      await joinChannel(database.db, "C0TWOPROCS", team);
      const id = await createSchedule(database.db, { kind: "members", channelId: "C0TWOPROCS" });
      const env = workerEnv({ apiUrl: fake.apiUrl, databaseUrl: database.url, prefix, extra: { SLOT_CATCHUP_MINUTES: "0", WORKER_CONCURRENCY: "20" } });
      workers = await Promise.all([spawnWorker(env), spawnWorker(env)]);
      fake.latencyMs = 5;
      // The same tick twice (as if scheduler and catch-up both fired), then a stray copy of every deliver job.
      await Promise.all([queues.slot(TEAM, id, TEN_AM), queues.slot(TEAM, id, TEN_AM)]);
      const prompts = await eventually(async () => {
        const rows = await database.db.prompt.findMany({ where: { scheduleId: id } });
        return rows.length === team.length ? rows : null;
      }, 20_000);
      await queues.deliveries.addBulk(prompts.map((p) => ({ name: JobName.deliver, data: { teamId: TEAM, promptId: p.id }, opts: { jobId: `dup|${p.id}` } })));
      // A bound, not a timing goal: with 20 jobs in flight per worker a dnd.teamInfo call asks for
      // ~20 people, and Tier 2 (18 a minute after a burst of 4) spaces the later calls ~3.3 s
      // apart, so the 150 DMs take ~25 s on an idle machine (more on a loaded one).
      await eventually(async () => (await database.db.prompt.count({ where: { scheduleId: id, status: "posted" } })) === team.length && (await queues.idle()), 100_000);
      expect(notExactlyOnce(fake, team)).toEqual([]);
      expect(fake.callsOf("chat.postMessage")).toHaveLength(team.length);
      expect(await database.db.delivery.count({ where: { promptId: { in: prompts.map((p) => p.id) } } })).toBe(team.length);
    } finally {
      await queues.close();
    }
  }, 180_000);

  it("a worker SIGKILLed mid fan-out, then a fresh one: every recipient gets exactly one prompt", async () => {
    const prefix = uniqueQueuePrefix("prockill");
    const queues = new EngineQueuesProbe(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379", prefix);
    try {
      const team = people("KIL", 300);
      // DND already known: with 10 jobs in flight, dnd.teamInfo (Tier 2) would pace this test to
      // ~30 calls at ~3.3 s apart; the subject here is the crash, not that tier.
      await addMembers(database.db, team.map((userId) => ({ userId, dndKnownOff: true })));
      await joinChannel(database.db, "C0KILLPROC", team);
      const id = await createSchedule(database.db, { kind: "members", channelId: "C0KILLPROC" });
      const env = workerEnv({ apiUrl: fake.apiUrl, databaseUrl: database.url, prefix, extra: { SLOT_CATCHUP_MINUTES: "0", WORKER_CONCURRENCY: "10" } });
      // Slow Slack: many posts are in flight (accepted by Slack, answer not yet read) at the kill.
      fake.latencyMs = 60;
      const first = await spawnWorker(env);
      workers = [first];
      await queues.slot(TEAM, id, TEN_AM);
      await fake.waitFor("chat.postMessage", () => true, 60, 20_000);
      await first.crash();
      const acceptedAtKill = [...fake.messages.values()].reduce((n, m) => n + m.length, 0);
      const recordedAtKill = await database.db.prompt.count({ where: { scheduleId: id, status: "posted" } });
      expect(acceptedAtKill).toBeGreaterThan(recordedAtKill); // the crash left posted-but-unrecorded prompts
      const second = await spawnWorker(env);
      workers = [second];
      // On a loaded machine (load ~25 on 2 cores) this alone took ~60 s: a bound, not a timing goal.
      await eventually(async () => (await database.db.prompt.count({ where: { scheduleId: id, status: "posted" } })) === team.length && (await queues.idle()), 150_000);
      expect(notExactlyOnce(fake, team)).toEqual([]);
      const prompts = await database.db.prompt.findMany({ where: { scheduleId: id } });
      // Recorded ts is the one Slack holds for that person (recovered from history after the crash).
      for (const p of prompts) expect(p.messageTs).toBe(fake.messages.get(`D${p.target.slice(1)}`)![0]!.ts);
      expect(fake.callsOf("conversations.history").length).toBeGreaterThan(0);
    } finally {
      await queues.close();
    }
  }, 240_000);

  it("after Redis loses everything (FLUSHDB) the schedulers come back, the latest missed slot and lost jobs are done once", async () => {
    const prefix = uniqueQueuePrefix("procflush");
    const redis = new Redis(FLUSH_REDIS_URL);
    const queues = new EngineQueuesProbe(FLUSH_REDIS_URL, prefix);
    try {
      const alice = "U0FLUSHALI";
      const bob = "U0FLUSHBOB";
      await addMembers(database.db, [{ userId: alice, tz: "UTC" }, { userId: bob, tz: "UTC" }]);
      // Two slots 3 and 2 minutes ago (UTC, every day): ticks nobody ran, inside the catch-up window.
      const now = Date.now();
      const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
      const missed = [now - 3 * 60_000, now - 2 * 60_000].map((t) => Math.floor(t / 60_000) * 60_000);
      const id = await createSchedule(database.db, { kind: "dm", userId: alice, tz: "UTC", intervalMinutes: null, times: missed.map(hhmm), windowStartMinute: 0, windowEndMinute: 1440 });
      const env = workerEnv({ apiUrl: fake.apiUrl, databaseUrl: database.url, redisUrl: FLUSH_REDIS_URL, prefix, extra: { SLOT_CATCHUP_MINUTES: "10" } });
      workers = [await spawnWorker(env)];
      // Start-up reconcile: scheduler created, the latest missed slot fanned out (one catch-up, not a backlog).
      await eventually(() => queues.slots.getJobScheduler(`schedule:${id}`), 10_000);
      await eventually(async () => (await database.db.prompt.count({ where: { scheduleId: id, status: "posted" } })) === 1, 20_000);
      expect((await database.db.prompt.findFirstOrThrow({ where: { scheduleId: id } })).slotAt.getTime()).toBe(missed[1]);

      // A prompt queued just before the loss (a /stretch now in Bob's DM), its deliver job gone with Redis.
      const lost = await database.db.prompt.create({
        data: { id: randomUUID(), teamId: TEAM, slotKey: `now:${randomUUID()}`, slotAt: new Date(now - 90_000), target: bob, recipientUserId: bob, area: "neck" },
      });
      await redis.flushdb();
      expect(await queues.slots.getJobScheduler(`schedule:${id}`)).toBeUndefined();
      await eventually(() => queues.slots.getJobScheduler(`schedule:${id}`), 10_000);
      // The reconciler gave the lost prompt its job back (same job id) and it went out once.
      await eventually(() => database.db.prompt.findFirst({ where: { id: lost.id, status: "posted" } }), 15_000);
      await eventually(() => queues.idle(), 10_000);
      // Nothing was fanned out again: Postgres has the caught-up slot's prompt (catch-up's Redis
      // dedup keys went with the flush, so only Postgres could tell), and the older slot stays dropped.
      for (const t of missed) expect(await queues.slots.getJob(`slot|${id}|${t}`)).toBeUndefined();
      expect(messagesPerPerson(fake, [alice, bob])).toEqual([1, 1]);
      expect(await database.db.prompt.count({ where: { scheduleId: id } })).toBe(1);
    } finally {
      await queues.close();
      await redis.flushdb();
      await redis.quit();
    }
  }, 120_000);
});
