import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobIds } from "../../src/engine/queues/queues.js";
import { RedisWorkspaceRateLimiter } from "../../src/engine/workspace-rate-limiter.js";
import { bootApp, uniqueQueuePrefix, type TestApp } from "../helpers/app.js";
import { installThroughOAuth, oauthEnv } from "../helpers/oauth.js";
import { eventually } from "../helpers/wait.js";
import { addMembers, createSchedule, joinChannel } from "../helpers/factories.js";
import { useAppFixture } from "../helpers/app-fixture.js";

const BUSY = "T0BUSY0001";
const CALM = "T0CALM0001";
const BIG = "T0BIGTEAM1";
const people = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `U0${prefix}${String(i).padStart(4, "0")}`);
/** The current quarter hour: a slot of the 15-minute schedules below, never "expired". */
const slotNow = () => new Date(Math.floor(Date.now() / 900_000) * 900_000);

describe("Slack's limits per workspace: a 429 or a big slot in one workspace never holds up another", () => {
  const ctx = useAppFixture("fairness", {
    // A tiny post budget (one post every 2 s per workspace) so a 60-person slot must be spread over 2 minutes.
    env: (fake) => ({ ...oauthEnv(fake), SLOT_CATCHUP_MINUTES: "0", RECONCILE_INTERVAL_SECONDS: "3600", SLACK_POST_RATE_PER_MINUTE: "30", PROMPT_SKIP_AWAY: "false" }),
    queues: true,
  });
  const { fake } = ctx;

  beforeAll(async () => {
    for (const team of [BUSY, CALM, BIG]) {
      fake.addWorkspace({ teamId: team });
      expect((await installThroughOAuth(ctx.app.url, fake, team)).status).toBe(200);
    }
  });

  async function membersSchedule(team: string, userIds: string[]): Promise<string> {
    const channel = `C${team.slice(1)}`;
    for (const id of userIds) fake.addUser({ id, team });
    fake.channelTeams.set(channel, team);
    await addMembers(ctx.database.db, userIds.map((userId) => ({ userId, tz: "UTC" })), team);
    await joinChannel(ctx.database.db, channel, userIds, team);
    return createSchedule(ctx.database.db, { kind: "members", channelId: channel, tz: "UTC", intervalMinutes: 15, windowStartMinute: 0, windowEndMinute: 1440 }, team);
  }

  it("while Slack answers 429 to every post of one workspace, another workspace's prompts all go out; then the first catches up, once each", async () => {
    const busy = people("BUSY", 6);
    const calm = people("CALM", 6);
    const busyId = await membersSchedule(BUSY, busy);
    const calmId = await membersSchedule(CALM, calm);
    fake.refusePostsOf.set(BUSY, { every: 1, seen: 0 });
    const at = slotNow();
    await ctx.queues.slot(BUSY, busyId, at);
    await fake.waitFor("chat.postMessage", (c) => c.teamId === BUSY && c.rateLimited === true);
    await ctx.queues.slot(CALM, calmId, at);
    await eventually(async () => (await ctx.database.db.prompt.count({ where: { teamId: CALM, status: "posted" } })) === calm.length, 20_000);
    expect(fake.rateLimitedBy.get(CALM) ?? 0).toBe(0);
    // Busy is still refused: nothing of it went out, and it was not retried in a tight loop.
    expect(await ctx.database.db.prompt.count({ where: { teamId: BUSY, status: "posted" } })).toBe(0);
    const busyAttempts = fake.callsOf("chat.postMessage").filter((c) => c.teamId === BUSY).length;
    // Each refused post blocks the workspace's posts for Retry-After (1 s): a handful of tries each, not a tight loop.
    expect(busyAttempts).toBeLessThan(busy.length * 8);

    fake.refusePostsOf.delete(BUSY);
    await eventually(async () => (await ctx.database.db.prompt.count({ where: { teamId: BUSY, status: "posted" } })) === busy.length, 30_000);
    const accepted = fake.callsOf("chat.postMessage").filter((c) => c.teamId === BUSY && !c.rateLimited);
    expect(accepted.map((c) => c.args.channel).sort()).toEqual([...busy].sort());
  });

  it("a slot bigger than a minute's budget is spread over its window, each person at a stable offset", async () => {
    const big = people("BIG", 60);
    const id = await membersSchedule(BIG, big);
    const windowMs = 2 * 60_000; // 60 people at 30 a minute
    const offsets = async (at: Date) => {
      await ctx.queues.slot(BIG, id, at);
      const prompts = await eventually(async () => {
        const rows = await ctx.database.db.prompt.findMany({ where: { scheduleId: id, slotAt: at } });
        return rows.length === big.length ? rows : null;
      });
      const byPerson = new Map<string, number>();
      for (const p of prompts) {
        const job = await eventually(() => ctx.queues.deliveries.getJob(jobIds.deliver(p.id)));
        byPerson.set(p.target, job.timestamp + (job.opts.delay ?? 0) - at.getTime());
      }
      return byPerson;
    };
    // Two slots in the future (nothing is due yet, so the jobs stay delayed where we can read them).
    const first = await offsets(new Date(slotNow().getTime() + 30 * 60_000));
    const second = await offsets(new Date(slotNow().getTime() + 45 * 60_000));
    const values = [...first.values()];
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(windowMs + 5_000);
    expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(windowMs / 2);
    for (const person of big) expect(Math.abs(second.get(person)! - first.get(person)!)).toBeLessThan(5_000);
  });
});

describe("RedisWorkspaceRateLimiter", () => {
  const redis = new Redis(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: null });
  afterAll(() => redis.quit());

  it("lets a burst through, then spaces calls; a block holds one workspace's method only", async () => {
    const limiter = new RedisWorkspaceRateLimiter(redis, uniqueQueuePrefix("rl"), 60);
    // users.info: 90 a minute, bursts of 10.
    const waits = [];
    for (let i = 0; i < 12; i++) waits.push(await limiter.reserve("T1", "users.info"));
    expect(waits.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(waits[10]).toBeGreaterThan(0);
    expect(waits[10]).toBeLessThanOrEqual(Math.ceil(60_000 / 90));
    expect(await limiter.reserve("T2", "users.info")).toBe(0);

    await limiter.block("T1", "chat.postMessage", 30_000);
    expect(await limiter.reserve("T1", "chat.postMessage")).toBeGreaterThan(25_000);
    expect(await limiter.blockedFor("T1", "chat.postMessage")).toBeGreaterThan(25_000);
    expect(await limiter.reserve("T2", "chat.postMessage")).toBe(0);
    expect(await limiter.blockedFor("T1", "users.getPresence")).toBe(0);
  });
});
