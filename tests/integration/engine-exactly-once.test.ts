import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { JobName } from "../../src/engine/queues/queues.js";
import { useEngineApp } from "../helpers/engine-app.js";
import { nextLocalTime } from "../helpers/time.js";
import { eventually } from "../helpers/wait.js";
import { addMembers, createSchedule, TEAM } from "../helpers/factories.js";

/** The next 10:00 in Warsaw: a slot of the DM schedules below, never "expired". */
const TEN_AM = nextLocalTime("Europe/Warsaw", 10);
const RATE_LIMITED = { status: 429, headers: { "retry-after": "1" }, body: { ok: false, error: "ratelimited" } };

/**
 * Exactly once when Slack's answer is unknown (issue 8): a worker died after posting and the
 * retry's history check is rate-limited; the database fails right after a post.
 */
describe("exactly once when the outcome is unknown", () => {
  const ctx = useEngineApp("engine_once", { env: { DELIVERY_LEASE_SECONDS: "2" } });
  const { fake } = ctx;

  /** A pending DM prompt for the 10:00 slot of this person's DM schedule. */
  async function dmPrompt(userId: string, attempts = 0): Promise<string> {
    await addMembers(ctx.database.db, [{ userId }]);
    const scheduleId = await createSchedule(ctx.database.db, { kind: "dm", userId });
    const id = randomUUID();
    await ctx.database.db.prompt.create({
      data: { id, teamId: TEAM, scheduleId, slotKey: TEN_AM.toISOString(), slotAt: TEN_AM, target: userId, recipientUserId: userId, area: "neck", attempts },
    });
    return id;
  }

  /** A DM prompt a worker claimed 10 s ago (by the database's clock) and never recorded: it died. */
  async function abandonedClaim(userId: string): Promise<string> {
    const id = await dmPrompt(userId, 1);
    await ctx.database.db.$executeRaw`UPDATE "Prompt" SET "claimedAt" = (now() AT TIME ZONE 'UTC') - interval '10 seconds' WHERE id = ${id}::uuid`;
    return id;
  }
  const deliver = (promptId: string, opts: { attempts?: number } = {}) =>
    ctx.queues.deliveries.add(JobName.deliver, { teamId: TEAM, promptId }, { jobId: `deliver|${promptId}`, attempts: opts.attempts ?? 10, backoff: { type: "fixed", delay: 200 } });

  it("the dead worker's post is found once the rate-limited history answers: never posted twice", async () => {
    const user = "U0ONCEAAA1";
    const id = await abandonedClaim(user);
    const dm = `D${user.slice(1)}`;
    const ts = `${Math.floor(Date.now() / 1000) - 9}.000100`;
    fake.messages.set(dm, [{ ts, text: "stretch", postedAt: Date.now() - 9_000, metadata: { event_type: "stretch_prompt", event_payload: { prompt_id: id } } }]);
    // conversations.history is limited (about 1 a minute for non-Marketplace apps): twice refused.
    fake.queue("conversations.history", RATE_LIMITED, RATE_LIMITED);
    await deliver(id);
    const done = await eventually(() => ctx.database.db.prompt.findFirst({ where: { id, status: "posted" } }), 20_000);
    expect(done).toMatchObject({ channelId: dm, messageTs: ts, uncertainSince: null });
    expect(fake.callsOf("conversations.history").length).toBe(3);
    expect(fake.callsOf("chat.postMessage")).toHaveLength(0);
    expect(fake.messages.get(dm)).toHaveLength(1);
    expect(await ctx.database.db.delivery.count({ where: { promptId: id } })).toBe(1);
  });

  it("while the history cannot answer, the prompt stays uncertain and nothing is posted; once it says 'not there', one post", async () => {
    const user = "U0ONCEBBB1";
    const id = await abandonedClaim(user);
    const claimedAt = (await ctx.database.db.prompt.findUniqueOrThrow({ where: { id } })).claimedAt!;
    fake.queue("conversations.history", RATE_LIMITED, { status: 500, body: { ok: false, error: "internal_error" } }, RATE_LIMITED);
    await deliver(id);
    await fake.waitFor("conversations.history", () => true, 2, 10_000);
    const waiting = await ctx.database.db.prompt.findUniqueOrThrow({ where: { id } });
    // Released to wait, but still uncertain since the dead worker's claim: the next try asks again.
    expect(waiting).toMatchObject({ status: "pending", uncertainSince: claimedAt });
    expect(fake.callsOf("chat.postMessage")).toHaveLength(0);
    // (A 500 waits a minute before the next history call; the test moves the job along.)
    const job = await ctx.queues.deliveries.getJob(`deliver|${id}`);
    await eventually(async () => (await job!.getState()) === "delayed");
    await job!.promote();
    await eventually(() => ctx.database.db.prompt.findFirst({ where: { id, status: "posted" } }), 20_000);
    expect(fake.callsOf("conversations.history").length).toBe(4);
    expect(fake.callsOf("chat.postMessage")).toHaveLength(1);
    expect((await ctx.database.db.prompt.findUniqueOrThrow({ where: { id } })).uncertainSince).toBeNull();
  });

  it("an unknown post outcome on the last attempt is not 'failed': Slack's history is checked, then one post", async () => {
    const user = "U0ONCEDDD1";
    const id = await dmPrompt(user);
    // A 5xx: Slack may or may not have posted (this fake did not).
    fake.queue("chat.postMessage", { status: 503, body: { ok: false, error: "service_unavailable" } });
    await deliver(id, { attempts: 1 });
    const done = await eventually(() => ctx.database.db.prompt.findFirst({ where: { id, status: "posted" } }), 20_000);
    expect(done.uncertainSince).toBeNull();
    expect(fake.callsOf("conversations.history")).toHaveLength(1);
    expect(fake.callsOf("chat.postMessage")).toHaveLength(2);
    expect(fake.messages.get(`D${user.slice(1)}`)).toHaveLength(1);
  });

  it("a worker slowed past its lease does not post once another run has taken the prompt over", async () => {
    const user = "U0ONCEEEE1";
    const id = await dmPrompt(user);
    // The first run hangs in its DND lookup (a starved process, a GC pause) until the test lets go.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let dndCalls = 0;
    fake.on("dnd.teamInfo", async (call) => {
      dndCalls += 1;
      if (dndCalls === 1) await gate;
      return fake.defaultAnswer(call);
    });
    await deliver(id);
    await eventually(async () => dndCalls === 1);
    // Its 2 s lease runs out (by the database's clock, the one claims use)…
    await eventually(async () => {
      const [row] = await ctx.database.db.$queryRaw<Array<{ expired: boolean }>>`
        SELECT "claimedAt" < (now() AT TIME ZONE 'UTC') - interval '2 seconds' AS expired FROM "Prompt" WHERE id = ${id}::uuid`;
      return row?.expired === true;
    }, 10_000);
    // …and a second run of the prompt (a stray duplicate job, or BullMQ handing a stalled job out
    // again) takes it over, finds nothing in Slack's history, and posts.
    await ctx.queues.deliveries.add(JobName.deliver, { teamId: TEAM, promptId: id }, { jobId: `dup|${id}` });
    const done = await eventually(() => ctx.database.db.prompt.findFirst({ where: { id, status: "posted" } }), 20_000);
    expect(fake.callsOf("conversations.history").length).toBeGreaterThan(0);
    // The first run wakes up: its claim is gone, so it must not post a second prompt.
    release();
    await eventually(async () => (await (await ctx.queues.deliveries.getJob(`deliver|${id}`))?.getState()) === "completed", 20_000);
    await eventually(() => ctx.queues.idle(), 20_000);
    const dm = fake.messages.get(`D${user.slice(1)}`)!;
    expect(dm).toHaveLength(1);
    expect(fake.callsOf("chat.postMessage")).toHaveLength(1);
    expect(done.messageTs).toBe(dm[0]!.ts);
    expect(await ctx.database.db.delivery.count({ where: { promptId: id } })).toBe(1);
  });

  it("a database error right after the post, on the last attempt: the ts is kept and recorded, not 'failed'", async () => {
    const user = "U0ONCECCC1";
    const id = await dmPrompt(user);
    // While the prompt is listed in fail_next_record, marking it posted fails (a failover, say).
    await ctx.database.db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS fail_next_record (prompt_id uuid PRIMARY KEY)`);
    await ctx.database.db.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION fail_record() RETURNS trigger AS $$
      BEGIN
        IF NEW."messageTs" IS NOT NULL AND OLD."messageTs" IS NULL AND EXISTS (SELECT 1 FROM fail_next_record WHERE prompt_id = NEW.id) THEN
          RAISE EXCEPTION 'database unavailable (test)';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await ctx.database.db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS fail_record ON "Prompt"`);
    await ctx.database.db.$executeRawUnsafe(`CREATE TRIGGER fail_record BEFORE UPDATE ON "Prompt" FOR EACH ROW EXECUTE FUNCTION fail_record()`);
    await ctx.database.db.$executeRaw`INSERT INTO fail_next_record (prompt_id) VALUES (${id}::uuid)`;
    await deliver(id, { attempts: 1 });
    await fake.waitFor("chat.postMessage", () => true, 1, 10_000);
    // The job kept where Slack put the prompt; the database comes back.
    await eventually(async () => (await ctx.queues.deliveries.getJob(`deliver|${id}`))?.data.posted !== undefined);
    expect((await ctx.database.db.prompt.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
    await ctx.database.db.$executeRaw`DELETE FROM fail_next_record WHERE prompt_id = ${id}::uuid`;
    const done = await eventually(() => ctx.database.db.prompt.findFirst({ where: { id, status: "posted" } }), 20_000);
    const posted = fake.messages.get(`D${user.slice(1)}`)!;
    expect(posted).toHaveLength(1);
    expect(done.messageTs).toBe(posted[0]!.ts);
    expect(fake.callsOf("chat.postMessage")).toHaveLength(1);
    expect(await ctx.database.db.delivery.count({ where: { promptId: id } })).toBe(1);
    await ctx.database.db.$executeRawUnsafe(`DROP TRIGGER fail_record ON "Prompt"`);
  });
});
