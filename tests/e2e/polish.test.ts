import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { ActionId } from "../../src/bot/ids.js";
import { blockAction, eventEnvelope, slashCommand } from "../helpers/fixtures.js";
import { currentQuarterSlot, zoneWhereItIsNoon } from "../helpers/local-noon.js";
import { sendCommand, sendEvent, sendInteraction } from "../helpers/slack-requests.js";
import { addMembers, createSchedule, TEAM } from "../helpers/factories.js";
import { useAppFixture } from "../helpers/app-fixture.js";
import type { PostArgs } from "../helpers/engine.js";

const ZOSIA = "U0ZOSIA001";
const MANAGER = "U0MANAGER2";
const CHANNEL = "C0POLSKI01";

describe("a Polish-speaking user's whole path", () => {
  const ctx = useAppFixture("e2e_polish", { env: { SLOT_CATCHUP_MINUTES: "0", RECONCILE_INTERVAL_SECONDS: "3600", PROMPT_SKIP_AWAY: "false" }, queues: true });
  const { fake } = ctx;
  let replies = 0;
  const tz = zoneWhereItIsNoon();

  beforeAll(async () => {
    await addMembers(ctx.database.db, [{ userId: MANAGER, tz }]);
    await ctx.database.db.member.update({ where: { teamId_userId: { teamId: TEAM, userId: MANAGER } }, data: { isManager: true } });
  });
  beforeEach(() => {
    fake.reset();
    // Slack knows Zosia's language: users.info with include_locale says pl-PL.
    fake.on("users.info", (c) => ({ ok: true, user: { id: c.args.user, name: "zosia", tz, locale: c.args.include_locale ? "pl-PL" : undefined, profile: { display_name: "Zosia" } } }));
  });

  async function say(text: string, userId = ZOSIA): Promise<{ sync: string; async: () => Promise<string> }> {
    const id = `pl${++replies}`;
    const res = await sendCommand(ctx.app.url, slashCommand({ text, userId, teamId: TEAM, channelId: CHANNEL, responseUrl: fake.responseUrl(id) }));
    return { sync: JSON.stringify(res.json ?? {}), async: async () => JSON.stringify((await fake.waitFor(`response_url:${id}`))[0]!.args) };
  }

  it("her Slack locale makes everything Polish: /stretch ustawienia, /stretch szyja, /stretch plecy 5 min, help", async () => {
    // First contact reads her profile (and locale) from Slack.
    expect(await (await say("ustawienia")).async()).toContain("pl-PL");
    const neck = (await say("szyja")).sync;
    expect(neck).toContain("Rozciąganie – szyja");
    expect(neck).toMatch(/Udostępnij na kanale/);
    expect(neck).toMatch(/minut|minuta|minuty|sekund/);
    const back = (await say("plecy 5 min")).sync;
    expect(back).toMatch(/górna część pleców|dolna część pleców/);
    expect(back).toContain("Ruszaj się łagodnie");
    expect((await say("pomoc")).sync).toContain("Polecenia przerwy na rozciąganie");
  });

  it("a scheduled prompt comes in Polish; /stretch statystyki answers in Polish", async () => {
    const scheduleId = await createSchedule(ctx.database.db, { kind: "dm", userId: ZOSIA, tz, intervalMinutes: 15, windowStartMinute: 0, windowEndMinute: 1440 });
    await ctx.queues.runSlot(TEAM, scheduleId, currentQuarterSlot());
    const dm = fake.callsOf("chat.postMessage").find((c) => c.args.channel === ZOSIA)!.args as unknown as PostArgs;
    const json = JSON.stringify(dm);
    expect(json).toContain("Czas na chwilę rozciągania");
    expect(json).toContain("Zrobione");
    expect(json).toContain("Po spotkaniu");
    expect(dm.text).toContain("Zareaguj na tę wiadomość");
    const stats = await (await say("statystyki")).async();
    expect(stats).toContain("Twoje statystyki rozciągania");
  });

  it("App Home, its buttons, the leaderboard and pause speak Polish to her", async () => {
    const opened = await sendEvent(ctx.app.url, eventEnvelope("AppHomeOpened", { teamId: TEAM, event: { type: "app_home_opened", user: ZOSIA, channel: `D${ZOSIA}`, tab: "home", event_ts: `${Date.now() / 1000}` } }));
    expect(opened.status).toBe(200);
    const [published] = await fake.waitFor("views.publish", (c) => c.args.user_id === ZOSIA);
    const home = JSON.stringify(published!.args.view);
    expect(home).toContain("Twoje przerwy na rozciąganie");
    expect(home).toContain("Ukryj mnie w rankingach");
    expect(home).toContain("Twoje ustawienia");
    expect(home).not.toContain("Your stretch breaks");

    await sendInteraction(ctx.app.url, { ...blockAction({ actionId: ActionId.homeLeaderboardVisibility, userId: ZOSIA, teamId: TEAM, responseUrl: fake.responseUrl("home") }), container: { type: "view", view_id: "V0HOME" } });
    const [again] = await fake.waitFor("views.publish", (c) => c.args.user_id === ZOSIA, 2).then((calls) => calls.slice(-1));
    expect(JSON.stringify(again!.args.view)).toContain("Pokazuj mnie w rankingach");

    expect(await (await say("leaderboard")).async()).toContain("Ranking rozciągania");
    expect(await (await say("pause 2h")).async()).toContain("Twoje przypomnienia w wiadomościach prywatnych są wstrzymane do");
    expect(await (await say("resume")).async()).toContain("Witaj z powrotem");
  });

  it("her own choice beats her Slack locale; a manager sets the workspace language for everyone else", async () => {
    expect(await (await say("me language en")).async()).toContain("English");
    expect((await say("neck")).sync).toContain("-minute");
    expect(await (await say("me language auto")).async()).toContain("Użyję języka z twojego Slacka");
    expect(await (await say("me avoid szyja")).async()).toContain("żadnych ćwiczeń na te obszary: szyja");
    expect((await say("szyja")).sync).toContain("Rozciąganie – szyja");

    // The manager (no Polish locale of their own… fake says pl-PL for everyone, so they choose en).
    await say("me language en", MANAGER).then((r) => r.async());
    expect(await (await say("language pl", MANAGER)).async()).toContain("workspace language is now");
    const stored = await ctx.database.db.workspace.findUniqueOrThrow({ where: { teamId: TEAM } });
    expect(stored.defaultLanguage).toBe("pl");
    expect(await (await say("language en")).async()).toContain("Język przestrzeni roboczej mogą zmienić tylko");
  });
});
