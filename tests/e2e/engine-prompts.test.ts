import { beforeEach, describe, expect, it } from "vitest";
import { ActionId } from "../../src/bot/ids.js";

import { blockAction, eventEnvelope, slashCommand, TEAM } from "../helpers/fixtures.js";
import { sendCommand, sendEvent, sendInteraction } from "../helpers/slack-requests.js";
import { nextLocalTime } from "../helpers/time.js";
import { eventually } from "../helpers/wait.js";
import { addMembers, createSchedule, joinChannel } from "../helpers/factories.js";
import { useAppFixture } from "../helpers/app-fixture.js";
import type { PostArgs } from "../helpers/engine.js";

const CHANNEL = "C0GENERAL1";
const ALICE = "U0ALICE001";
const BOB = "U0BOB00001";
const CAROL = "U0CAROL001";

describe("prompts end to end: /stretch now, the prompt's buttons, membership events", () => {
  const ctx = useAppFixture("e2e_engine", { env: { SLOT_CATCHUP_MINUTES: "0", RECONCILE_INTERVAL_SECONDS: "3600" }, queues: true });
  const { fake } = ctx;
  let replies = 0;
  beforeEach(() => {
    fake.reset();
    fake.addUser({ id: ALICE, tz: "Europe/Warsaw" });
    fake.addUser({ id: BOB, tz: "America/New_York" });
    fake.addUser({ id: CAROL, tz: "Asia/Kolkata" });
  });

  async function press(actionId: string, promptId: string, userId: string): Promise<{ text: string; blocks?: unknown[]; replace_original?: boolean }> {
    const id = `b${++replies}`;
    const res = await sendInteraction(ctx.app.url, blockAction({ actionId, value: promptId, userId, channelId: CHANNEL, responseUrl: fake.responseUrl(id) }));
    expect(res.status).toBe(200);
    const [reply] = await fake.waitFor(`response_url:${id}`);
    return reply!.args as { text: string; blocks?: unknown[]; replace_original?: boolean };
  }

  let promptId = "";

  it("/stretch now posts a prompt in the channel through the deliver queue", async () => {
    await addMembers(ctx.database.db, [{ userId: ALICE }, { userId: BOB, tz: "America/New_York" }]);
    const res = await sendCommand(ctx.app.url, slashCommand({ text: "now", userId: ALICE, channelId: CHANNEL, responseUrl: fake.responseUrl("now1") }));
    expect(res.status).toBe(200);
    const [post] = await fake.waitFor("chat.postMessage", (c) => c.args.channel === CHANNEL);
    const args = post!.args as unknown as PostArgs;
    promptId = args.metadata!.event_payload.prompt_id;
    const prompt = await eventually(() => ctx.database.db.prompt.findFirst({ where: { id: promptId, status: "posted" } }));
    expect(prompt.slotKey).toMatch(/^now:/);
    expect(prompt.target).toBe(CHANNEL);
  });

  it("Snooze sends that person the prompt again by DM 15 minutes later, once however often pressed", async () => {
    const reply = await press(ActionId.promptSnooze, promptId, BOB);
    expect(reply.text).toContain("Snoozed");
    expect(reply.replace_original).toBe(false);
    const snoozed = await ctx.database.db.prompt.findFirstOrThrow({ where: { slotKey: `snooze:${promptId}:${BOB}:1` } });
    expect(snoozed.target).toBe(BOB);
    expect(snoozed.slotAt.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    const job = await ctx.queues.deliveries.getJob(`deliver|${snoozed.id}`);
    expect(await job!.getState()).toBe("delayed");
    expect((await press(ActionId.promptSnooze, promptId, BOB)).text).toContain("already snoozed");
    // Fast-forward the 15 minutes.
    await job!.promote();
    const [dm] = await fake.waitFor("chat.postMessage", (c) => c.args.channel === BOB);
    expect(String((dm!.args as unknown as PostArgs).blocks[0]!.text!.text)).toContain("snoozed");
    expect(fake.callsOf("dnd.teamInfo").map((c) => c.args.users)).toContain(BOB);
    await eventually(() => ctx.database.db.prompt.findFirst({ where: { id: snoozed.id, status: "posted" } }));
  });

  it("Skip records a skipped delivery for whoever pressed it", async () => {
    const reply = await press(ActionId.promptSkip, promptId, ALICE);
    expect(reply.text).toContain("Skipped");
    const delivery = await ctx.database.db.delivery.findUniqueOrThrow({ where: { promptId_userId: { promptId, userId: ALICE } } });
    expect(delivery).toMatchObject({ status: "skipped", reason: "skipped by user" });
  });

  it("Skip and Snooze act only for a DM prompt's recipient, and never for someone who opted out", async () => {
    const bobsDm = await ctx.database.db.prompt.findFirstOrThrow({ where: { slotKey: `snooze:${promptId}:${BOB}:1` } });
    expect((await press(ActionId.promptSkip, bobsDm.id, ALICE)).text).toContain("sent to someone else");
    expect((await press(ActionId.promptSnooze, bobsDm.id, ALICE)).text).toContain("sent to someone else");
    expect(await ctx.database.db.delivery.findUnique({ where: { promptId_userId: { promptId: bobsDm.id, userId: ALICE } } })).toBeNull();
    expect(await ctx.database.db.prompt.count({ where: { target: ALICE, slotKey: { startsWith: "snooze:" } } })).toBe(0);

    await ctx.database.db.member.upsert({ where: { teamId_userId: { teamId: TEAM, userId: CAROL } }, create: { teamId: TEAM, userId: CAROL, optedOut: true }, update: { optedOut: true } });
    expect((await press(ActionId.promptSkip, promptId, CAROL)).text).toContain("opted out");
    expect((await press(ActionId.promptSnooze, promptId, CAROL)).text).toContain("opted out");
    expect(await ctx.database.db.delivery.findUnique({ where: { promptId_userId: { promptId, userId: CAROL } } })).toBeNull();
    expect(await ctx.database.db.prompt.count({ where: { target: CAROL, slotKey: { startsWith: "snooze:" } } })).toBe(0);
  });

  it("Another routine answers with a fresh routine just for that person", async () => {
    const reply = await press(ActionId.promptAnother, promptId, ALICE);
    expect(reply.blocks!.length).toBeGreaterThan(1);
    expect(reply.replace_original).toBe(false);
  });

  it("a button on a prompt that does not exist gets a clear answer", async () => {
    expect((await press(ActionId.promptSkip, "not-a-prompt", ALICE)).text).toContain("can't find that stretch break");
  });

  it("member_joined_channel / member_left_channel follow membership; a new zone widens the members ticks", async () => {
    const channel = "C0MEMBERS1";
    await joinChannel(ctx.database.db, channel, [ALICE]);
    fake.channelMembers.set(channel, [ALICE]);
    const id = await createSchedule(ctx.database.db, { kind: "members", channelId: channel, tz: "Europe/Warsaw", intervalMinutes: 60 });
    await ctx.app.app.services.engine.scheduleSync.scheduleChanged(TEAM, id);
    // Its membership seed joins the public channel (reaction events only come from channels the
    // bot is in), then reads conversations.members, before anyone joins.
    const [join] = await fake.waitFor("conversations.join", (c) => c.args.channel === channel);
    const [members] = await fake.waitFor("conversations.members", (c) => c.args.channel === channel);
    expect(join!.at).toBeLessThanOrEqual(members!.at);
    await eventually(() => ctx.queues.seeded());
    expect((await ctx.queues.slots.getJobScheduler(`schedule:${id}`))!.pattern).toBe("59 * * * *");
    await sendEvent(ctx.app.url, eventEnvelope("MemberJoinedChannel", { event: { type: "member_joined_channel", user: CAROL, channel, channel_type: "C", team: TEAM } }));
    await eventually(() => ctx.database.db.channelMember.findFirst({ where: { channelId: channel, userId: CAROL } }));
    // Carol is in Asia/Kolkata (UTC+5:30): her 09:00 is at minute 30 of a UTC hour (ticks run a minute ahead).
    await eventually(async () => (await ctx.queues.slots.getJobScheduler(`schedule:${id}`))?.pattern === "29,59 * * * *");
    await sendEvent(ctx.app.url, eventEnvelope("MemberLeftChannel", { event: { type: "member_left_channel", user: CAROL, channel, channel_type: "C", team: TEAM } }));
    await eventually(async () => (await ctx.database.db.channelMember.count({ where: { channelId: channel, userId: CAROL } })) === 0);
  });

  it("user_change with a new time zone moves that person's DM schedule ticks", async () => {
    const id = await createSchedule(ctx.database.db, { kind: "dm", userId: ALICE, tz: "Europe/Warsaw" });
    await ctx.app.app.services.engine.scheduleSync.scheduleChanged(TEAM, id);
    expect((await ctx.queues.slots.getJobScheduler(`schedule:${id}`))!.pattern).toBe("59 * * * *");
    await sendEvent(ctx.app.url, eventEnvelope("UserChange", { event: { type: "user_change", user: { id: ALICE, name: "alice", tz: "Asia/Kolkata", profile: {} } } }));
    await eventually(async () => (await ctx.queues.slots.getJobScheduler(`schedule:${id}`))?.pattern === "29 * * * *");
    expect((await ctx.database.db.member.findUniqueOrThrow({ where: { teamId_userId: { teamId: TEAM, userId: ALICE } } })).tz).toBe("Asia/Kolkata");
  });

  it("asks Slack for someone's DND once, reuses the answer, and follows dnd_updated_user", async () => {
    const dave = "U0DAVE0001";
    await addMembers(ctx.database.db, [{ userId: dave }]);
    const id = await createSchedule(ctx.database.db, { kind: "dm", userId: dave });
    const tenAm = nextLocalTime("Europe/Warsaw", 10); // a slot of the schedule, never "expired"
    const statusOf = async (slotAt: Date) => (await ctx.database.db.prompt.findFirstOrThrow({ where: { scheduleId: id, slotAt } })).status;

    await ctx.queues.runSlot(TEAM, id, tenAm);
    expect(await statusOf(tenAm)).toBe("posted");
    expect(fake.callsOf("dnd.teamInfo")).toHaveLength(1);
    const member = await ctx.database.db.member.findUniqueOrThrow({ where: { teamId_userId: { teamId: TEAM, userId: dave } } });
    expect(member).toMatchObject({ dndEnabled: false });
    expect(member.dndCheckedAt).not.toBeNull();

    const elevenAm = new Date(tenAm.getTime() + 3600_000);
    await ctx.queues.runSlot(TEAM, id, elevenAm);
    expect(await statusOf(elevenAm)).toBe("posted");
    expect(fake.callsOf("dnd.teamInfo")).toHaveLength(1);

    // Dave turns on quiet hours covering now: Slack tells us by event, and the next prompt waits.
    const now = Math.floor(Date.now() / 1000);
    const res = await sendEvent(ctx.app.url, eventEnvelope("DndUpdatedUser", { event: { type: "dnd_updated_user", user: dave, dnd_status: { dnd_enabled: true, next_dnd_start_ts: now - 60, next_dnd_end_ts: now + 3600 }, event_ts: `${now}.000100` } }));
    expect(res.status).toBe(200);
    await eventually(async () => (await ctx.database.db.member.findUniqueOrThrow({ where: { teamId_userId: { teamId: TEAM, userId: dave } } })).dndEnabled === true);
    const noon = new Date(elevenAm.getTime() + 3600_000);
    await ctx.queues.slot(TEAM, id, noon);
    await eventually(async () => (await ctx.database.db.prompt.findFirst({ where: { scheduleId: id, slotAt: noon, status: "deferred" } })) !== null);
    expect(fake.callsOf("dnd.teamInfo")).toHaveLength(1);
    expect(fake.callsOf("chat.postMessage").filter((c) => c.args.channel === dave)).toHaveLength(2);
  });

  it("channel_archive pauses that channel's schedule and tells its owner once", async () => {
    const channel = "C0ARCHIVE1";
    const id = await createSchedule(ctx.database.db, { kind: "channel", channelId: channel, createdBy: BOB });
    await ctx.app.app.services.engine.scheduleSync.scheduleChanged(TEAM, id);
    const archived = eventEnvelope("ChannelArchive", { event: { type: "channel_archive", channel, user: ALICE } });
    await sendEvent(ctx.app.url, archived);
    await sendEvent(ctx.app.url, eventEnvelope("ChannelArchive", { event: { type: "channel_archive", channel, user: ALICE } }));
    await eventually(async () => (await ctx.database.db.schedule.findUniqueOrThrow({ where: { id } })).active === false);
    await fake.waitFor("chat.postMessage", (c) => c.args.channel === BOB);
    expect(await ctx.database.db.schedule.findUniqueOrThrow({ where: { id } })).toMatchObject({ pausedReason: "channel_archived" });
    expect(await ctx.queues.slots.getJobScheduler(`schedule:${id}`)).toBeUndefined();
    expect(fake.callsOf("chat.postMessage").filter((c) => c.args.channel === BOB)).toHaveLength(1);
  });

  it("/stretch schedule creates the job scheduler and seeds the channel's members from Slack", async () => {
    const channel = "C0SEEDME01";
    fake.channelMembers.set(channel, [ALICE, BOB, CAROL]);
    fake.channelCreators.set(channel, ALICE); // only the channel's creator (or an admin/manager) may DM its members
    const res = await sendCommand(ctx.app.url, slashCommand({ text: "schedule members every 60m 09:00-17:00 mon-fri", userId: ALICE, channelId: channel, responseUrl: fake.responseUrl("sched1") }));
    expect(res.status).toBe(200);
    await fake.waitFor("response_url:sched1");
    const row = await eventually(() => ctx.database.db.schedule.findFirst({ where: { channelId: channel } }));
    await eventually(() => ctx.queues.slots.getJobScheduler(`schedule:${row.id}`));
    await eventually(async () => (await ctx.database.db.channelMember.count({ where: { channelId: channel } })) === 3);
    // Alice (Warsaw), Bob (New York) and Carol (Kolkata): minutes 0 and 30, ticked a minute ahead.
    await eventually(async () => (await ctx.queues.slots.getJobScheduler(`schedule:${row.id}`))?.pattern === "29,59 * * * *");
  });
});
