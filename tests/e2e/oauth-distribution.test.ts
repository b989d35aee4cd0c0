import { describe, expect, it } from "vitest";
import type { PostArgs } from "../helpers/engine.js";
import type { FakeSlack, RecordedCall } from "../helpers/fake-slack.js";
import type { TestDatabase } from "../helpers/db.js";
import { eventEnvelope, slashCommand } from "../helpers/fixtures.js";
import { sendCommand, sendEvent } from "../helpers/slack-requests.js";
import { installThroughOAuth, oauthEnv } from "../helpers/oauth.js";
import { eventually } from "../helpers/wait.js";
import { addMembers, createSchedule, joinChannel } from "../helpers/factories.js";
import { useAppFixture } from "../helpers/app-fixture.js";

const ALPHA = "T0ALPHA001";
const BRAVO = "T0BRAVO001";
const ROTA = "T0ROTATE01";
const ORG = "E0GRIDORG1";
const GRID_A = "T0GRIDA001";
const GRID_B = "T0GRIDB001";
const A_CHANNEL = "C0ALPHA001";
const B_CHANNEL = "C0BRAVO001";
const A_PEOPLE = ["U0ALPHA001", "U0ALPHA002"];
const B_PEOPLE = ["U0BRAVO001", "U0BRAVO002", "U0BRAVO003"];
const DAY_MS = 86_400_000;

/** Every row of every table of the app's schema, as text (to look for tokens stored in clear). */
async function wholeDatabaseText(database: TestDatabase): Promise<string> {
  const tables = await database.db.$queryRaw<Array<{ name: string }>>`SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public'`;
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = await database.db.$queryRawUnsafe<Array<{ row: string }>>(`SELECT row_to_json(t)::text AS row FROM "${name}" t`);
    parts.push(...rows.map((r) => r.row));
  }
  return parts.join("\n");
}

describe("OAuth distribution: many workspaces, each with its own sealed token", () => {
  const ctx = useAppFixture("e2e_oauth", {
    beforeBoot: (fake) => {
      fake.addWorkspace({ teamId: ALPHA, name: "Alpha Inc" });
      fake.addWorkspace({ teamId: BRAVO, name: "Bravo Ltd" });
      fake.addWorkspace({ teamId: ROTA, name: "Rotating Co" });
      fake.addWorkspace({ teamId: GRID_A, name: "Grid A", enterpriseId: ORG, enterpriseName: "Grid Org" });
      fake.addWorkspace({ teamId: GRID_B, name: "Grid B", enterpriseId: ORG, enterpriseName: "Grid Org" });
      for (const id of A_PEOPLE) fake.addUser({ id, team: ALPHA, is_admin: id === A_PEOPLE[0] });
      for (const id of B_PEOPLE) fake.addUser({ id, team: BRAVO, is_admin: id === B_PEOPLE[0] });
      fake.channelTeams.set(A_CHANNEL, ALPHA);
      fake.channelTeams.set(B_CHANNEL, BRAVO);
      fake.channelMembers.set(A_CHANNEL, A_PEOPLE);
      fake.channelMembers.set(B_CHANNEL, B_PEOPLE);
    },
    env: (fake) => ({ ...oauthEnv(fake), SLOT_CATCHUP_MINUTES: "0", RECONCILE_INTERVAL_SECONDS: "3600", DATA_RETENTION_DAYS: "30" }),
    queues: true,
  });
  const { fake } = ctx;

  const install = (teamId: string, options: Parameters<FakeSlack["authorizeCode"]>[1] = {}) => installThroughOAuth(ctx.app.url, fake, teamId, options);

  const command = (teamId: string, userId: string, channelId: string, text: string, responseId: string, extra: Record<string, string> = {}) =>
    sendCommand(ctx.app.url, { ...slashCommand({ text, userId, channelId, teamId, responseUrl: fake.responseUrl(responseId) }), ...extra });

  const promptIdOf = (call: RecordedCall) => (call.args as unknown as PostArgs).metadata!.event_payload.prompt_id;

  it("GET /slack/install shows an Add to Slack page that sends the browser to Slack with our client id, scopes and a state", async () => {
    const page = await fetch(`${ctx.app.url}/slack/install`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("Add to Slack");
    const href = new URL(/href="([^"]*oauth\/v2\/authorize[^"]*)"/.exec(html)![1]!.replaceAll("&amp;", "&"));
    expect(href.origin).toBe(new URL(fake.url).origin);
    expect(href.searchParams.get("client_id")).toBe(fake.clientId);
    expect(href.searchParams.get("scope")).toContain("chat:write");
    expect(href.searchParams.get("state")).toBeTruthy();
    expect(page.headers.get("set-cookie")).toContain("slack-app-oauth-state=");
  });

  it("a redirect whose state was not issued to this browser ends on a friendly failure page, and installs nothing", async () => {
    const code = fake.authorizeCode(ALPHA);
    const forged = await fetch(`${ctx.app.url}/slack/oauth_redirect?code=${code}&state=made-up`);
    expect(forged.status).toBe(400);
    const html = await forged.text();
    expect(html).toContain("was not installed");
    expect(html).toContain('href="/slack/install"');
    const cancelled = await fetch(`${ctx.app.url}/slack/oauth_redirect?error=access_denied&state=x`);
    expect(await cancelled.text()).toContain("cancelled");
    expect(await ctx.database.db.installation.count()).toBe(0);
  });

  it("two workspaces install through the real flow; the success page says what to do next", async () => {
    const alpha = await install(ALPHA);
    expect(alpha.status).toBe(200);
    expect(alpha.html).toContain("installed in Alpha Inc");
    expect(alpha.html).toContain("/invite @stretchbot");
    expect(alpha.html).toContain("/stretch help");
    expect(alpha.html).toContain(`slack://app?team=${ALPHA}&amp;id=${fake.appId}&amp;tab=home`);
    expect((await install(BRAVO)).status).toBe(200);
    const rows = await ctx.database.db.installation.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => r.id)).toEqual([`T:${ALPHA}`, `T:${BRAVO}`]);
    expect(rows.every((r) => r.botTokenKeyId === "k1")).toBe(true);
    const workspaces = await ctx.database.db.workspace.findMany({ where: { teamId: { in: [ALPHA, BRAVO] } } });
    expect(workspaces.map((w) => [w.teamId, w.name, w.active])).toEqual(
      expect.arrayContaining([
        [ALPHA, "Alpha Inc", true],
        [BRAVO, "Bravo Ltd", true],
      ]),
    );
  });

  it("prompts, completions and leaderboards stay inside their own workspace, each call on its own token", async () => {
    await addMembers(ctx.database.db, A_PEOPLE.map((userId) => ({ userId })), ALPHA);
    await addMembers(ctx.database.db, B_PEOPLE.map((userId) => ({ userId })), BRAVO);
    await joinChannel(ctx.database.db, A_CHANNEL, A_PEOPLE, ALPHA);
    await joinChannel(ctx.database.db, B_CHANNEL, B_PEOPLE, BRAVO);
    // The admins' profiles are read from Slack (users.info, with each workspace's token).
    await ctx.database.db.member.updateMany({ where: { userId: { in: [A_PEOPLE[0]!, B_PEOPLE[0]!] } }, data: { profileFetchedAt: null } });
    fake.reset();
    expect((await command(ALPHA, A_PEOPLE[0]!, A_CHANNEL, "now", "a-now")).status).toBe(200);
    expect((await command(BRAVO, B_PEOPLE[0]!, B_CHANNEL, "now", "b-now")).status).toBe(200);
    const [aPost] = await fake.waitFor("chat.postMessage", (c) => c.args.channel === A_CHANNEL && !c.refused);
    const [bPost] = await fake.waitFor("chat.postMessage", (c) => c.args.channel === B_CHANNEL && !c.refused);
    expect(aPost!.teamId).toBe(ALPHA);
    expect(bPost!.teamId).toBe(BRAVO);
    const aPrompt = await eventually(() => ctx.database.db.prompt.findFirst({ where: { id: promptIdOf(aPost!), status: "posted" } }));
    const bPrompt = await eventually(() => ctx.database.db.prompt.findFirst({ where: { id: promptIdOf(bPost!), status: "posted" } }));
    expect([aPrompt.teamId, bPrompt.teamId]).toEqual([ALPHA, BRAVO]);

    // Reactions: one in Alpha, all three in Bravo.
    const react = (teamId: string, user: string, channel: string, ts: string) =>
      sendEvent(ctx.app.url, eventEnvelope("ReactionAdded", { teamId, event: { type: "reaction_added", user, reaction: "white_check_mark", item: { type: "message", channel, ts }, item_user: fake.workspaces.get(teamId)!.botUserId } }));
    await react(ALPHA, A_PEOPLE[0]!, A_CHANNEL, aPrompt.messageTs!);
    for (const user of B_PEOPLE) await react(BRAVO, user, B_CHANNEL, bPrompt.messageTs!);
    await eventually(async () => (await ctx.database.db.completion.count({ where: { teamId: BRAVO } })) === 3);
    await eventually(async () => (await ctx.database.db.completion.count({ where: { teamId: ALPHA } })) === 1);
    expect(await ctx.database.db.completion.count({ where: { promptId: aPrompt.id, teamId: { not: ALPHA } } })).toBe(0);

    // Each workspace's leaderboard names its own people only.
    await command(ALPHA, A_PEOPLE[1]!, A_CHANNEL, "leaderboard", "a-lb");
    await command(BRAVO, B_PEOPLE[1]!, B_CHANNEL, "leaderboard", "b-lb");
    const [aBoard] = await fake.waitFor("response_url:a-lb");
    const [bBoard] = await fake.waitFor("response_url:b-lb");
    const aText = JSON.stringify(aBoard!.args);
    const bText = JSON.stringify(bBoard!.args);
    // Alpha has two people (totals only); Bravo three, all of whom stretched.
    expect(aText).toContain("1 of 2 people joined in");
    expect(bText).toContain("3 of 3 people joined in");
    expect(B_PEOPLE.some((u) => aText.includes(u))).toBe(false);
    for (const u of B_PEOPLE) expect(bText).toContain(u);
    expect(A_PEOPLE.some((u) => bText.includes(u))).toBe(false);

    // A manager's report in each workspace counts that workspace only.
    await command(ALPHA, A_PEOPLE[0]!, A_CHANNEL, "report", "a-rep");
    await command(BRAVO, B_PEOPLE[0]!, B_CHANNEL, "report", "b-rep");
    const aReport = JSON.stringify((await fake.waitFor("response_url:a-rep"))[0]!.args);
    const bReport = JSON.stringify((await fake.waitFor("response_url:b-rep"))[0]!.args);
    expect(aReport).toContain("*50%* → · 1/2 active · 2 prompts");
    expect(bReport).toContain("*100%* → · 3/3 active · 3 prompts");
    expect(fake.callsOf("users.info").map((c) => [c.args.user, c.teamId])).toEqual(
      expect.arrayContaining([
        [A_PEOPLE[0], ALPHA],
        [B_PEOPLE[0], BRAVO],
      ]),
    );

    // Not one call went out on the wrong token, or on none.
    expect(fake.calls.filter((c) => c.refused)).toEqual([]);
    for (const call of fake.calls.filter((c) => c.args.channel === A_CHANNEL || A_PEOPLE.includes(String(c.args.user)))) expect(call.teamId).toBe(ALPHA);
    for (const call of fake.calls.filter((c) => c.args.channel === B_CHANNEL || B_PEOPLE.includes(String(c.args.user)))) expect(call.teamId).toBe(BRAVO);
  });

  it("a token of another workspace is refused by the fake, so a crossing call could not pass unnoticed", async () => {
    const alphaToken = fake.liveTokens().find((t) => t.teamId === ALPHA)!.token;
    const res = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { authorization: `Bearer ${alphaToken}`, "content-type": "application/json" },
      body: JSON.stringify({ channel: B_CHANNEL, text: "hi" }),
    });
    expect(await res.json()).toEqual({ ok: false, error: "invalid_auth" });
  });

  it("tokens are not readable anywhere: not in the database, not in the logs", async () => {
    const everything = await wholeDatabaseText(ctx.database);
    expect(fake.everIssued.length).toBeGreaterThanOrEqual(2);
    for (const token of fake.everIssued) {
      expect(everything).not.toContain(token);
      expect(ctx.app.logs.text).not.toContain(token);
    }
    expect(everything).not.toContain("xoxb-");
    const health = await (await fetch(`${ctx.app.url}/healthz`)).text();
    expect(health).not.toContain("xox");
  });

  it("an expiring token is refreshed exactly once while 20 deliveries race for it", async () => {
    // Token rotation on, and the token expires in 10 minutes: inside the refresh window.
    expect((await install(ROTA, { rotation: true, expiresIn: 600 })).status).toBe(200);
    const people = Array.from({ length: 20 }, (_, i) => `U0ROT${String(i).padStart(5, "0")}`);
    for (const id of people) fake.addUser({ id, team: ROTA });
    fake.channelTeams.set("C0ROTATE01", ROTA);
    await addMembers(ctx.database.db, people.map((userId) => ({ userId, tz: "UTC" })), ROTA);
    await joinChannel(ctx.database.db, "C0ROTATE01", people, ROTA);
    const scheduleId = await createSchedule(ctx.database.db, { kind: "members", channelId: "C0ROTATE01", tz: "UTC", intervalMinutes: 15, windowStartMinute: 0, windowEndMinute: 1440 }, ROTA);
    fake.reset();
    const refreshesBefore = fake.refreshes;
    await ctx.queues.runSlot(ROTA, scheduleId, new Date(Math.floor(Date.now() / 900_000) * 900_000), 30_000);
    const posts = fake.callsOf("chat.postMessage").filter((c) => people.includes(String(c.args.channel)));
    expect(posts).toHaveLength(20);
    expect(fake.refreshes - refreshesBefore).toBe(1);
    expect(fake.calls.filter((c) => c.refused)).toEqual([]);
    // All 20 went out on the one refreshed token, which the database now holds (sealed).
    const used = new Set(posts.map((p) => p.token));
    expect(used.size).toBe(1);
    const live = fake.liveTokens().find((t) => t.token === [...used][0]);
    expect(live?.teamId).toBe(ROTA);
    const row = await ctx.database.db.installation.findUniqueOrThrow({ where: { id: `T:${ROTA}` } });
    expect(row.botTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 11 * 3600_000);
  });

  it("an org-wide install serves every workspace of the org, each with its own prompts", async () => {
    const res = await install(GRID_A, { orgWide: true });
    expect(res.status).toBe(200);
    expect(res.html).toContain("Grid Org");
    const row = await ctx.database.db.installation.findUniqueOrThrow({ where: { id: `E:${ORG}` } });
    expect(row).toMatchObject({ isEnterpriseInstall: true, teamId: null, enterpriseId: ORG });
    fake.addUser({ id: "U0GRIDA001", team: GRID_A });
    fake.addUser({ id: "U0GRIDB001", team: GRID_B });
    fake.channelTeams.set("C0GRIDA001", GRID_A);
    fake.channelTeams.set("C0GRIDB001", GRID_B);
    fake.reset();
    const org = { enterprise_id: ORG, enterprise_name: "Grid Org", is_enterprise_install: "true" };
    expect((await command(GRID_A, "U0GRIDA001", "C0GRIDA001", "now", "ga", org)).status).toBe(200);
    expect((await command(GRID_B, "U0GRIDB001", "C0GRIDB001", "now", "gb", org)).status).toBe(200);
    const [a] = await fake.waitFor("chat.postMessage", (c) => c.args.channel === "C0GRIDA001" && !c.refused);
    const [b] = await fake.waitFor("chat.postMessage", (c) => c.args.channel === "C0GRIDB001" && !c.refused);
    const prompts = await eventually(async () => {
      const rows = await ctx.database.db.prompt.findMany({ where: { id: { in: [promptIdOf(a!), promptIdOf(b!)] }, status: "posted" } });
      return rows.length === 2 ? rows : null;
    });
    expect(prompts.map((p) => p.teamId).sort()).toEqual([GRID_A, GRID_B]);
    const workspaces = await ctx.database.db.workspace.findMany({ where: { enterpriseId: ORG }, orderBy: { teamId: "asc" } });
    expect(workspaces.map((w) => w.teamId)).toEqual([GRID_A, GRID_B]);
    expect(fake.calls.filter((c) => c.refused)).toEqual([]);
  });

  it("uninstall deletes the tokens at once and stops schedules; the data goes only after the retention period; a reinstall keeps history", async () => {
    const scheduleId = await createSchedule(ctx.database.db, { kind: "channel", channelId: A_CHANNEL, tz: "UTC" }, ALPHA);
    const uninstall = () =>
      sendEvent(ctx.app.url, eventEnvelope("AppUninstalled", { teamId: ALPHA, event: { type: "app_uninstalled" } }));
    expect((await uninstall()).status).toBe(200);
    await eventually(async () => (await ctx.database.db.installation.count({ where: { id: `T:${ALPHA}` } })) === 0);
    await eventually(async () => (await ctx.database.db.schedule.findUniqueOrThrow({ where: { id: scheduleId } })).active === false);
    const completionsBefore = await ctx.database.db.completion.count({ where: { teamId: ALPHA } });
    expect(completionsBefore).toBeGreaterThan(0);
    // Workers cannot act for it any more: its token is gone, not merely unused.
    await expect(ctx.app.app.services.tokens.botToken(ALPHA)).rejects.toMatchObject({ data: { error: "not_installed" } });

    const purge = (afterDays: number) => ctx.app.app.services.installations.purgeExpired(new Date(Date.now() + afterDays * DAY_MS));
    expect(await purge(29)).toEqual({ workspaces: 0 });
    expect(await ctx.database.db.completion.count({ where: { teamId: ALPHA } })).toBe(completionsBefore);

    // Reinstalled within the period: history kept, workspace active again.
    expect((await install(ALPHA)).status).toBe(200);
    expect(await ctx.database.db.workspace.findUniqueOrThrow({ where: { teamId: ALPHA } })).toMatchObject({ active: true });
    expect(await purge(31)).toEqual({ workspaces: 0 });
    expect(await ctx.database.db.completion.count({ where: { teamId: ALPHA } })).toBe(completionsBefore);

    // Uninstalled again and never back: after the period every row of Alpha goes, Bravo's stay.
    expect((await uninstall()).status).toBe(200);
    await eventually(async () => (await ctx.database.db.installation.count({ where: { id: `T:${ALPHA}` } })) === 0);
    await eventually(async () => (await ctx.database.db.workspace.findUniqueOrThrow({ where: { teamId: ALPHA } })).active === false);
    const bravoCompletions = await ctx.database.db.completion.count({ where: { teamId: BRAVO } });
    expect(await purge(31)).toEqual({ workspaces: 1 });
    for (const table of ["Workspace", "Member", "Schedule", "ChannelMember", "Prompt", "Delivery", "Completion", "PromptReaction", "ProcessedEvent", "RoutineRequest"]) {
      const rows = await ctx.database.db.$queryRawUnsafe<Array<{ n: bigint }>>(`SELECT count(*) AS n FROM "${table}" WHERE "teamId" = $1`, ALPHA);
      expect(Number(rows[0]!.n), table).toBe(0);
    }
    expect(await ctx.database.db.completion.count({ where: { teamId: BRAVO } })).toBe(bravoCompletions);
    expect(await ctx.database.db.installation.count({ where: { id: `T:${BRAVO}` } })).toBe(1);
  });
});
