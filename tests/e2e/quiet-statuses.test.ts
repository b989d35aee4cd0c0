import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eventEnvelope, slashCommand } from "../helpers/fixtures.js";
import { currentQuarterSlot, zoneWhereItIsNoon } from "../helpers/local-noon.js";
import { sendCommand, sendEvent } from "../helpers/slack-requests.js";
import { eventually } from "../helpers/wait.js";
import { addMembers, createSchedule, TEAM } from "../helpers/factories.js";
import { useAppFixture } from "../helpers/app-fixture.js";

const MANAGER = "U0MANAGER1";

/** A Slack user object as user_status_changed / user_change / user_huddle_changed carry it. */
function slackUser(userId: string, p: { text?: string; emoji?: string; expiresInS?: number; huddle?: boolean; tz: string }) {
  return {
    id: userId,
    team_id: TEAM,
    name: userId.toLowerCase(),
    real_name: userId,
    tz: p.tz,
    deleted: false,
    is_bot: false,
    profile: {
      status_text: p.text ?? "",
      status_emoji: p.emoji ?? "",
      status_expiration: p.expiresInS ? Math.floor(Date.now() / 1000) + p.expiresInS : 0,
      huddle_state: p.huddle ? "in_a_huddle" : "default_unset",
      huddle_state_expiration_ts: 0,
      display_name: userId,
      real_name: userId,
    },
  };
}

describe("DM prompts wait for meetings, huddles and absences (Slack status)", () => {
  const ctx = useAppFixture("e2e_quiet_statuses", { env: { SLOT_CATCHUP_MINUTES: "0", RECONCILE_INTERVAL_SECONDS: "3600", PROMPT_SKIP_AWAY: "false", LOG_LEVEL: "debug" }, queues: true });
  const { fake } = ctx;
  const tz = zoneWhereItIsNoon();

  beforeAll(async () => {
    await addMembers(ctx.database.db, [{ userId: MANAGER, tz }]);
    await ctx.database.db.member.update({ where: { teamId_userId: { teamId: TEAM, userId: MANAGER } }, data: { isManager: true } });
  });
  beforeEach(() => fake.reset());

  let n = 0;
  /** A new person with a DM schedule every 15 minutes all day, in the zone where it is noon. */
  async function person(): Promise<{ userId: string; scheduleId: string }> {
    n += 1;
    const userId = `U0QUIET${String(n).padStart(3, "0")}`;
    await addMembers(ctx.database.db, [{ userId, tz }]);
    const scheduleId = await createSchedule(ctx.database.db, { kind: "dm", userId, tz, intervalMinutes: 15, windowStartMinute: 0, windowEndMinute: 1440 });
    return { userId, scheduleId };
  }
  const statusEvent = async (type: "user_status_changed" | "user_change" | "user_huddle_changed", user: Record<string, unknown>, eventTime = Math.floor(Date.now() / 1000)) => {
    const envelope = eventEnvelope(type === "user_change" ? "UserChange" : "UserStatusChanged", { event: { type, user, event_ts: `${eventTime}.000100` } });
    envelope.event_time = eventTime;
    const res = await sendEvent(ctx.app.url, envelope);
    expect(res.status).toBe(200);
  };
  const stored = (userId: string) => ctx.database.db.member.findUniqueOrThrow({ where: { teamId_userId: { teamId: TEAM, userId } } });
  const prompts = (scheduleId: string) => ctx.database.db.prompt.findMany({ where: { scheduleId } });
  const command = async (text: string, userId: string, id: string) => {
    await sendCommand(ctx.app.url, slashCommand({ text, userId, teamId: TEAM, responseUrl: fake.responseUrl(id) }));
    const [reply] = await fake.waitFor(`response_url:${id}`);
    return String(reply!.args.text ?? "");
  };

  it("a meeting with an expiry inside the window: the prompt waits and goes out when it ends", async () => {
    const { userId, scheduleId } = await person();
    await statusEvent("user_status_changed", slackUser(userId, { text: "In a meeting", emoji: ":spiral_calendar_pad:", expiresInS: 3, tz }));
    await eventually(async () => (await stored(userId)).statusText === "In a meeting");
    await ctx.queues.slot(TEAM, scheduleId, currentQuarterSlot());
    const deferred = await eventually(async () => (await prompts(scheduleId)).find((p) => p.status === "deferred"));
    expect(deferred.reason).toBe("meeting");
    expect(fake.callsOf("chat.postMessage").filter((c) => c.args.channel === userId)).toHaveLength(0);
    // The status expires (Slack clears it) and the prompt goes out, once.
    await eventually(async () => (await prompts(scheduleId)).find((p) => p.status === "posted"), 20_000);
    expect(fake.callsOf("chat.postMessage").filter((c) => c.args.channel === userId)).toHaveLength(1);
    expect(await ctx.database.db.promptHold.findUniqueOrThrow({ where: { promptId: deferred.id } })).toMatchObject({ reason: "meeting", outcome: "deferred", userId });
    // Their stats and schedule view say so.
    expect(await command("stats", userId, "held-stats")).toBeDefined();
    const statsReply = JSON.stringify(fake.callsOf("response_url:held-stats")[0]!.args);
    expect(statsReply).toContain("1 prompt waited for your meetings this week");
    await command("schedule", userId, "held-schedule");
    expect(JSON.stringify(fake.callsOf("response_url:held-schedule")[0]!.args)).toContain("1 prompt waited for your meetings this week");
  });

  it("out of office past the end of the working window: skipped with reason away_status", async () => {
    const { userId, scheduleId } = await person();
    await statusEvent("user_change", slackUser(userId, { text: "Na urlopie", emoji: ":palm_tree:", expiresInS: 14 * 3600, tz }));
    await eventually(async () => (await stored(userId)).statusEmoji === ":palm_tree:");
    await ctx.queues.runSlot(TEAM, scheduleId, currentQuarterSlot());
    const [prompt] = await prompts(scheduleId);
    expect(prompt).toMatchObject({ status: "skipped", reason: "away_status" });
    expect(fake.callsOf("chat.postMessage")).toHaveLength(0);
    expect(await ctx.database.db.promptHold.findUniqueOrThrow({ where: { promptId: prompt!.id } })).toMatchObject({ reason: "away_status", outcome: "skipped" });
    // Nobody asked Slack for DND: the stored status was enough.
    expect(fake.callsOf("dnd.teamInfo")).toHaveLength(0);
  });

  it("in a huddle (no end known): the prompt is deferred and looked at again later", async () => {
    const { userId, scheduleId } = await person();
    await statusEvent("user_huddle_changed", slackUser(userId, { huddle: true, tz }));
    await eventually(async () => (await stored(userId)).inHuddle);
    await ctx.queues.slot(TEAM, scheduleId, currentQuarterSlot());
    const deferred = await eventually(async () => (await prompts(scheduleId)).find((p) => p.status === "deferred"));
    expect(deferred.reason).toBe("huddle");
    // The worker records "deferred" just before BullMQ moves the job to delayed.
    const job = await eventually(async () => {
      const j = await ctx.queues.deliveries.getJob(`deliver|${deferred.id}`);
      return j && (await j.getState()) === "delayed" ? j : undefined;
    });
    // Removed, so the next tests' slots can wait for an idle queue.
    await job.remove();
  });

  it("status events out of order: an older 'In a meeting' does not undo a newer cleared status", async () => {
    const { userId, scheduleId } = await person();
    const t = Math.floor(Date.now() / 1000);
    await statusEvent("user_status_changed", slackUser(userId, { tz }), t);
    await eventually(async () => (await stored(userId)).statusEventAt !== null);
    await statusEvent("user_status_changed", slackUser(userId, { text: "In a meeting", emoji: ":calendar:", expiresInS: 1800, tz }), t - 60);
    // The older event was processed and ignored.
    await eventually(() => ctx.app.logs.lines.some((l) => l.includes(userId) && l.includes("older than the stored one")));
    expect((await stored(userId)).statusText).toBeNull();
    await ctx.queues.runSlot(TEAM, scheduleId, currentQuarterSlot());
    expect((await prompts(scheduleId))[0]).toMatchObject({ status: "posted" });
    // A newer one does apply.
    await statusEvent("user_status_changed", slackUser(userId, { text: "In a meeting", emoji: ":calendar:", expiresInS: 1800, tz }), t + 5);
    await eventually(async () => (await stored(userId)).statusText === "In a meeting");
  });

  it("the manager's list decides which statuses count", async () => {
    const { userId, scheduleId } = await person();
    expect(await command("quiet-statuses", MANAGER, "q1")).toContain("built-in list");
    const someone = (await person()).userId;
    expect(await command("quiet-statuses none", someone, "q2")).toContain("Only managers");
    expect(await command(`quiet-statuses meeting "focus time"`, MANAGER, "q3")).toContain("focus time");
    // "In a meeting" no longer counts; "Focus time" does.
    await statusEvent("user_status_changed", slackUser(userId, { text: "In a meeting", emoji: ":calendar:", expiresInS: 1800, tz }));
    await eventually(async () => (await stored(userId)).statusText === "In a meeting");
    await ctx.queues.runSlot(TEAM, scheduleId, currentQuarterSlot());
    expect((await prompts(scheduleId))[0]).toMatchObject({ status: "posted" });

    const other = await person();
    await statusEvent("user_status_changed", slackUser(other.userId, { text: "FOCUS TIME", expiresInS: 20 * 3600, tz }));
    await eventually(async () => (await stored(other.userId)).statusText === "FOCUS TIME");
    await ctx.queues.runSlot(TEAM, other.scheduleId, currentQuarterSlot());
    expect((await prompts(other.scheduleId))[0]).toMatchObject({ status: "skipped", reason: "meeting" });
    expect(await command("quiet-statuses default", MANAGER, "q4")).toContain("Back to the built-in list");
  });
});
