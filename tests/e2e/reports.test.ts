import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ActionId } from "../../src/bot/ids.js";
import type { RecordedCall } from "../helpers/fake-slack.js";
import { blockAction, eventEnvelope, slashCommand, TEAM } from "../helpers/fixtures.js";
import { sendCommand, sendEvent, sendInteraction } from "../helpers/slack-requests.js";
import { eventually } from "../helpers/wait.js";
import { addDays, localDate } from "../../src/time/zones.js";
import { ensureWorkspaceRow } from "../helpers/factories.js";
import { useAppFixture } from "../helpers/app-fixture.js";

const CHANNEL = "C0GENERAL1";
const ADMIN = "U0ADMIN001";
const ALICE = "U0ALICE001"; // the default command user: not an admin
const TEAMMATES = ["U0BOB00001", "U0CAT00001", "U0DAN00001"];
const HIDDEN = "U0HIDDEN01";
const ZONE = "Europe/Warsaw"; // FakeSlack's default user zone

const text = (call: RecordedCall | undefined) => JSON.stringify(call?.args.blocks ?? []) + String(call?.args.text ?? "");

describe("leaderboards, managers, reports, digest and App Home end to end", () => {
  const ctx = useAppFixture("e2e_reports");
  const { fake } = ctx;
  const today = localDate(new Date(), ZONE);

  /** A channel prompt with its deliveries and completions, as the engine and completions code store them. */
  async function seedPrompt(date: string, delivered: string[], completed: string[]): Promise<void> {
    const id = randomUUID();
    await ctx.database.db.prompt.create({
      data: { id, teamId: TEAM, slotKey: `e2e:${id}`, slotAt: new Date(`${date}T10:00:00Z`), target: CHANNEL, status: "posted", channelId: CHANNEL, messageTs: `1700000000.${id.slice(0, 6)}` },
    });
    await ctx.database.db.delivery.createMany({ data: delivered.map((userId) => ({ teamId: TEAM, promptId: id, userId, localDate: date })) });
    await ctx.database.db.completion.createMany({ data: completed.map((userId) => ({ teamId: TEAM, promptId: id, userId, channelId: CHANNEL, source: "reaction", localDate: date })) });
  }

  beforeAll(async () => {
    fake.addUser({ id: ADMIN, name: "Ada Admin", is_admin: true });
    for (const id of [ALICE, ...TEAMMATES, HIDDEN]) fake.addUser({ id });
    await ensureWorkspaceRow(ctx.database.db, TEAM);
    await ctx.database.db.member.create({ data: { teamId: TEAM, userId: HIDDEN, leaderboardHidden: true } });
    const everyone = [ALICE, ...TEAMMATES, HIDDEN];
    // Ten days of one prompt a day in #general: Alice always stretches, the hidden person most.
    for (let i = 9; i >= 0; i--) {
      const date = addDays(today, -i);
      await seedPrompt(date, everyone, [ALICE, HIDDEN, ...(i % 2 === 0 ? ["U0BOB00001"] : []), ...(i === 0 ? ["U0CAT00001"] : [])]);
    }
  });
  beforeEach(() => fake.reset());

  const command = (commandText: string, userId: string, responseId: string) =>
    sendCommand(ctx.app.url, slashCommand({ text: commandText, userId, channelId: CHANNEL, responseUrl: fake.responseUrl(responseId) }));

  /** Sends a command that acks empty, then returns what came through response_url. */
  async function reply(commandText: string, userId: string, responseId: string): Promise<RecordedCall> {
    const res = await command(commandText, userId, responseId);
    expect(res.status).toBe(200);
    const [posted] = await fake.waitFor(`response_url:${responseId}`);
    expect(posted!.args.response_type).toBe("ephemeral");
    return posted!;
  }

  it("/stretch leaderboard ranks the channel's people, never naming the private one", async () => {
    const board = text(await reply("leaderboard", ALICE, "lb1"));
    expect(board).toContain("1. <@U0ALICE001>");
    expect(board).toContain("10-day streak"); // every prompt day of the ten, however long the board's period
    expect(board).toContain("<@U0BOB00001>");
    expect(board).not.toContain(HIDDEN);
    expect(board).toContain("+ 1 person who keeps their stats private");
    expect(board).toContain("people joined in");
    expect(board).not.toContain("U0DAN00001"); // nobody is listed for doing nothing
  });

  it("/stretch leaderboard hide / show toggles the person's visibility", async () => {
    expect(text(await reply("leaderboard hide", "U0BOB00001", "hide"))).toContain("no longer appears");
    expect((await ctx.database.db.member.findUnique({ where: { teamId_userId: { teamId: TEAM, userId: "U0BOB00001" } } }))?.leaderboardHidden).toBe(true);
    const board = text(await reply("leaderboard month", ALICE, "lb2"));
    expect(board).not.toContain("U0BOB00001");
    expect(board).toContain("+ 2 people who keep their stats private");
    await reply("leaderboard show", "U0BOB00001", "show");
    expect((await ctx.database.db.member.findUnique({ where: { teamId_userId: { teamId: TEAM, userId: "U0BOB00001" } } }))?.leaderboardHidden).toBe(false);
  });

  it("/stretch leaderboard @group reads the group's members, and explains a missing scope", async () => {
    fake.on("usergroups.users.list", () => ({ ok: true, users: [ALICE, "U0BOB00001", "U0DAN00001"] }));
    const board = text(await reply("leaderboard <!subteam^S0ENGTEAM|@eng-team>", ALICE, "grp"));
    expect(fake.callsOf("usergroups.users.list")[0]!.args.usergroup).toBe("S0ENGTEAM");
    expect(board).toContain("@eng-team");
    expect(board).not.toContain("<!subteam");
    expect(board).toContain("<@U0ALICE001>");
    expect(board).not.toContain("U0CAT00001");

    fake.on("usergroups.users.list", () => ({ ok: false, error: "missing_scope", needed: "usergroups:read" }));
    expect(text(await reply("leaderboard <!subteam^S0ENGTEAM|@eng-team>", ALICE, "grp2"))).toContain("usergroups:read");
  });

  it("only admins may add managers; the list shows them", async () => {
    expect(text(await reply(`managers add <@${ALICE}|alice>`, "U0BOB00001", "m1"))).toContain("Only workspace admins");
    // Alice may have no Member row yet (nothing so far needed her profile): no row is no manager.
    expect((await ctx.database.db.member.findUnique({ where: { teamId_userId: { teamId: TEAM, userId: ALICE } } }))?.isManager ?? false).toBe(false);

    expect(text(await reply(`managers add <@${ALICE}|alice>`, ADMIN, "m2"))).toContain("is now a manager");
    expect((await ctx.database.db.member.findUnique({ where: { teamId_userId: { teamId: TEAM, userId: ALICE } } }))?.isManager).toBe(true);
    const list = text(await reply("managers list", "U0DAN00001", "m3"));
    expect(list).toContain(`<@${ALICE}> (manager)`);
    expect(list).toContain(`<@${ADMIN}> (admin)`);

    expect(text(await reply(`managers remove <@${ALICE}>`, ADMIN, "m4"))).toContain("no longer a manager");
    expect((await ctx.database.db.member.findUnique({ where: { teamId_userId: { teamId: TEAM, userId: ALICE } } }))?.isManager).toBe(false);
  });

  it("a non-manager asking for a report gets a polite refusal with no figures", async () => {
    for (const [i, ask] of ["report", `report <#${CHANNEL}|general> weeks 4`, "report export"].entries()) {
      const refusal = await reply(ask, "U0DAN00001", `refuse${i}`);
      expect(text(refusal)).toContain("for managers");
      expect(text(refusal)).not.toMatch(/\d+%|\d+ prompts/);
    }
    expect(fake.callsOf("files.getUploadURLExternal")).toHaveLength(0);
  });

  it("a manager gets the weekly report with trend, active people, prompts and median streak", async () => {
    const report = text(await reply("report weeks 3", ADMIN, "rep"));
    expect(report).toContain("Stretch participation report");
    expect(report).toContain("3 weeks");
    expect(report).toContain(`<#${CHANNEL}>`);
    expect(report).toMatch(/▇/);
    expect(report).toMatch(/\d+\/5 active/);
    expect(report).toContain("median streak");
    const one = text(await reply(`report <#${CHANNEL}|general>`, ADMIN, "rep2"));
    expect(one).toContain(`<#${CHANNEL}>`);
    // Each report is followed by its chart in the manager's DM (tests/e2e/charts checks the PNG).
    const charts = await fake.waitFor("files.getUploadURLExternal", (c) => String(c.args.filename).endsWith(".png"), 2, 30_000);
    expect(String(charts[0]!.args.alt_text)).toContain("#general");
    await fake.waitFor("files.completeUploadExternal", () => true, 2, 30_000);
  });

  it("/stretch report export uploads a CSV to the manager's DM with files.uploadV2", async () => {
    const confirmation = text(await reply("report export weeks 2", ADMIN, "exp"));
    expect(confirmation).toContain(".csv");
    const [open] = await fake.waitFor("conversations.open");
    expect(open!.args.users).toBe(ADMIN);
    // An earlier test's report may still be uploading its chart (PNG) to the same DM: pick the CSV.
    const [urlCall] = await fake.waitFor("files.getUploadURLExternal", (c) => String(c.args.filename).endsWith(".csv"));
    expect(String(urlCall!.args.filename)).toMatch(/^stretch-participation-.*\.csv$/);
    const [upload] = await fake.waitFor("/upload/F0FAKE", (c) => (c.raw ?? "").includes("week_start,"));
    // web-api posts the file as multipart/form-data: the CSV is the file part's content.
    const body = upload!.raw ?? "";
    const csv = body.slice(body.indexOf("week_start,"));
    expect(csv.split("\r\n")[0]).toBe("week_start,team_id,team_name,people,active_participants,prompts_delivered,completions,participation_rate_percent,median_current_streak_days");
    expect(csv).toContain(`,${CHANNEL},#general,5,`);
    const [complete] = await fake.waitFor("files.completeUploadExternal", (c) => JSON.stringify(c.args).includes("Stretch participation report"));
    expect(complete!.args.channel_id).toBe(`D${ADMIN.replace(/^U/, "")}`);
  });

  it("app_home_opened publishes Home with my stats, controls and (for managers) team trends", async () => {
    const open = (user: string) => sendEvent(ctx.app.url, eventEnvelope("AppHomeOpened", { event: { type: "app_home_opened", user, channel: `D${user}`, tab: "home", event_ts: `${Date.now() / 1000}` } }));
    expect((await open(ALICE)).status).toBe(200);
    const [published] = await fake.waitFor("views.publish", (c) => c.args.user_id === ALICE);
    const view = published!.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe("home");
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const home = JSON.stringify(view);
    expect(home).toContain("day streak");
    for (const id of [ActionId.homeDmScheduleToggle, ActionId.homeDmScheduleEdit, ActionId.homeSnoozeToday, ActionId.homeLeaderboardVisibility, ActionId.homeOptToggle]) expect(home).toContain(id);
    expect(home).not.toContain("Your teams this week");

    await open(ADMIN);
    const [adminHome] = await fake.waitFor("views.publish", (c) => c.args.user_id === ADMIN);
    expect(JSON.stringify(adminHome!.args.view)).toContain("Your teams this week");
    // One bar per week of the four; weeks before the first prompt show as "·".
    expect(JSON.stringify(adminHome!.args.view)).toMatch(/`[·▁▂▃▄▅▆▇█]{4}`/);
    expect(JSON.stringify(adminHome!.args.view)).toContain(`<#${CHANNEL}>`);
    // Without PUBLIC_URL there is nowhere Slack could fetch a chart from: text only, no image blocks.
    expect(JSON.stringify(adminHome!.args.view)).not.toContain('"type":"image"');
    expect(JSON.stringify(published!.args.view)).not.toContain('"type":"image"');

    // The Messages tab needs nothing published.
    fake.reset();
    await sendEvent(ctx.app.url, eventEnvelope("AppHomeOpened", { event: { type: "app_home_opened", user: ALICE, channel: `D${ALICE}`, tab: "messages" } }));
    await open("U0DAN00001");
    await fake.waitFor("views.publish", (c) => c.args.user_id === "U0DAN00001");
    expect(fake.callsOf("views.publish").filter((c) => c.args.user_id === ALICE)).toHaveLength(0);
  });

  it("Home buttons change the setting and republish Home", async () => {
    const press = (actionId: string, userId: string) => sendInteraction(ctx.app.url, { ...blockAction({ actionId, userId, responseUrl: fake.responseUrl("home") }), container: { type: "view", view_id: "V0HOME" } });
    await press(ActionId.homeLeaderboardVisibility, "U0CAT00001");
    const [after] = await fake.waitFor("views.publish", (c) => c.args.user_id === "U0CAT00001");
    expect(JSON.stringify(after!.args.view)).toContain("Show me on leaderboards");
    expect((await ctx.database.db.member.findUnique({ where: { teamId_userId: { teamId: TEAM, userId: "U0CAT00001" } } }))?.leaderboardHidden).toBe(true);

    await press(ActionId.homeSnoozeToday, "U0CAT00001");
    await fake.waitFor("views.publish", (c) => c.args.user_id === "U0CAT00001", 2);
    const snoozed = await ctx.database.db.member.findUnique({ where: { teamId_userId: { teamId: TEAM, userId: "U0CAT00001" } } });
    expect(snoozed!.pausedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(snoozed!.pausedUntil!.getTime() - Date.now()).toBeLessThanOrEqual(25 * 3600_000);

    await press(ActionId.homeDmScheduleToggle, "U0CAT00001");
    const schedule = await eventually(() => ctx.database.db.schedule.findFirst({ where: { teamId: TEAM, targetKey: "dm:U0CAT00001" } }));
    expect(schedule.active).toBe(true);
    const [third] = await fake.waitFor("views.publish", (c) => c.args.user_id === "U0CAT00001", 3);
    expect(JSON.stringify(fake.callsOf("views.publish").at(-1)!.args.view)).toContain("Turn DM reminders off");
    void third;

    await press(ActionId.homeOptToggle, "U0CAT00001");
    await fake.waitFor("views.publish", (c) => c.args.user_id === "U0CAT00001", 4);
    expect((await ctx.database.db.member.findUnique({ where: { teamId_userId: { teamId: TEAM, userId: "U0CAT00001" } } }))?.optedOut).toBe(true);

    await press(ActionId.homeDmScheduleEdit, "U0CAT00001");
    const [modal] = await fake.waitFor("views.open");
    expect(JSON.stringify(modal!.args.view)).toContain("Your personal stretch prompts");
  });

  it("the Monday digest reaches each manager once per week, at 09:00 in their zone", async () => {
    // The coming Monday, 09:05 in Warsaw: it reports on the current week, which has data.
    const daysToMonday = ((8 - new Date(`${today}T12:00:00Z`).getUTCDay()) % 7) || 7;
    const monday = addDays(today, daysToMonday);
    const at = (hhmm: string) => new Date(new Date(`${monday}T${hhmm}:00Z`).getTime() - warsawOffsetMs(monday));
    const digests = ctx.app.app.services.digests;

    expect((await digests.sendDueDigests(at("08:50"))).due).toBe(0);
    const run = await digests.sendDueDigests(at("09:05"));
    expect(run.sent).toBeGreaterThanOrEqual(1);
    const [dm] = await fake.waitFor("chat.postMessage", (c) => c.args.channel === `D${ADMIN.replace(/^U/, "")}`);
    expect(text(dm)).toContain("Your weekly stretch digest");
    expect(text(dm)).not.toContain(HIDDEN);

    const again = await digests.sendDueDigests(at("09:20"));
    expect(again.sent).toBe(0);
    expect(fake.callsOf("chat.postMessage").filter((c) => c.args.channel === `D${ADMIN.replace(/^U/, "")}`)).toHaveLength(1);
  });
});

/** Europe/Warsaw's UTC offset on a date, in ms (CET +1 h, CEST +2 h). */
function warsawOffsetMs(date: string): number {
  const noon = new Date(`${date}T12:00:00Z`);
  const local = new Date(noon.toLocaleString("en-US", { timeZone: "Europe/Warsaw" }));
  const utc = new Date(noon.toLocaleString("en-US", { timeZone: "UTC" }));
  return local.getTime() - utc.getTime();
}
