import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ActionId, CallbackId, ScheduleModalField } from "../../src/bot/ids.js";
import { addDays, localDate } from "../../src/time/zones.js";
import { blockAction, eventEnvelope, slashCommand } from "../helpers/fixtures.js";
import { currentQuarterSlot, zoneWhereItIsNoon } from "../helpers/local-noon.js";
import { sendCommand, sendEvent, sendInteraction } from "../helpers/slack-requests.js";
import { viewSubmission, type SentModal } from "../helpers/view-submission.js";
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

  it("the schedule modal, its problems and the confirmation are Polish; Edit by someone else is refused in Polish", async () => {
    // The manager was added without a Slack locale read: they choose Polish themselves.
    expect(await (await say("me language pl", MANAGER)).async()).toContain("po polsku");
    const saved = await (await say("schedule every 60m 09:00-17:00 mon-fri", MANAGER)).async();
    expect(saved).toContain(`Będę wysyłać przypomnienie o rozciąganiu na <#${CHANNEL}>`);
    expect(saved).toContain("pon.–pt.");
    expect(saved).toMatch(/Następne przypomnienie: (dziś|jutro|\S+ \d+ \S+) o \d\d:\d\d/);
    expect(saved).not.toMatch(/Next prompt|every day|Mon–Fri/);
    const bad = await (await say("schedule every 25h banan", MANAGER)).async();
    expect(bad).toContain("Nie udało mi się ustawić tego harmonogramu");
    expect(bad).toMatch(/Odstęp musi wynosić od \d+ minut do 24 godzin; `every 1500m` nie mieści się w tym zakresie/);
    expect(bad).toContain("Nie rozumiem `banan`");

    const row = await ctx.database.db.schedule.findUniqueOrThrow({ where: { teamId_targetKey: { teamId: TEAM, targetKey: `channel:${CHANNEL}` } } });
    await sendInteraction(ctx.app.url, blockAction({ actionId: ActionId.scheduleEdit, value: row.id, userId: MANAGER, teamId: TEAM, channelId: CHANNEL, isEphemeral: true, responseUrl: fake.responseUrl("edit") }));
    const [open] = await fake.waitFor("views.open");
    const view = open!.args.view as SentModal;
    expect(view.callback_id).toBe(CallbackId.scheduleEditModal);
    const modal = JSON.stringify(view);
    expect(view.title.text).toBe("Harmonogram rozciągania");
    for (const label of ["Co ile", "Albo o stałych godzinach", "Strefa czasowa", "Obszar ciała", "Tylko ćwiczenia na siedząco", "pon.", "Zapisz"]) expect(modal).toContain(label);
    expect(modal).not.toMatch(/"(Every|Days|Time zone|Body area|Save|Cancel)"/);

    const refused = await sendInteraction(ctx.app.url, viewSubmission(view, MANAGER, { [ScheduleModalField.every]: { value: "często" }, [ScheduleModalField.tz]: { value: "Europe/Warsow" }, [ScheduleModalField.days]: { selected_options: [] } }, TEAM));
    const errors = (refused.json as { errors: Record<string, string> }).errors;
    expect(errors[ScheduleModalField.every]).toContain("Podaj odstęp w minutach albo godzinach");
    expect(errors[ScheduleModalField.tz]).toBe("Nie znam tej strefy czasowej. Może chodzi o Europe/Warsaw?");
    expect(errors[ScheduleModalField.days]).toBe("Zaznacz co najmniej jeden dzień.");

    const good = await sendInteraction(ctx.app.url, viewSubmission(view, MANAGER, { [ScheduleModalField.every]: { value: "90m" } }, TEAM));
    expect(good.status).toBe(200);
    const [confirmation] = await fake.waitFor("chat.postEphemeral", (c) => c.args.user === MANAGER);
    expect(String(confirmation!.args.text)).toContain("Zmienione. Będę wysyłać przypomnienie o rozciąganiu");
    expect(String(confirmation!.args.text)).toContain("co 90 min");
    expect(String(confirmation!.args.text)).toContain("Następne przypomnienie");

    // Zosia did not set it up and is no manager: Edit explains, in Polish, who may change it.
    await sendInteraction(ctx.app.url, blockAction({ actionId: ActionId.scheduleEdit, value: row.id, userId: ZOSIA, teamId: TEAM, channelId: CHANNEL, isEphemeral: true, responseUrl: fake.responseUrl("edit-zosia") }));
    const [no] = await fake.waitFor("response_url:edit-zosia");
    expect(String(no!.args.text)).toContain(`może zmienić tylko <@${MANAGER}>`);
    expect(fake.callsOf("views.open")).toHaveLength(1);
  });

  it("a manager's report, its weekly table and its chart are Polish", async () => {
    const today = localDate(new Date(), tz);
    const people = [ZOSIA, "U0PL000002", "U0PL000003", "U0PL000004"];
    for (let i = 6; i >= 0; i--) {
      const date = addDays(today, -i);
      const id = randomUUID();
      await ctx.database.db.prompt.create({ data: { id, teamId: TEAM, slotKey: `e2e:${id}`, slotAt: new Date(`${date}T10:00:00Z`), target: CHANNEL, status: "posted", channelId: CHANNEL, messageTs: `1700000000.${id.slice(0, 6)}` } });
      await ctx.database.db.delivery.createMany({ data: people.map((userId) => ({ teamId: TEAM, promptId: id, userId, localDate: date })) });
      await ctx.database.db.completion.createMany({ data: people.slice(0, 2 + (i % 2)).map((userId) => ({ teamId: TEAM, promptId: id, userId, channelId: CHANNEL, source: "reaction", localDate: date })) });
    }
    const report = await (await say("report weeks 3", MANAGER)).async();
    expect(report).toContain("Raport udziału w rozciąganiu");
    expect(report).toContain("3 tygodnie");
    expect(report).toContain("*Razem*");
    expect(report).toContain("Tydzień");
    expect(report).toMatch(/\d+\/\d+ aktywnych · \d+ przypomnie(ń|nia|nie)/);
    expect(report).not.toMatch(/Total|Week of|active ·|median streak/);
    // The chart follows in the manager's DM, titled and described in Polish.
    const [upload] = await fake.waitFor("files.completeUploadExternal", (c) => JSON.stringify(c.args).includes("Udział tydzień po tygodniu"));
    expect(JSON.stringify(upload!.args)).not.toContain("Weekly participation");

    // The Monday digest, 09:05 in the manager's zone on the coming Monday, is Polish too.
    const monday = DateTime.fromISO(today, { zone: tz }).plus({ weeks: 1 }).set({ weekday: 1, hour: 9, minute: 5 });
    const run = await ctx.app.app.services.digests.sendDueDigests(monday.toJSDate());
    expect(run.sent).toBeGreaterThanOrEqual(1);
    const [digest] = await fake.waitFor("chat.postMessage", (c) => JSON.stringify(c.args).includes("Twoje cotygodniowe podsumowanie rozciągania"));
    const body = JSON.stringify(digest!.args);
    expect(body).toMatch(/Zeszły tydzień \(\d+ \S+ – \d+ \S+\)/);
    expect(body).toContain("*Razem*");
    expect(body).not.toMatch(/Your weekly stretch digest|Total|Week of|median streak/);
    await fake.waitFor("files.completeUploadExternal", (c) => JSON.stringify(c.args).includes("Udział twoich zespołów w ostatnich 8 tygodniach"));
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
