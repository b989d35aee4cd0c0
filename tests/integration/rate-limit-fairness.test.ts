import { createHash, randomUUID } from "node:crypto";
import { LuaScript } from "../../src/engine/queues/lua-script.js";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FANOUT_PRIORITY, jobIds, SPREAD_PRIORITY } from "../../src/engine/queues/queues.js";
import { RedisDndLookahead } from "../../src/engine/dnd-lookahead.js";
import { spreadWindowMs, stableOffsetMs } from "../../src/domain/spread.js";
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

  it("a slot booked further ahead than 30 s waits once per prompt: every waiting job holds its own post slot, and posts keep the budget's pace", async () => {
    // 20 people fit a minute's budget (30), so nothing is spread: all are due at once and the
    // budget (one post every 2 s, no burst) books them up to ~40 s ahead.
    const team = "T0BOOKED01";
    fake.addWorkspace({ teamId: team });
    expect((await installThroughOAuth(ctx.app.url, fake, team)).status).toBe(200);
    const everyone = people("BOOK", 20);
    const id = await membersSchedule(team, everyone);
    await ctx.queues.slot(team, id, slotNow());
    // Once the first wave has run, each job still waiting is delayed to a slot it booked (postSlotAt):
    // it will not come back before then to ask again.
    const waiting = await eventually(async () => {
      const delayed = (await ctx.queues.deliveries.getDelayed()).filter((j) => j.data.teamId === team);
      const posted = await ctx.database.db.prompt.count({ where: { scheduleId: id, status: "posted" } });
      return delayed.length > 0 && delayed.length + posted === everyone.length && delayed.every((j) => j.data.postSlotAt !== undefined) ? delayed : null;
    }, 20_000);
    // Back for a booked slot, a job goes to the plain wait list, ahead of first runs queued by slots.
    expect(waiting.every((j) => j.priority === 0)).toBe(true);
    const slots = waiting.map((j) => j.data.postSlotAt!).sort((a, b) => a - b);
    expect(slots[slots.length - 1]! - slots[0]!).toBeGreaterThan(30_000);
    // One every 2 s (each measured on this process's clock when its answer came back: a loaded loop shifts a few by ms).
    for (let i = 1; i < slots.length; i++) expect(slots[i]! - slots[i - 1]!).toBeGreaterThanOrEqual(1_500);

    await eventually(async () => (await ctx.database.db.prompt.count({ where: { scheduleId: id, status: "posted" } })) === everyone.length, 90_000);
    const accepted = fake.callsOf("chat.postMessage").filter((c) => c.teamId === team && !c.rateLimited);
    expect(accepted.map((c) => c.args.channel).sort()).toEqual([...everyone].sort());
    expect(fake.callsOf("chat.postMessage").filter((c) => c.teamId === team && c.rateLimited)).toHaveLength(0);
    // Posted at the budget's pace, not in a burst once booked (a woken job's own lateness aside).
    const at = accepted.map((c) => c.at);
    expect(Math.max(...at) - Math.min(...at)).toBeGreaterThan(30_000);
  }, 120_000);

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
        // A spread slot's first runs wait behind jobs back for a booked post slot, ahead of other fan-outs' (SPREAD_PRIORITY).
        expect(job.priority).toBe(SPREAD_PRIORITY);
        expect(SPREAD_PRIORITY).toBeLessThan(FANOUT_PRIORITY);
        byPerson.set(p.target, job.timestamp + (job.opts.delay ?? 0) - at.getTime());
      }
      return byPerson;
    };
    // Two slots in the future (nothing is due yet, so the jobs stay delayed where we can read them).
    const firstAt = new Date(slotNow().getTime() + 30 * 60_000);
    const first = await offsets(firstAt);
    // Who is due when is noted for DND look-ups: the earliest due come first.
    const lookahead = new RedisDndLookahead(ctx.queues.redis, ctx.app.config.QUEUE_PREFIX);
    const offsetOf = (person: string) => stableOffsetMs(`${BIG}|${person}`, spreadWindowMs(big.length, 30));
    const earliest = [...big].sort((a, b) => offsetOf(a) - offsetOf(b)).slice(0, 5);
    expect(await lookahead.take(BIG, [], 5)).toEqual(earliest);
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

  it("runs its scripts by SHA, sending a script Redis does not know once, then by SHA only", async () => {
    // A script no other run has loaded (its text carries a fresh nonce).
    const nonce = randomUUID();
    const script = new LuaScript(`-- ${nonce}\nreturn {KEYS[1], ARGV[1]}`);
    const sha = createHash("sha1").update(`-- ${nonce}\nreturn {KEYS[1], ARGV[1]}`).digest("hex");
    expect(await redis.script("EXISTS", sha)).toEqual([0]);
    expect(await script.run(redis, ["k"], ["a"])).toEqual(["k", "a"]);
    expect(await redis.script("EXISTS", sha)).toEqual([1]);
    expect(await script.run(redis, ["k2"], [7])).toEqual(["k2", "7"]);
    // A script error is not mistaken for an unknown script.
    await expect(new LuaScript(`-- ${nonce}\nreturn redis.call('NOSUCHCOMMAND')`).run(redis, [], [])).rejects.toThrow();
  });

  it("DND look-ahead: takes the earliest due first, never the people being asked, each person once", async () => {
    const lookahead = new RedisDndLookahead(redis, uniqueQueuePrefix("dl"));
    await lookahead.add("T1", [
      { userId: "U3", dueAt: 3_000 },
      { userId: "U1", dueAt: 1_000 },
      { userId: "U2", dueAt: 2_000 },
      { userId: "U4", dueAt: 4_000 },
    ]);
    await lookahead.add("T2", [{ userId: "U9", dueAt: 500 }]);
    expect(await lookahead.take("T1", ["U1"], 2)).toEqual(["U2", "U3"]);
    expect(await lookahead.take("T1", [], 5)).toEqual(["U4"]);
    expect(await lookahead.take("T1", [], 5)).toEqual([]);
    expect(await lookahead.take("T2", [], 0)).toEqual([]);
    expect(await lookahead.take("T2", [], 1)).toEqual(["U9"]);
  });

  it("books slots far ahead in order, one per caller, and books nothing while a 429 block holds", async () => {
    const limiter = new RedisWorkspaceRateLimiter(redis, uniqueQueuePrefix("rl"), 60);
    // chat.postMessage at 60 a minute: one a second, no burst.
    const bookings = [];
    // Each wait is counted from Redis' "now" during the call, somewhere between `before` and
    // `after`: so `after + wait` is no earlier than the booked instant and `before + wait` no
    // later, which bounds the spacing of booked instants whatever the machine's load.
    for (let i = 0; i < 90; i++) {
      const before = Date.now();
      const booking = await limiter.reserveAhead("T1", "chat.postMessage", 3600_000);
      bookings.push({ ...booking, before, after: Date.now() });
    }
    expect(bookings.every((b) => b.reserved)).toBe(true);
    for (let i = 1; i < bookings.length; i++) expect(bookings[i]!.after + bookings[i]!.waitMs - (bookings[i - 1]!.before + bookings[i - 1]!.waitMs)).toBeGreaterThanOrEqual(995); // ms rounding of Redis TIME and floored waits
    // …and not much more than a second apart (a loaded machine adds its call latency here only).
    expect(bookings[89]!.before + bookings[89]!.waitMs - (bookings[0]!.after + bookings[0]!.waitMs)).toBeLessThanOrEqual(89_000 + 5);
    expect(bookings[89]!.waitMs).toBeGreaterThan(85_000);
    // Beyond the horizon: not booked, told how long.
    const far = await limiter.reserveAhead("T1", "chat.postMessage", 10_000);
    expect(far).toMatchObject({ reserved: false });
    expect(far.waitMs).toBeGreaterThan(85_000);

    await limiter.block("T2", "chat.postMessage", 5_000);
    const blocked = await limiter.reserveAhead("T2", "chat.postMessage", 3600_000);
    expect(blocked.reserved).toBe(false);
    expect(blocked.waitMs).toBeGreaterThan(4_000);
  });
  it("books from a later start (a fan-out ahead of its slot): waits count from now, the horizon from the start", async () => {
    const limiter = new RedisWorkspaceRateLimiter(redis, uniqueQueuePrefix("rl"), 60);
    const before = Date.now();
    const first = await limiter.reserveAhead("T3", "chat.postMessage", 10_000, 30_000);
    const second = await limiter.reserveAhead("T3", "chat.postMessage", 10_000, 30_000);
    const after = Date.now();
    expect(first.reserved && second.reserved).toBe(true);
    // Booked at the start and a second later, not now: 30 s beyond a 10 s horizon is still booked.
    expect(before + first.waitMs).toBeGreaterThanOrEqual(before + 30_000 - (after - before) - 1);
    expect(first.waitMs).toBeLessThanOrEqual(30_000);
    expect(second.waitMs - first.waitMs).toBeGreaterThanOrEqual(995);
    // A 429 block that ends before the start does not stop the booking; one that outlasts it does.
    await limiter.block("T4", "chat.postMessage", 5_000);
    expect((await limiter.reserveAhead("T4", "chat.postMessage", 10_000, 30_000)).reserved).toBe(true);
    await limiter.block("T5", "chat.postMessage", 60_000);
    const blocked = await limiter.reserveAhead("T5", "chat.postMessage", 10_000, 30_000);
    expect(blocked.reserved).toBe(false);
    expect(blocked.waitMs).toBeGreaterThan(55_000);
  });
  it("a call made while posts are booked ahead goes now if it fits before them, else after them; never into them", async () => {
    const limiter = new RedisWorkspaceRateLimiter(redis, uniqueQueuePrefix("rl"), 60);
    const near = (ms: number, expected: number) => expect(Math.abs(ms - expected)).toBeLessThan(250);
    // A fan-out 30 s ahead of its slot books three posts from the slot on (one a second).
    const booked = [];
    for (let i = 0; i < 3; i++) booked.push(await limiter.reserveAhead("T6", "chat.postMessage", 60_000, 30_000));
    booked.forEach((b, i) => {
      expect(b.reserved).toBe(true);
      near(b.waitMs, 30_000 + i * 1_000);
    });
    // A `/stretch now` meanwhile is not pushed behind the slot: it goes at once…
    const now = await limiter.reserveAhead("T6", "chat.postMessage", 3600_000);
    expect(now.reserved).toBe(true);
    near(now.waitMs, 0);
    // …and so do calls until the present reaches the block (a second apart, all before it); the
    // next one goes after the block (30, 31 and 32 s are taken), never into it.
    const present = [];
    for (let i = 0; i < 40; i++) {
      const b = await limiter.reserveAhead("T6", "chat.postMessage", 3600_000);
      expect(b.reserved).toBe(true);
      present.push(b.waitMs);
      if (b.waitMs >= 30_000) break;
    }
    const before = present.slice(0, -1);
    expect(before.length).toBeGreaterThanOrEqual(28);
    expect(Math.max(...before)).toBeLessThan(30_000);
    for (let i = 1; i < before.length; i++) near(before[i]! - before[i - 1]!, 1_000);
    near(present.at(-1)!, 33_000);
    // reserve() (now or never) is refused with the wait until then.
    const refused = await limiter.reserve("T6", "chat.postMessage");
    expect(refused).toBeGreaterThan(33_000);
  });
});
