import { beforeAll, describe, expect, it } from "vitest";
import { useEngineApp } from "../helpers/engine-app.js";
import { nextLocalTime } from "../helpers/time.js";
import { eventually } from "../helpers/wait.js";
import { addMembers, createSchedule, TEAM, joinChannel } from "../helpers/factories.js";

const OWNER = "U0STATEOWN";
/** The next 10:00 in Warsaw: a slot of the schedules below (every day, 09-17), never "expired". */
const TEN_AM = nextLocalTime("Europe/Warsaw", 10);
const HOUR = 3600_000;

/**
 * State wins over queue (issue 8): prompts already queued obey off, pause, opt-out, forget-me,
 * uninstall and channel archive. Each test fans a slot out while deliveries are held (the queue
 * is paused), changes the state, lets deliveries run, and checks that nothing reached Slack and
 * the prompt says why.
 */
describe("queued prompts are re-checked at delivery", () => {
  const ctx = useEngineApp("engine_state");
  const { fake } = ctx;
  beforeAll(() => addMembers(ctx.database.db, [{ userId: OWNER }]));

  const posts = () => fake.callsOf("chat.postMessage");
  const services = () => ctx.app.app.services;

  /** Fans out `slotAt` with deliveries held, runs `change`, then releases the deliveries. */
  async function queueThen(scheduleId: string, change: () => Promise<unknown>, slotAt = TEN_AM, teamId = TEAM): Promise<void> {
    await ctx.queues.deliveries.pause();
    try {
      const job = await ctx.queues.slot(teamId, scheduleId, slotAt);
      await eventually(async () => (await job.getState()) === "completed");
      expect(await ctx.queues.deliveries.getWaitingCount()).toBeGreaterThan(0);
      await change();
    } finally {
      await ctx.queues.deliveries.resume();
    }
    await eventually(() => ctx.queues.idle(), 15_000);
  }
  const statusOf = async (scheduleId: string) => (await ctx.database.db.prompt.findMany({ where: { scheduleId }, orderBy: { slotAt: "asc" } })).map((p) => [p.status, p.reason]);

  it("schedule off", async () => {
    const channel = "C0STATEOFF";
    const id = await createSchedule(ctx.database.db, { kind: "channel", channelId: channel, createdBy: OWNER });
    await queueThen(id, () => services().schedules.applyText({ teamId: TEAM, userId: OWNER, channelId: channel }, "off"));
    expect(await statusOf(id)).toEqual([["skipped", "schedule_off"]]);
    expect(posts()).toHaveLength(0);
  });

  it("channel pause", async () => {
    const channel = "C0STATEPAU";
    const id = await createSchedule(ctx.database.db, { kind: "channel", channelId: channel, createdBy: OWNER });
    await queueThen(id, () => services().schedules.pause({ teamId: TEAM, userId: OWNER, channelId: channel }, "channel 1h"));
    expect(await statusOf(id)).toEqual([["skipped", "paused"]]);
    expect(posts()).toHaveLength(0);
  });

  it("a person's pause holds their queued DM", async () => {
    const ann = "U0STATEANN";
    await addMembers(ctx.database.db, [{ userId: ann }]);
    const id = await createSchedule(ctx.database.db, { kind: "dm", userId: ann });
    await queueThen(id, () => services().schedules.pause({ teamId: TEAM, userId: ann, channelId: "D0STATEANN" }, "today"));
    expect(await statusOf(id)).toEqual([["skipped", "paused"]]);
    expect(posts()).toHaveLength(0);
  });

  it("opt-out, and leaving the channel of a members schedule", async () => {
    const [ben, cat, dan] = ["U0STATEBEN", "U0STATECAT", "U0STATEDAN"];
    const channel = "C0STATEMEM";
    await addMembers(ctx.database.db, [{ userId: ben }, { userId: cat }, { userId: dan }]);
    await joinChannel(ctx.database.db, channel, [ben, cat, dan]);
    const id = await createSchedule(ctx.database.db, { kind: "members", channelId: channel, createdBy: OWNER });
    await queueThen(id, async () => {
      await services().privacy.optOut(TEAM, ben);
      await services().engine.membership.left(TEAM, channel, cat);
    });
    const prompts = await ctx.database.db.prompt.findMany({ where: { scheduleId: id } });
    expect(Object.fromEntries(prompts.map((p) => [p.target, [p.status, p.reason]]))).toEqual({
      [ben]: ["skipped", "opted_out"],
      [cat]: ["skipped", "left_channel"],
      [dan]: ["posted", null],
    });
    expect(posts().map((c) => c.args.channel)).toEqual([dan]);
  });

  it("forget-me deletes the queued DM: nothing is posted", async () => {
    const eve = "U0STATEEVE";
    await addMembers(ctx.database.db, [{ userId: eve }]);
    const id = await createSchedule(ctx.database.db, { kind: "dm", userId: eve });
    await queueThen(id, () => services().privacy.forgetMe(TEAM, eve));
    expect(await ctx.database.db.prompt.count({ where: { target: eve } })).toBe(0);
    expect(posts()).toHaveLength(0);
  });

  it("channel archive", async () => {
    const channel = "C0STATEARC";
    const id = await createSchedule(ctx.database.db, { kind: "channel", channelId: channel, createdBy: OWNER });
    await queueThen(id, () => services().engine.membership.channelGone(TEAM, channel, "channel_archived"));
    expect(await statusOf(id)).toEqual([["skipped", "channel_archived"]]);
    expect(posts().filter((c) => c.args.channel === channel)).toHaveLength(0);
  });

  it("uninstall", async () => {
    const team = "T0STATEGONE";
    const channel = "C0STATEUNI";
    await addMembers(ctx.database.db, [{ userId: OWNER }], team);
    const id = await createSchedule(ctx.database.db, { kind: "channel", channelId: channel, createdBy: OWNER }, team);
    await queueThen(id, () => services().installations.deactivate(team, "app_uninstalled"), TEN_AM, team);
    expect(await statusOf(id)).toEqual([["skipped", "workspace_inactive"]]);
    expect(posts()).toHaveLength(0);
  });

  it("after an outage a target's older queued slot is dropped for its newer one: no backlog", async () => {
    const fay = "U0STATEFAY";
    await addMembers(ctx.database.db, [{ userId: fay }]);
    const id = await createSchedule(ctx.database.db, { kind: "dm", userId: fay });
    // Two slots' prompts waited together (workers were down); only the later one is worth sending.
    await queueThen(id, () => ctx.queues.slot(TEAM, id, new Date(TEN_AM.getTime() + HOUR)).then((job) => eventually(async () => (await job.getState()) === "completed")));
    expect(await statusOf(id)).toEqual([
      ["skipped", "superseded"],
      ["posted", null],
    ]);
    expect(posts()).toHaveLength(1);
  });
});
