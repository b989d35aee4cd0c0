import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ActionId } from "../../src/bot/ids.js";
import type { PostArgs } from "../helpers/engine.js";
import { addDays, dstChangeDays, nextStandardTimeMonday } from "../helpers/time.js";
import { addMembers, createSchedule, TEAM, joinChannel } from "../helpers/factories.js";
import { useAppFixture } from "../helpers/app-fixture.js";

const CHANNEL = "C0STRETCH1";
const TEAM_CHANNEL = "C0TEAMROOM";
const ALICE = "U0ALICE001"; // Warsaw
const BOB = "U0BOB00001"; // New York
const KEN = "U0KEN00001"; // Tokyo
const WANDA = "U0WANDA001"; // Warsaw, works 10:00-18:00 Mon-Fri
const BOT = "U0SOMEBOT1";
const GONE = "U0GONE0001";
const OPTOUT = "U0OPTOUT01";
const STRANGER = "U0NOPROFIL"; // in the channel, profile not fetched yet

/**
 * A coming Monday in standard time (Warsaw UTC+1, New York UTC-5, Tokyo UTC+9): future slots are
 * never "expired", and the zone arithmetic in the comments below holds on any date.
 */
const MONDAY = nextStandardTimeMonday({ "Europe/Warsaw": 60, "America/New_York": -300, "Asia/Tokyo": 540 });
const MONDAY_DATE = MONDAY.toISOString().slice(0, 10);
/** That Monday at hh:00 UTC. */
const mondayAt = (hourUtc: number) => new Date(MONDAY.getTime() + hourUtc * 3600_000);
/** Next year's daylight-saving changes are always in the future. */
const DST_YEAR = new Date().getUTCFullYear() + 1;

describe("slot fan-out (real Postgres + Redis, fake Slack)", () => {
  // No catch-up (these tests drive chosen instants) and no periodic reconcile in the way.
  const ctx = useAppFixture("engine_fanout", { env: { SLOT_CATCHUP_MINUTES: "0", RECONCILE_INTERVAL_SECONDS: "3600" }, queues: true });
  const { fake } = ctx;

  beforeAll(async () => {
    await addMembers(ctx.database.db, [
      { userId: ALICE, tz: "Europe/Warsaw" },
      { userId: BOB, tz: "America/New_York" },
      { userId: KEN, tz: "Asia/Tokyo" },
      { userId: WANDA, tz: "Europe/Warsaw", workStartMinute: 600, workEndMinute: 1080, workDays: [1, 2, 3, 4, 5] },
      { userId: BOT, isBot: true },
      { userId: GONE, deleted: true },
      { userId: OPTOUT, optedOut: true },
    ]);
  });
  beforeEach(() => fake.reset());

  const posts = (channel?: string) => fake.callsOf("chat.postMessage").filter((c) => channel === undefined || c.args.channel === channel);

  it("a channel schedule posts one prompt at its slot, with buttons, metadata and a Delivery per member", async () => {
    await joinChannel(ctx.database.db, CHANNEL, [ALICE, BOB, BOT]);
    const id = await createSchedule(ctx.database.db, { kind: "channel", channelId: CHANNEL, createdBy: ALICE, tz: "Europe/Warsaw" });
    await ctx.queues.runSlot(TEAM, id, mondayAt(8)); // Monday 09:00 in Warsaw
    expect(posts(CHANNEL)).toHaveLength(1);
    const args = posts(CHANNEL)[0]!.args as unknown as PostArgs;
    const prompt = await ctx.database.db.prompt.findFirstOrThrow({ where: { scheduleId: id } });
    expect(prompt).toMatchObject({ status: "posted", target: CHANNEL, channelId: CHANNEL, slotKey: mondayAt(8).toISOString(), attempts: 1 });
    expect(prompt.messageTs).toBeTruthy();
    expect(args.metadata).toEqual({ event_type: "stretch_prompt", event_payload: { prompt_id: prompt.id } });
    expect(args.text).toContain("React to this message when you've done it");
    expect(args.blocks.length).toBeLessThanOrEqual(50);
    const buttons = args.blocks.flatMap((b) => b.elements ?? []).filter((e) => e.action_id);
    expect(buttons.map((b) => b.action_id)).toEqual([
      ActionId.promptDone, ActionId.promptHowTo, ActionId.promptSkip, ActionId.promptAnother,
      ActionId.promptSnooze, ActionId.promptSnoozeHour, ActionId.promptSnoozeMeeting, ActionId.promptSnoozeTomorrow,
    ]);
    expect(buttons.every((b) => b.value === prompt.id && b.text!.text.length <= 75)).toBe(true);
    expect(prompt.exerciseIds.length).toBeGreaterThan(0);
    const deliveries = await ctx.database.db.delivery.findMany({ where: { promptId: prompt.id }, orderBy: { userId: "asc" } });
    expect(deliveries.map((d) => [d.userId, d.localDate])).toEqual([
      [ALICE, MONDAY_DATE],
      [BOB, MONDAY_DATE],
    ]);
  });

  it("a tick that is not a slot posts nothing; running the same slot again posts nothing more", async () => {
    const id = (await ctx.database.db.schedule.findFirstOrThrow({ where: { channelId: CHANNEL } })).id;
    await ctx.queues.runSlot(TEAM, id, mondayAt(7)); // 08:00 Warsaw: before the window
    await ctx.queues.runSlot(TEAM, id, mondayAt(8)); // already done
    expect(posts()).toHaveLength(0);
    expect(await ctx.database.db.prompt.count({ where: { scheduleId: id } })).toBe(1);
  });

  it("the job scheduler of a schedule wakes it on the UTC minutes its zones need", async () => {
    const id = await createSchedule(ctx.database.db, { kind: "channel", channelId: "C0KOLKATA1", tz: "Asia/Kolkata", intervalMinutes: 30 });
    await ctx.app.app.services.engine.scheduleSync.scheduleChanged(TEAM, id);
    const scheduler = await ctx.queues.slots.getJobScheduler(`schedule:${id}`);
    expect(scheduler).toMatchObject({ pattern: "29,59 * * * *", tz: "UTC" });
    await ctx.database.db.schedule.update({ where: { id }, data: { active: false } });
    await ctx.app.app.services.engine.scheduleSync.scheduleChanged(TEAM, id);
    expect(await ctx.queues.slots.getJobScheduler(`schedule:${id}`)).toBeUndefined();
  });

  it("a members schedule DMs exactly the people due now, each in their own zone and working hours", async () => {
    await joinChannel(ctx.database.db, TEAM_CHANNEL, [ALICE, BOB, KEN, WANDA, BOT, GONE, OPTOUT, STRANGER]);
    const id = await createSchedule(ctx.database.db, { kind: "members", channelId: TEAM_CHANNEL, tz: "Europe/Warsaw" });
    // Monday 09:00 Warsaw, 03:00 New York, 17:00 Tokyo (window ends 17:00); Wanda starts at 10:00.
    await ctx.queues.runSlot(TEAM, id, mondayAt(8));
    expect(posts().map((c) => c.args.channel)).toEqual([ALICE]);
    // 10:00 Warsaw: Alice and Wanda.
    await ctx.queues.runSlot(TEAM, id, mondayAt(9));
    expect(posts().map((c) => c.args.channel).sort()).toEqual([ALICE, ALICE, WANDA].sort());
    // 14:00 New York = 19:00 Warsaw, 04:00 Tokyo (next day): Bob only.
    await ctx.queues.runSlot(TEAM, id, mondayAt(19));
    expect(posts(BOB)).toHaveLength(1);
    const dm = await ctx.database.db.prompt.findFirstOrThrow({ where: { scheduleId: id, target: BOB } });
    expect(dm).toMatchObject({ status: "posted", recipientUserId: BOB, channelId: `D${BOB.slice(1)}` });
    const delivery = await ctx.database.db.delivery.findFirstOrThrow({ where: { promptId: dm.id } });
    expect(delivery).toMatchObject({ userId: BOB, localDate: MONDAY_DATE, status: "delivered" });
    for (const nobody of [KEN, BOT, GONE, OPTOUT, STRANGER]) expect(posts(nobody)).toHaveLength(0);
  });

  it("a tick ahead of its slot queues the prompts for the slot; changing the schedule before the slot drops them for the new settings", async () => {
    const channel = "C0AHEAD001";
    await joinChannel(ctx.database.db, channel, [ALICE]);
    const id = await createSchedule(ctx.database.db, { kind: "members", channelId: channel, tz: "Europe/Warsaw" });
    const engine = ctx.app.app.services.engine;
    // Monday 10:00 Warsaw, fanned out a lead ahead (the tick): queued, not posted.
    expect(await engine.fanout.fanOut(id, mondayAt(9), { ahead: true })).toEqual({ recipients: 1, enqueued: 1 });
    const queued = await ctx.database.db.prompt.findFirstOrThrow({ where: { scheduleId: id } });
    expect(queued).toMatchObject({ status: "pending", target: ALICE, slotAt: mondayAt(9) });
    const job = await ctx.queues.deliveries.getJob(`deliver|${queued.id}`);
    expect(await job!.getState()).toBe("delayed");
    expect(posts(ALICE)).toHaveLength(0);
    // The owner moves the schedule to :30 before 10:00: the 10:00 prompt chosen under the old
    // settings is dropped (its job will find no row), and only the new settings' slots follow.
    await ctx.database.db.schedule.update({ where: { id }, data: { intervalMinutes: null, times: ["09:30", "10:30"] } });
    await engine.scheduleSync.scheduleChanged(TEAM, id);
    expect(await ctx.database.db.prompt.count({ where: { scheduleId: id } })).toBe(0);
    await job!.remove();
  });

  it("does not repeat an exercise for the same person within a day while fresh ones fit", async () => {
    const id = (await ctx.database.db.schedule.findFirstOrThrow({ where: { channelId: TEAM_CHANNEL } })).id;
    await ctx.queues.runSlot(TEAM, id, mondayAt(10));
    const alice = await ctx.database.db.prompt.findMany({ where: { scheduleId: id, target: ALICE }, orderBy: { slotAt: "asc" } });
    expect(alice).toHaveLength(3);
    const areas = alice.map((p) => p.area);
    expect(new Set(areas).size).toBe(3); // rotates through the areas over the day
    const seen = alice.flatMap((p) => p.exerciseIds);
    expect(new Set(seen).size).toBe(seen.length);
  });

  describe("around daylight-saving changes", () => {
    it("Europe/Warsaw: 09:00 local is 08:00Z before and 07:00Z after the spring change, and back after the autumn one", async () => {
      const id = await createSchedule(ctx.database.db, { kind: "channel", channelId: "C0WARSAW01", tz: "Europe/Warsaw", times: ["09:00"], intervalMinutes: null });
      // Next year (future instants: a prompt long past its slot would be skipped as expired).
      // Europe springs forward and falls back on Sundays (e.g. 2027-03-28 and 2027-10-31).
      const { springForward: spring, fallBack: autumn } = dstChangeDays("Europe/Warsaw", DST_YEAR);
      const [springEve, autumnEve] = [addDays(spring, -1), addDays(autumn, -1)];
      const due = [`${springEve}T08:00:00Z`, `${spring}T07:00:00Z`, `${autumnEve}T07:00:00Z`, `${autumn}T08:00:00Z`];
      const notDue = [`${springEve}T07:00:00Z`, `${spring}T08:00:00Z`, `${autumnEve}T08:00:00Z`, `${autumn}T07:00:00Z`];
      for (const at of [...due, ...notDue]) await ctx.queues.runSlot(TEAM, id, new Date(at));
      const prompts = await ctx.database.db.prompt.findMany({ where: { scheduleId: id }, orderBy: { slotAt: "asc" } });
      expect(prompts.map((p) => p.slotKey)).toEqual(due.map((d) => new Date(d).toISOString()));
      expect(prompts.every((p) => p.status === "posted")).toBe(true);
      expect(posts("C0WARSAW01")).toHaveLength(4);
    });

    it("America/New_York (members schedule): each person at 09:00 of their own zone across the US change", async () => {
      await joinChannel(ctx.database.db, "C0NEWYORK1", [ALICE, BOB]);
      const id = await createSchedule(ctx.database.db, { kind: "members", channelId: "C0NEWYORK1", tz: "Europe/Warsaw", times: ["09:00"], intervalMinutes: null });
      // The US springs forward two or more weeks before Europe (e.g. 2027-03-14 vs 03-28) and falls
      // back a week after it (11-07 vs 10-31): the Friday before and the Monday after each US change.
      const us = dstChangeDays("America/New_York", DST_YEAR);
      const [springFri, springMon] = [addDays(us.springForward, -2), addDays(us.springForward, 1)];
      const [autumnFri, autumnMon] = [addDays(us.fallBack, -2), addDays(us.fallBack, 1)];
      const bobDue = [`${springFri}T14:00:00Z`, `${springMon}T13:00:00Z`, `${autumnFri}T13:00:00Z`, `${autumnMon}T14:00:00Z`];
      const aliceDue = [`${springMon}T08:00:00Z`];
      const nobody = [`${springFri}T13:00:00Z`, `${springMon}T14:00:00Z`, `${autumnMon}T13:00:00Z`];
      for (const at of [...bobDue, ...aliceDue, ...nobody]) await ctx.queues.runSlot(TEAM, id, new Date(at));
      const prompts = await ctx.database.db.prompt.findMany({ where: { scheduleId: id }, orderBy: { slotAt: "asc" } });
      expect(prompts.filter((p) => p.target === BOB).map((p) => p.slotAt.toISOString())).toEqual(bobDue.map((d) => new Date(d).toISOString()));
      expect(prompts.filter((p) => p.target === ALICE).map((p) => p.slotAt.toISOString())).toEqual(aliceDue.map((d) => new Date(d).toISOString()));
      expect(prompts.every((p) => p.status === "posted")).toBe(true);
      expect(posts(BOB)).toHaveLength(4);
    });
  });
});
