import { randomUUID } from "node:crypto";
import type { WebClient } from "@slack/web-api";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CompletionRepository } from "../../src/db/repositories/completions.js";
import { PendingReactionRepository } from "../../src/db/repositories/pending-reactions.js";
import { StreakDayRepository } from "../../src/db/repositories/streak-days.js";
import { StreakMilestoneRepository } from "../../src/db/repositories/streak-milestones.js";
import type { ReactionEvent } from "../../src/domain/reaction-event.js";
import { createInboxQueue } from "../../src/engine/queues/inbox-queue.js";
import { redisJobBackend } from "../../src/engine/queues/redis-backend.js";
import { createLogger } from "../../src/logger.js";
import { CompletionService } from "../../src/services/completion-service.js";
import { Inbox } from "../../src/services/inbox.js";
import { StreakService } from "../../src/services/streak-service.js";
import { StaticTokenSource } from "../../src/slack/token-source.js";
import { LogSink, uniqueQueuePrefix } from "../helpers/app.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";

import { eventually } from "../helpers/wait.js";
import { ensureWorkspace } from "../helpers/factories.js";
import { botNotices } from "../../src/bot/presenters/notices.js";

/**
 * Reactions that arrive before their prompt's ts is recorded are kept in Postgres, so losing
 * Redis's data (FLUSHDB, a restart without persistence) and the process that received them loses
 * none: once the ts is recorded, any process's sweep turns them into completions, exactly once.
 */
const TEAM = "T0HELDPG01";
const BOT = "U0BOTHELD1";
const CHANNEL = "C0HELDPG01";
const ALICE = "U0HELDALIC";
// A Redis database of its own, so FLUSHDB touches nobody else's keys.
const REDIS_URL = `${process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379"}/13`;

describe("held reactions are durable in Postgres", () => {
  let database: TestDatabase;
  const slack = { chat: { postMessage: async () => ({ ok: true, ts: "1.1" }) } } as unknown as WebClient;
  const services: CompletionService[] = [];
  const closers: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    database = await createTestDatabase("heldpg");
  });
  afterAll(async () => {
    for (const s of services) s.stop();
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await database?.drop();
  });
  beforeEach(async () => {
    await database.truncate();
    await ensureWorkspace(database.db, TEAM);
  });

  /** One process's completion service: its inbox on Redis, held reactions in Postgres. */
  const newService = (options: { inbox?: Inbox; heldSweepMs?: number; logs?: LogSink } = {}) => {
    const service = new CompletionService(
      new CompletionRepository(database.db),
      new StreakService(new StreakDayRepository(database.db)),
      new StreakMilestoneRepository(database.db),
      slack,
      new StaticTokenSource("xoxb-test"),
      createLogger("info", options.logs),
      botNotices,
      { pending: new PendingReactionRepository(database.db), heldSweepMs: options.heldSweepMs ?? 0, ...(options.inbox ? { inbox: options.inbox } : {}) },
    );
    services.push(service);
    return service;
  };

  /** A prompt claimed for posting (Slack has it) whose channel and ts are not recorded yet. */
  const claimedPrompt = async () => {
    const slotAt = new Date(Date.now() - 5_000);
    return database.db.prompt.create({
      data: { id: randomUUID(), teamId: TEAM, slotKey: `${slotAt.toISOString()}${randomUUID().slice(0, 8)}`, slotAt, target: CHANNEL, status: "pending", area: "neck", attempts: 1, claimedAt: new Date() },
    });
  };
  const recordTs = (id: string, ts: string) => database.db.prompt.update({ where: { id }, data: { status: "posted", channelId: CHANNEL, messageTs: ts, postedAt: new Date() } });
  const recentTs = () => `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
  const reaction = (ts: string, kind: "added" | "removed" = "added", at = new Date()): ReactionEvent => ({
    eventId: `EvPg${randomUUID().slice(0, 10)}`,
    teamId: TEAM,
    kind,
    userId: ALICE,
    reaction: "muscle",
    channelId: CHANNEL,
    messageTs: ts,
    itemUser: BOT,
    at,
  });
  const completions = (promptId: string) => database.db.completion.count({ where: { promptId, userId: ALICE, source: "reaction" } });

  it("an early reaction survives a Redis flush and the loss of its process: one completion once the ts is recorded", async () => {
    const prefix = uniqueQueuePrefix("heldpg");
    const backend = redisJobBackend(REDIS_URL, prefix);
    closers.push(() => backend.close());
    const queue = createInboxQueue(backend, createLogger("silent"));
    closers.push(() => queue.close());
    const redis = new Redis(REDIS_URL);
    closers.push(() => redis.quit());

    const prompt = await claimedPrompt();
    const ts = recentTs();
    const event = reaction(ts);
    // The web process holds it (and its Slack retry)...
    const web = newService({ inbox: new Inbox(queue, createLogger("silent")) });
    expect(await web.recordReaction(event, BOT)).toBe("held");
    expect(await web.recordReaction({ ...event }, BOT)).toBe("held");
    expect(await database.db.pendingReaction.count()).toBe(1);
    // ...then Redis loses everything and that process dies (no drain: its memory is gone).
    await redis.flushdb();
    expect(await redis.dbsize()).toBe(0);
    web.stop();

    // Two other processes sweep, before and after the delivery records the ts.
    const [a, b] = [newService({ heldSweepMs: 100 }), newService({ heldSweepMs: 100 })];
    await Promise.all([a.sweepHeld(), b.sweepHeld()]);
    expect(await completions(prompt.id)).toBe(0);
    expect(await database.db.pendingReaction.count()).toBe(1);
    await recordTs(prompt.id, ts);
    await eventually(async () => (await database.db.pendingReaction.count()) === 0, 30_000);
    await Promise.all([a.sweepHeld(), b.sweepHeld(), a.sweepHeld()]);
    expect(await completions(prompt.id)).toBe(1);
    // A late Slack retry of the same event changes nothing.
    expect(await a.recordReaction({ ...event }, BOT)).toBe("duplicate");
    expect(await completions(prompt.id)).toBe(1);
    a.stop();
    b.stop();
  }, 60_000);

  it("an early add then its removal, both held, end with no completion", async () => {
    const prompt = await claimedPrompt();
    const ts = recentTs();
    const web = newService();
    const added = reaction(ts, "added", new Date(Date.now() - 2_000));
    expect(await web.recordReaction(added, BOT)).toBe("held");
    expect(await web.recordReaction(reaction(ts, "removed", new Date(Date.now() - 1_000)), BOT)).toBe("held");
    await recordTs(prompt.id, ts);
    await newService().sweepHeld();
    expect(await database.db.pendingReaction.count()).toBe(0);
    expect(await completions(prompt.id)).toBe(0);
    expect(await database.db.processedEvent.count({ where: { eventId: added.eventId } })).toBe(1);
  });

  it("a removal processed after the ts is recorded cancels the held add it follows", async () => {
    const prompt = await claimedPrompt();
    const ts = recentTs();
    const web = newService();
    expect(await web.recordReaction(reaction(ts, "added", new Date(Date.now() - 2_000)), BOT)).toBe("held");
    await recordTs(prompt.id, ts);
    // The removal is processed before any sweep ran: the held add must not come back afterwards.
    expect(await web.recordReaction(reaction(ts, "removed"), BOT)).toBe("recorded");
    expect(await database.db.pendingReaction.count()).toBe(0);
    await web.sweepHeld();
    expect(await completions(prompt.id)).toBe(0);
  });

  it("a held reaction whose prompt never appears is given up 30 minutes after it happened, logged", async () => {
    const logs = new LogSink();
    const service = newService({ logs });
    // A reaction (or Slack's late retry of one) that happened 31 minutes ago on a recent message,
    // and one from now: the first is past its 30 minutes at once, the second waits.
    const old = reaction(recentTs(), "added", new Date(Date.now() - 31 * 60_000));
    const fresh = reaction(recentTs(), "added");
    expect(await service.recordReaction(old, BOT)).toBe("held");
    expect(await service.recordReaction(fresh, BOT)).toBe("held");
    const stored = await database.db.pendingReaction.findUniqueOrThrow({ where: { eventId: fresh.eventId } });
    expect(stored.expiresAt.getTime() - fresh.at.getTime()).toBe(30 * 60_000);
    await service.sweepHeld();
    expect((await database.db.pendingReaction.findMany()).map((r) => r.eventId)).toEqual([fresh.eventId]);
    expect(logs.text).toContain("held reactions given up");
    expect(await database.db.completion.count()).toBe(0);
  });
});
