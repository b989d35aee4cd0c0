import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bootApp, type TestApp } from "../helpers/app.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { addMembers, createSchedule, ENGINE_TEAM as TEAM, EngineQueuesProbe, type PostArgs } from "../helpers/engine.js";
import { FakeSlack } from "../helpers/fake-slack.js";
import { slashCommand } from "../helpers/fixtures.js";
import { currentQuarterSlot, zoneWhereItIsNoon } from "../helpers/local-noon.js";
import { sendCommand } from "../helpers/slack-requests.js";

const ZOSIA = "U0ZOSIA001";
const MANAGER = "U0MANAGER2";
const CHANNEL = "C0POLSKI01";

describe("a Polish-speaking user's whole path", () => {
  const fake = new FakeSlack();
  let database: TestDatabase;
  let app: TestApp;
  let queues: EngineQueuesProbe;
  let replies = 0;
  const tz = zoneWhereItIsNoon();

  beforeAll(async () => {
    await fake.start();
    database = await createTestDatabase("e2e_polish");
    app = await bootApp({ fake, databaseUrl: database.url, env: { SLOT_CATCHUP_MINUTES: "0", RECONCILE_INTERVAL_SECONDS: "3600", PROMPT_SKIP_AWAY: "false" } });
    queues = new EngineQueuesProbe(app.config.REDIS_URL, app.config.QUEUE_PREFIX);
    await addMembers(database.db, [{ userId: MANAGER, tz }]);
    await database.db.member.update({ where: { teamId_userId: { teamId: TEAM, userId: MANAGER } }, data: { isManager: true } });
  });
  afterAll(async () => {
    await queues?.close();
    await app?.close();
    await database?.drop();
    await fake.stop();
  });
  beforeEach(() => {
    fake.reset();
    // Slack knows Zosia's language: users.info with include_locale says pl-PL.
    fake.on("users.info", (c) => ({ ok: true, user: { id: c.args.user, name: "zosia", tz, locale: c.args.include_locale ? "pl-PL" : undefined, profile: { display_name: "Zosia" } } }));
  });

  async function say(text: string, userId = ZOSIA): Promise<{ sync: string; async: () => Promise<string> }> {
    const id = `pl${++replies}`;
    const res = await sendCommand(app.url, slashCommand({ text, userId, teamId: TEAM, channelId: CHANNEL, responseUrl: fake.responseUrl(id) }));
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
    const scheduleId = await createSchedule(database.db, { kind: "dm", userId: ZOSIA, tz, intervalMinutes: 15, windowStartMinute: 0, windowEndMinute: 1440 });
    await queues.runSlot(TEAM, scheduleId, currentQuarterSlot());
    const dm = fake.callsOf("chat.postMessage").find((c) => c.args.channel === ZOSIA)!.args as unknown as PostArgs;
    const json = JSON.stringify(dm);
    expect(json).toContain("Czas na chwilę rozciągania");
    expect(json).toContain("Zrobione");
    expect(json).toContain("Po spotkaniu");
    expect(dm.text).toContain("Zareaguj na tę wiadomość");
    const stats = await (await say("statystyki")).async();
    expect(stats).toContain("Twoje statystyki rozciągania");
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
    const stored = await database.db.workspace.findUniqueOrThrow({ where: { teamId: TEAM } });
    expect(stored.defaultLanguage).toBe("pl");
    expect(await (await say("language en")).async()).toContain("Język przestrzeni roboczej mogą zmienić tylko");
  });
});
