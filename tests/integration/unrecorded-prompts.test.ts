import { StaticTokenSource } from "../../src/slack/token-source.js";
import { randomUUID } from "node:crypto";
import type { WebClient } from "@slack/web-api";
import { Queue } from "bullmq";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CompletionRepository } from "../../src/db/repositories/completions.js";
import { StreakDayRepository } from "../../src/db/repositories/streak-days.js";
import { StreakMilestoneRepository } from "../../src/db/repositories/streak-milestones.js";
import type { ReactionEvent } from "../../src/domain/reaction-event.js";
import { createInboxQueue, INBOX_QUEUE, startInboxWorker } from "../../src/engine/queues/inbox-queue.js";
import { redisJobBackend } from "../../src/engine/queues/redis-backend.js";
import { createLogger } from "../../src/logger.js";
import { CompletionService, HeldReactionsWaiting } from "../../src/services/completion-service.js";
import { Inbox } from "../../src/services/inbox.js";
import { StreakService } from "../../src/services/streak-service.js";
import { uniqueQueuePrefix } from "../helpers/app.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { eventually } from "../helpers/wait.js";
import { botNotices } from "../../src/bot/presenters/notices.js";
import { ensureWorkspace } from "../helpers/factories.js";

/**
 * Prompts Slack has posted whose ts the app has not recorded yet (a press the second it was
 * posted; a post answered 503 after Slack stored it, recorded only after the lease and a history
 * check): a Done press and a reaction on them are acknowledged, so they must become completions.
 */
const TEAM = "T0UNRECORD1";
const BOT = "U0BOTUSER";
const CHANNEL = "C0UNREC001";
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe("prompts whose ts is not recorded yet", () => {
  let database: TestDatabase;
  const slack = { chat: { postMessage: async () => ({ ok: true, ts: "1.1" }) } } as unknown as WebClient;
  const closers: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    database = await createTestDatabase("unrecorded");
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await database?.drop();
  });
  beforeEach(async () => {
    await database.truncate();
    await ensureWorkspace(database.db, TEAM);
  });

  const newService = (inbox?: Inbox) =>
    new CompletionService(
      new CompletionRepository(database.db),
      new StreakService(new StreakDayRepository(database.db)),
      new StreakMilestoneRepository(database.db),
      slack,
      new StaticTokenSource("xoxb-test"),
      createLogger("silent"),
      botNotices,
      inbox ? { inbox } : {},
    );

  /** A prompt claimed for posting (Slack may have it) with no channel or ts recorded. */
  const claimedPrompt = async (input: { recipientUserId?: string; claimed?: boolean } = {}) => {
    const slotAt = new Date(Date.now() - 5_000);
    const claimed = input.claimed ?? true;
    return database.db.prompt.create({
      data: {
        id: randomUUID(),
        teamId: TEAM,
        slotKey: slotAt.toISOString() + randomUUID().slice(0, 8),
        slotAt,
        target: input.recipientUserId ?? CHANNEL,
        recipientUserId: input.recipientUserId ?? null,
        status: "pending",
        area: "neck",
        attempts: claimed ? 1 : 0,
        claimedAt: claimed ? new Date() : null,
      },
    });
  };

  it("a Done press on a channel prompt with no ts yet is stored and counted, in the prompt's channel", async () => {
    const prompt = await claimedPrompt();
    const outcome = await newService().completeByButtonDurably({ teamId: TEAM, userId: "U0ALICE001", promptId: prompt.id, channelId: CHANNEL });
    expect(outcome).toMatchObject({ ok: true, created: true, streak: { current: 1 } });
    const rows = await database.db.completion.findMany();
    expect(rows).toMatchObject([{ promptId: prompt.id, userId: "U0ALICE001", channelId: CHANNEL, source: "button", area: "neck" }]);
    // When the worker records the post later, nothing changes for the completion.
    await database.db.prompt.update({ where: { id: prompt.id }, data: { status: "posted", channelId: CHANNEL, messageTs: "1763000000.000111", postedAt: new Date() } });
    expect(await newService().completeByButton({ teamId: TEAM, userId: "U0ALICE001", promptId: prompt.id })).toMatchObject({ ok: true, created: false });
    expect(await database.db.completion.count()).toBe(1);
  });

  it("a DM prompt with no channel recorded takes the press's channel, and still only counts for its recipient", async () => {
    const prompt = await claimedPrompt({ recipientUserId: "U0BOB00001" });
    const service = newService();
    expect(await service.completeByButton({ teamId: TEAM, userId: "U0ALICE001", promptId: prompt.id, channelId: "D0BOBDM001" })).toEqual({ ok: false, reason: "not_recipient" });
    expect(await service.completeByButton({ teamId: TEAM, userId: "U0BOB00001", promptId: prompt.id, channelId: "D0BOBDM001" })).toMatchObject({ ok: true, created: true });
    expect(await database.db.completion.findMany()).toMatchObject([{ userId: "U0BOB00001", channelId: "D0BOBDM001" }]);
  });

  it("a prompt never claimed for posting (no message can carry its button) is still 'missing'", async () => {
    const prompt = await claimedPrompt({ claimed: false });
    expect(await newService().completeByButton({ teamId: TEAM, userId: "U0ALICE001", promptId: prompt.id, channelId: CHANNEL })).toEqual({ ok: false, reason: "missing" });
    expect(await database.db.completion.count()).toBe(0);
  });

  it("a reaction before the ts is recorded survives the loss of the process that received it", async () => {
    const prefix = uniqueQueuePrefix("unrec");
    const backend = redisJobBackend(REDIS_URL, prefix);
    closers.push(() => backend.close());
    const queue = createInboxQueue(backend, createLogger("silent"));
    closers.push(() => queue.close());
    const prompt = await claimedPrompt();
    const ts = `${Math.floor(Date.now() / 1000)}.000321`;
    const event: ReactionEvent = {
      eventId: `EvHeld${randomUUID().slice(0, 8)}`,
      teamId: TEAM,
      kind: "added",
      userId: "U0ALICE001",
      reaction: "muscle",
      channelId: CHANNEL,
      messageTs: ts,
      itemUser: BOT,
      at: new Date(),
    };

    // The web process: the reaction is held (and handed to the durable inbox at once)...
    const web = newService(new Inbox(queue, createLogger("silent")));
    expect(await web.recordReaction(event, BOT)).toBe("held");
    // ...then that process is gone (SIGKILL: no drain, its memory lost). Another process's inbox
    // worker tries the reaction, which keeps waiting while the ts is unknown.
    const otherInbox = new Inbox(queue, createLogger("silent"));
    newService(otherInbox);
    const worker = startInboxWorker({ backend, inbox: otherInbox, logger: createLogger("silent") });
    closers.push(() => worker.close(true));
    const probe = new Queue(INBOX_QUEUE, { connection: backend.main, prefix });
    closers.push(() => probe.close());
    await eventually(async () => ((await probe.getJobCounts("delayed")).delayed ?? 0) >= 1, 30_000);
    expect(await database.db.completion.count()).toBe(0);

    // The delivery records the post: the held reaction becomes a completion.
    await database.db.prompt.update({ where: { id: prompt.id }, data: { status: "posted", channelId: CHANNEL, messageTs: ts, postedAt: new Date() } });
    await eventually(async () => (await database.db.completion.count({ where: { promptId: prompt.id, userId: "U0ALICE001", source: "reaction" } })) === 1, 90_000, 200);
    await eventually(async () => {
      const counts = await probe.getJobCounts("delayed", "wait", "active", "failed");
      return Object.values(counts).every((n) => n === 0);
    }, 30_000);
  }, 150_000);

  it("a held reaction is retried while its prompt is unknown and given up 30 minutes after it happened", async () => {
    const inbox = new Inbox(null, createLogger("silent"));
    newService(inbox);
    const event = (minutesAgo: number): ReactionEvent => ({
      eventId: `EvGiveUp${randomUUID().slice(0, 8)}`,
      teamId: TEAM,
      kind: "added",
      userId: "U0ALICE001",
      reaction: "muscle",
      channelId: CHANNEL,
      messageTs: `${Math.floor(Date.now() / 1000) - minutesAgo * 60}.000999`,
      itemUser: BOT,
      at: new Date(Date.now() - minutesAgo * 60_000),
    });
    await expect(inbox.handle("held_reactions", [event(1)])).rejects.toBeInstanceOf(HeldReactionsWaiting);
    await expect(inbox.handle("held_reactions", [event(31)])).resolves.toBeUndefined();
    expect(await database.db.completion.count()).toBe(0);
  });
});
