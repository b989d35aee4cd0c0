import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionId } from "../../src/bot/ids.js";
import { INBOX_QUEUE } from "../../src/engine/queues/inbox-queue.js";
import { bootApp, type TestApp } from "../helpers/app.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { FakeSlack } from "../helpers/fake-slack.js";
import { blockAction, eventEnvelope, TEAM } from "../helpers/fixtures.js";
import { sendEvent, sendInteraction } from "../helpers/slack-requests.js";
import { TcpProxy } from "../helpers/tcp-proxy.js";
import { eventually } from "../helpers/wait.js";
import { daysAgo, insertDeliveries, insertPostedPrompt } from "../helpers/factories.js";

const BOT_USER = "U0BOTUSER";
const CHANNEL = "C0GENERAL1";
const REDIS_URL = new URL(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");

/**
 * "Nothing acknowledged is lost": the app reaches Postgres and Redis through TCP proxies the test
 * cuts and restores (the shared servers are never touched). Reactions, Done presses and lifecycle
 * events acknowledged during an outage are stored once the dependency is back.
 */
describe("acknowledged work survives Postgres and Redis outages", () => {
  const fake = new FakeSlack();
  let database: TestDatabase;
  let app: TestApp;
  let pgProxy: TcpProxy;
  let redisProxy: TcpProxy;
  let inboxQueue: Queue;
  let probe: Redis;

  beforeAll(async () => {
    await fake.start();
    database = await createTestDatabase("e2e_inbox");
    const pgUrl = new URL(database.url);
    pgProxy = await new TcpProxy(pgUrl.hostname, Number(pgUrl.port || 5432)).start();
    redisProxy = await new TcpProxy(REDIS_URL.hostname, Number(REDIS_URL.port || 6379)).start();
    const proxiedPg = new URL(database.url);
    proxiedPg.port = String(pgProxy.port);
    const proxiedRedis = new URL(REDIS_URL.toString());
    proxiedRedis.port = String(redisProxy.port);
    app = await bootApp({ fake, databaseUrl: proxiedPg.toString(), env: { LOG_LEVEL: "debug", REDIS_URL: proxiedRedis.toString(), ROLE: "web" } });
    // Watches the inbox queue directly (not through the proxy).
    probe = new Redis(REDIS_URL.toString(), { maxRetriesPerRequest: null });
    inboxQueue = new Queue(INBOX_QUEUE, { connection: probe, prefix: app.config.QUEUE_PREFIX });
  });
  afterAll(async () => {
    await pgProxy?.restore();
    await redisProxy?.restore();
    await app?.close();
    await inboxQueue?.obliterate({ force: true }).catch(() => undefined);
    await inboxQueue?.close();
    probe?.disconnect();
    await pgProxy?.stop();
    await redisProxy?.stop();
    await database?.drop();
    await fake.stop();
  });

  const reaction = (userId: string, ts: string) =>
    eventEnvelope("ReactionAdded", {
      teamId: TEAM,
      event: { type: "reaction_added", user: userId, reaction: "muscle", item: { type: "message", channel: CHANNEL, ts }, item_user: BOT_USER, event_ts: `${(Date.now() / 1000).toFixed(6)}` },
    });
  const memberLeft = (userId: string, channel: string) =>
    eventEnvelope("MemberLeftChannel", { teamId: TEAM, event: { type: "member_left_channel", user: userId, channel, channel_type: "C", team: TEAM } });
  const outcomeOf = (eventId: string) =>
    eventually(() => {
      const line = app.logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.eventId === eventId && typeof l.outcome === "string");
      return line?.outcome as string | undefined;
    }, 20_000);

  it("Postgres down: reactions, a Done press and member_left_channel go to the Redis inbox and are stored when it returns", async () => {
    const prompt = await insertPostedPrompt(database.db, { teamId: TEAM, channelId: CHANNEL, area: "neck" });
    await insertDeliveries(database.db, prompt, ["U0ALICE001", "U0BOB00001", "U0CAROL001"], daysAgo(0));
    await database.db.channelMember.create({ data: { teamId: TEAM, channelId: "C0LEAVING1", userId: "U0DAVE0001" } });

    await pgProxy.cut();
    const alice = reaction("U0ALICE001", prompt.messageTs);
    expect((await sendEvent(app.url, alice)).status).toBe(200);
    expect(await outcomeOf(alice.event_id as string)).toBe("deferred");
    expect((await sendEvent(app.url, memberLeft("U0DAVE0001", "C0LEAVING1"))).status).toBe(200);
    const press = await sendInteraction(app.url, blockAction({ actionId: ActionId.promptDone, value: prompt.id, userId: "U0BOB00001", channelId: CHANNEL, messageTs: prompt.messageTs, responseUrl: fake.responseUrl("done-during-outage") }));
    expect(press.status).toBe(200);
    const [reply] = await fake.waitFor("response_url:done-during-outage");
    expect(String(reply!.args.text)).toContain("I've noted it");
    // All three wait in Redis, not in memory.
    await eventually(async () => (await inboxQueue.getJobCountByTypes("waiting", "delayed", "active", "prioritized")) >= 3, 20_000);
    expect(app.app.services.inbox.heldEvents).toBe(0);

    await pgProxy.restore();
    await eventually(async () => (await database.db.completion.count({ where: { promptId: prompt.id } })) === 2, 60_000);
    const rows = await database.db.completion.findMany({ where: { promptId: prompt.id }, orderBy: { userId: "asc" } });
    expect(rows.map((r) => [r.userId, r.source])).toEqual([
      ["U0ALICE001", "reaction"],
      ["U0BOB00001", "button"],
    ]);
    await eventually(async () => (await database.db.channelMember.count({ where: { channelId: "C0LEAVING1" } })) === 0, 60_000);
  });

  it("Postgres and Redis both down: work is held in bounded memory and stored when Postgres returns", async () => {
    const prompt = await insertPostedPrompt(database.db, { teamId: TEAM, channelId: CHANNEL, area: "hips" });
    await insertDeliveries(database.db, prompt, ["U0ALICE001"], daysAgo(0));
    await database.db.channelMember.create({ data: { teamId: TEAM, channelId: "C0LEAVING2", userId: "U0DAVE0001" } });

    await redisProxy.cut();
    await pgProxy.cut();
    const alice = reaction("U0ALICE001", prompt.messageTs);
    expect((await sendEvent(app.url, alice)).status).toBe(200);
    expect((await sendEvent(app.url, memberLeft("U0DAVE0001", "C0LEAVING2"))).status).toBe(200);
    expect(await outcomeOf(alice.event_id as string)).toBe("deferred");
    await eventually(() => app.app.services.inbox.heldEvents === 2, 20_000);
    expect(app.logs.text).toContain("Postgres and Redis both unavailable: holding acknowledged work in memory");

    await pgProxy.restore();
    await eventually(async () => (await database.db.completion.count({ where: { promptId: prompt.id, userId: "U0ALICE001" } })) === 1, 60_000);
    await eventually(async () => (await database.db.channelMember.count({ where: { channelId: "C0LEAVING2" } })) === 0, 60_000);
    expect(app.app.services.inbox.heldEvents).toBe(0);
    await redisProxy.restore();
  });
});
