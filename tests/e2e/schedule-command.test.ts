import { beforeEach, describe, expect, it } from "vitest";
import { ActionId, CallbackId, ScheduleModalField } from "../../src/bot/ids.js";
import { blockAction, slashCommand, TEAM } from "../helpers/fixtures.js";
import { sendCommand, sendInteraction } from "../helpers/slack-requests.js";
import { eventually } from "../helpers/wait.js";
import { useAppFixture } from "../helpers/app-fixture.js";
import { viewSubmission, type SentModal } from "../helpers/view-submission.js";

const CHANNEL = "C0GENERAL1";
const ALICE = "U0ALICE001"; // creator, Warsaw
const BOB = "U0BOB00001"; // plain member, New York
const ADMIN = "U0ADMIN001"; // workspace admin

interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  accessory?: { action_id?: string; value?: string };
  element?: Record<string, any>;
}
describe("/stretch schedule, pause, resume, now end to end", () => {
  const ctx = useAppFixture("e2e_schedule");
  const { fake } = ctx;
  let replies = 0;
  beforeEach(() => {
    fake.reset();
    fake.addUser({ id: ALICE, tz: "Europe/Warsaw" });
    fake.addUser({ id: BOB, tz: "America/New_York" });
    fake.addUser({ id: ADMIN, tz: "Asia/Kolkata", is_admin: true });
  });

  /** Sends `/stretch <text>` and returns the ephemeral reply posted to its response_url. */
  async function stretch(text: string, userId = ALICE, channelId = CHANNEL): Promise<{ text: string; blocks: Block[]; response_type?: string }> {
    const id = `r${++replies}`;
    const res = await sendCommand(ctx.app.url, slashCommand({ text, userId, channelId, responseUrl: fake.responseUrl(id) }));
    expect(res.status).toBe(200);
    const [reply] = await fake.waitFor(`response_url:${id}`);
    return reply!.args as { text: string; blocks: Block[]; response_type?: string };
  }
  const channelRow = () => ctx.database.db.schedule.findUnique({ where: { teamId_targetKey: { teamId: TEAM, targetKey: `channel:${CHANNEL}` } } });

  it("creates the channel schedule in the creator's Slack time zone and confirms what happens next", async () => {
    const reply = await stretch("schedule every 60m 09:00-17:00 mon-fri");
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toContain("All set");
    expect(reply.text).toMatch(/Next prompt: (today|tomorrow|\w{3} \d{1,2} \w{3}) \d\d:00 Europe\/Warsaw/);
    expect(await channelRow()).toMatchObject({ createdBy: ALICE, tz: "Europe/Warsaw", intervalMinutes: 60, windowStartMinute: 540, windowEndMinute: 1020, days: [1, 2, 3, 4, 5], active: true });
    expect(fake.callsOf("users.info").map((c) => c.args.user)).toContain(ALICE);
  });

  it("updates it, keeping the options not typed", async () => {
    const reply = await stretch("schedule every 30m area neck");
    expect(reply.text).toContain("Updated");
    expect(await channelRow()).toMatchObject({ intervalMinutes: 30, area: "neck", windowStartMinute: 540, tz: "Europe/Warsaw" });
    expect(await ctx.database.db.schedule.count({ where: { targetKey: `channel:${CHANNEL}` } })).toBe(1);
  });

  it("explains invalid options with the problem and an example, and changes nothing", async () => {
    const reply = await stretch("schedule every 60m at 10:00 tz Mars/Olympus");
    expect(reply.text).toContain("not both");
    expect(reply.text).toContain("`Mars/Olympus` isn't a time zone");
    expect(reply.text).toContain("For example: `/stretch schedule every 60m 09:00-17:00 mon-fri`");
    expect((await channelRow())!.intervalMinutes).toBe(30);
  });

  it("refuses someone who may not change the channel's schedule, naming who can; an admin may", async () => {
    const refused = await stretch("schedule every 15m", BOB);
    expect(refused.text).toContain(`Only <@${ALICE}>`);
    expect(refused.text).toContain("admins");
    expect((await channelRow())!.intervalMinutes).toBe(30);
    const byAdmin = await stretch("schedule every 45m", ADMIN);
    expect(byAdmin.text).toContain("Updated");
    expect(await channelRow()).toMatchObject({ intervalMinutes: 45, createdBy: ALICE });
  });

  it("a personal DM schedule takes the caller's own zone", async () => {
    const reply = await stretch("schedule dm every 90m 9am-5pm weekdays", BOB);
    expect(reply.text).toContain("by DM");
    expect(reply.text).toContain("America/New_York");
    const row = await ctx.database.db.schedule.findUniqueOrThrow({ where: { teamId_targetKey: { teamId: TEAM, targetKey: `dm:${BOB}` } } });
    expect(row).toMatchObject({ kind: "dm", userId: BOB, tz: "America/New_York", intervalMinutes: 90 });
  });

  it("/stretch schedule shows the schedules here with Edit, which opens the modal", async () => {
    const overview = await stretch("schedule");
    const row = (await channelRow())!;
    const edit = overview.blocks.map((b) => b.accessory).find((a) => a?.action_id === ActionId.scheduleEdit);
    expect(edit?.value).toBe(row.id);
    expect(JSON.stringify(overview.blocks)).toContain("every 45 min");

    const res = await sendInteraction(ctx.app.url, blockAction({ actionId: ActionId.scheduleEdit, value: edit!.value, userId: ALICE, isEphemeral: true, responseUrl: fake.responseUrl("edit") }));
    expect(res.status).toBe(200);
    const [open] = await fake.waitFor("views.open");
    expect(open!.args.trigger_id).toBeTruthy();
    const view = open!.args.view as SentModal;
    expect(view.callback_id).toBe(CallbackId.scheduleEditModal);
    const every = view.blocks.find((b) => b.block_id === ScheduleModalField.every)!;
    expect(every.element!.initial_value).toBe("45m");
  });

  it("Edit by someone who may not change it explains instead of opening the modal", async () => {
    const row = (await channelRow())!;
    await sendInteraction(ctx.app.url, blockAction({ actionId: ActionId.scheduleEdit, value: row.id, userId: BOB, isEphemeral: true, responseUrl: fake.responseUrl("edit-bob") }));
    const [reply] = await fake.waitFor("response_url:edit-bob");
    expect(String(reply!.args.text)).toContain(`Only <@${ALICE}>`);
    expect(fake.callsOf("views.open")).toHaveLength(0);
  });

  it("the modal answers bad input with per-field errors, then saves good input and confirms", async () => {
    const row = (await channelRow())!;
    await sendInteraction(ctx.app.url, blockAction({ actionId: ActionId.scheduleEdit, value: row.id, userId: ALICE, isEphemeral: true, responseUrl: fake.responseUrl("edit2") }));
    const [open] = await fake.waitFor("views.open");
    const view = open!.args.view as SentModal;

    const bad = await sendInteraction(
      ctx.app.url,
      viewSubmission(view, ALICE, {
        [ScheduleModalField.every]: { value: "often" },
        [ScheduleModalField.tz]: { value: "Europe/Warsow" },
        [ScheduleModalField.days]: { selected_options: [] },
      }),
    );
    expect(bad.status).toBe(200);
    const answer = bad.json as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe("errors");
    expect(Object.keys(answer.errors).sort()).toEqual([ScheduleModalField.days, ScheduleModalField.every, ScheduleModalField.tz].sort());
    expect(answer.errors[ScheduleModalField.tz]).toContain("Europe/Warsaw");
    expect((await channelRow())!.intervalMinutes).toBe(45);

    const good = await sendInteraction(
      ctx.app.url,
      viewSubmission(view, ALICE, {
        [ScheduleModalField.every]: { value: "" },
        [ScheduleModalField.times]: { value: "10:00, 15:30" },
        [ScheduleModalField.window]: { value: "" },
        [ScheduleModalField.tz]: { value: "america/new_york" },
      }),
    );
    expect(good.status).toBe(200);
    expect(good.text).toBe("");
    const [confirmation] = await fake.waitFor("chat.postEphemeral");
    expect(confirmation!.args).toMatchObject({ channel: CHANNEL, user: ALICE });
    expect(String(confirmation!.args.text)).toContain("America/New_York");
    expect(await channelRow()).toMatchObject({ intervalMinutes: null, times: ["10:00", "15:30"], tz: "America/New_York", windowStartMinute: 0, windowEndMinute: 1440 });
  });

  it("pause and resume hold and release my own DM prompts", async () => {
    const paused = await stretch("pause 2h", BOB);
    expect(paused.text).toContain("paused until");
    expect(paused.text).toContain("America/New_York");
    const member = await ctx.database.db.member.findUniqueOrThrow({ where: { teamId_userId: { teamId: TEAM, userId: BOB } } });
    expect(member.pausedUntil!.getTime() - Date.now()).toBeGreaterThan(110 * 60_000);
    const resumed = await stretch("resume", BOB);
    expect(resumed.text).toContain("on again");
    // The pause now ends at the resume (kept, so slots inside it are never posted later).
    const after = (await ctx.database.db.member.findUniqueOrThrow({ where: { teamId_userId: { teamId: TEAM, userId: BOB } } })).pausedUntil;
    expect(after!.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("pause channel is for those who manage the schedule", async () => {
    expect((await stretch("pause channel 1h", BOB)).text).toContain(`Only <@${ALICE}>`);
    expect((await channelRow())!.pausedUntil).toBeNull();
    expect((await stretch("pause channel today", ALICE)).text).toContain("for everyone");
    expect((await channelRow())!.pausedUntil).not.toBeNull();
    expect((await stretch("resume channel", ALICE)).text).toContain("running again");
    expect((await channelRow())!.pausedUntil).toBeNull();
  });

  it("turns the channel schedule off, and says so when there is nothing to turn off", async () => {
    expect((await stretch("schedule off", BOB)).text).toContain(`Only <@${ALICE}>`);
    const off = await stretch("schedule off", ALICE);
    expect(off.text).toContain("is off");
    expect((await channelRow())!.active).toBe(false);
    expect((await stretch("schedule off", ALICE)).text).toContain("was not running");
    const dmOff = await stretch("schedule dm off", BOB);
    expect(dmOff.text).toContain("Your personal DM schedule is off");
  });

  it("/stretch now posts a prompt here right away, with the Done button, and records it", async () => {
    const reply = await stretch("now");
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toMatch(/on its way/);
    const [post] = await fake.waitFor("chat.postMessage", (c) => c.args.channel === CHANNEL && JSON.stringify(c.args.blocks ?? "").includes(ActionId.promptDone));
    const prompt = await eventually(() => ctx.database.db.prompt.findFirst({ where: { teamId: TEAM, channelId: CHANNEL, status: "posted" } }));
    expect(prompt.messageTs).toBeTruthy();
    expect(JSON.stringify(post!.args.blocks)).toContain(prompt.id);
  });
});
