import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ActionId } from "../../src/bot/ids.js";
import { exerciseById, EXERCISES } from "../../src/exercises/catalog.js";

import { blockAction, eventEnvelope, loadFixture, slashCommand } from "../helpers/fixtures.js";
import { currentQuarterSlot, zoneWhereItIsNoon } from "../helpers/local-noon.js";
import { sendCommand, sendEvent, sendInteraction } from "../helpers/slack-requests.js";
import { eventually } from "../helpers/wait.js";
import { addMembers, createSchedule, TEAM, insertPostedPrompt } from "../helpers/factories.js";
import { useAppFixture } from "../helpers/app-fixture.js";
import type { PostArgs } from "../helpers/engine.js";

const ANNA = "U0ANNA0001";
const CHANNEL = "C0PREFS001";

describe("each person shapes their prompts (/stretch me)", () => {
  const ctx = useAppFixture("e2e_personal_settings", { env: { SLOT_CATCHUP_MINUTES: "0", RECONCILE_INTERVAL_SECONDS: "3600", PROMPT_SKIP_AWAY: "false" }, queues: true });
  const { fake } = ctx;
  let replies = 0;
  const tz = zoneWhereItIsNoon();

  beforeAll(async () => {
    await addMembers(ctx.database.db, [{ userId: ANNA, tz }]);
  });
  beforeEach(() => {
    fake.reset();
    fake.addUser({ id: ANNA, tz });
  });

  async function me(text: string, channelId = CHANNEL): Promise<string> {
    const id = `me${++replies}`;
    await sendCommand(ctx.app.url, slashCommand({ text, userId: ANNA, teamId: TEAM, channelId, responseUrl: fake.responseUrl(id) }));
    const [reply] = await fake.waitFor(`response_url:${id}`);
    return JSON.stringify(reply!.args);
  }
  const member = () => ctx.database.db.member.findUniqueOrThrow({ where: { teamId_userId: { teamId: TEAM, userId: ANNA } } });
  const worksNeck = (ids: string[]) => ids.some((id) => exerciseById(id)?.areas.includes("neck"));
  /** Every exercise name that works the neck (Neck Rolls, Shoulder Shrugs…). */
  const NECK_NAMES = new RegExp(EXERCISES.filter((e) => e.areas.includes("neck")).map((e) => e.name).join("|"));

  it("shows the settings and confirms each change in plain words", async () => {
    expect(await me("me")).toContain("Your stretch settings");
    expect(await me("me avoid neck")).toContain("no exercises for neck");
    expect(await me("me seated on")).toContain("only exercises you can do sitting down");
    expect(await me("me intensity gentle")).toContain("Gentle it is");
    expect(await me("me prompts full")).toContain("every step in full");
    expect(await me("me hours 08:30-16:30")).toContain("08:30–16:30");
    expect(await me("me days mon-thu")).toContain("Mon–Thu");
    expect(await me("me elbows please")).toContain("Example");
    expect(await member()).toMatchObject({ avoidAreas: ["neck"], seatedOnly: true, intensity: "gentle", promptStyle: "full", workStartMinute: 510, workEndMinute: 990, workDays: [1, 2, 3, 4] });
  });

  it("the routine builder respects it: /stretch neck, a DM prompt, and Another routine on a channel prompt", async () => {
    const id = `r${++replies}`;
    const res = await sendCommand(ctx.app.url, slashCommand({ text: "neck", userId: ANNA, teamId: TEAM, channelId: CHANNEL, responseUrl: fake.responseUrl(id) }));
    const answer = JSON.stringify(res.json);
    expect(answer).toContain("🧘");
    expect(answer).not.toMatch(NECK_NAMES);

    const scheduleId = await createSchedule(ctx.database.db, { kind: "dm", userId: ANNA, tz, intervalMinutes: 15, windowStartMinute: 0, windowEndMinute: 1440, area: "neck" });
    await ctx.queues.runSlot(TEAM, scheduleId, currentQuarterSlot());
    const prompt = await ctx.database.db.prompt.findFirstOrThrow({ where: { scheduleId } });
    expect(prompt.status).toBe("posted");
    expect(worksNeck(prompt.exerciseIds)).toBe(false);
    expect(prompt.exerciseIds.every((x) => exerciseById(x)!.positions.includes("seated") && exerciseById(x)!.kind !== "strength")).toBe(true);
    // Full prompts: the steps are inline.
    const dm = fake.callsOf("chat.postMessage").find((c) => c.args.channel === ANNA)!.args as unknown as PostArgs;
    expect(JSON.stringify(dm.blocks)).toContain(exerciseById(prompt.exerciseIds[0]!)!.steps[0]!.slice(0, 25));

    const channelPrompt = await insertPostedPrompt(ctx.database.db, { teamId: TEAM, channelId: CHANNEL, area: "neck", exerciseIds: ["neck-rolls"] });
    const rid = `a${++replies}`;
    await sendInteraction(ctx.app.url, blockAction({ actionId: ActionId.promptAnother, value: channelPrompt.id, userId: ANNA, channelId: CHANNEL, teamId: TEAM, responseUrl: fake.responseUrl(rid) }));
    const [another] = await fake.waitFor(`response_url:${rid}`);
    expect(JSON.stringify(another!.args)).not.toMatch(NECK_NAMES);
  });

  it("a time zone override survives Slack's user_change; auto goes back to Slack's", async () => {
    expect(await me("me tz Asia/Tokyo")).toContain("Asia/Tokyo");
    const user = { id: ANNA, team_id: TEAM, name: "anna", tz: "America/Denver", profile: { status_text: "", status_emoji: "", status_expiration: 0, display_name: "Anna" } };
    await sendEvent(ctx.app.url, eventEnvelope("UserChange", { event: { type: "user_change", user, event_ts: `${Math.floor(Date.now() / 1000)}.000200` } }));
    await eventually(async () => (await member()).displayName === "Anna");
    expect((await member()).tz).toBe("Asia/Tokyo");
    fake.addUser({ id: ANNA, tz: "America/Denver" });
    expect(await me("me tz auto")).toContain("follows Slack again");
    expect(await member()).toMatchObject({ tz: "America/Denver", tzOverride: null });
  });

  it("frequency sets their own DM schedule", async () => {
    expect(await me("me every 90m", "D0ANNADM01")).toContain("every 90 minutes");
    const s = await ctx.database.db.schedule.findFirstOrThrow({ where: { teamId: TEAM, targetKey: `dm:${ANNA}` } });
    expect(s.intervalMinutes).toBe(90);
    expect(await me("me")).toContain("every 90 min");
  });

  it("App Home: settings with buttons, and a modal whose Save is confirmed in plain words", async () => {
    const press = async (actionId: string) => {
      fake.reset();
      await sendInteraction(ctx.app.url, blockAction({ actionId, value: actionId, userId: ANNA, teamId: TEAM, channelId: "D0ANNADM01", responseUrl: fake.responseUrl(`h${++replies}`) }));
    };
    await press(ActionId.homeSeatedToggle);
    const [published] = await fake.waitFor("views.publish");
    expect(JSON.stringify(published!.args)).toContain("Your settings");
    expect((await member()).seatedOnly).toBe(false);

    await press(ActionId.homeSettingsEdit);
    const [opened] = await fake.waitFor("views.open");
    const modal = opened!.args.view as { callback_id: string; blocks: Array<{ block_id: string }> };
    expect(modal.callback_id).toBe("personal_settings_modal");

    const submit = async (values: Record<string, Record<string, unknown>>) => {
      const sample = loadFixture<Record<string, unknown>>("app-backend/views/ViewSubmissionPayload.json");
      const payload = {
        ...sample,
        type: "view_submission",
        team: { id: TEAM, domain: "acme" },
        user: { id: ANNA, username: "anna", name: "anna", team_id: TEAM },
        api_app_id: "A0STRETCH1",
        token: "legacy-verification-token",
        view: { ...(sample.view as object), id: "V0PREFS", team_id: TEAM, type: "modal", callback_id: modal.callback_id, blocks: modal.blocks, state: { values }, private_metadata: "" },
      };
      for (const key of ["enterprise", "is_enterprise_install"]) delete (payload as Record<string, unknown>)[key];
      return sendInteraction(ctx.app.url, payload);
    };
    const bad = await submit({ hours: { hours: { type: "plain_text_input", value: "whenever" } } });
    expect(JSON.stringify(bad.json)).toContain("errors");
    fake.reset();
    const ok = await submit({
      hours: { hours: { type: "plain_text_input", value: "07:00-15:00" } },
      avoid: { avoid: { type: "multi_static_select", selected_options: [{ value: "lower back" }] } },
      language: { language: { type: "static_select", selected_option: { value: "pl" } } },
    });
    expect(ok.status).toBe(200);
    const [dm] = await fake.waitFor("chat.postMessage", (c) => c.args.channel === ANNA);
    // She chose Polish in the same form: the confirmation already speaks it.
    expect(String(dm!.args.text)).toContain("Zapisano twoje ustawienia");
    expect(String(dm!.args.text)).toContain("07:00–15:00");
    expect(String(dm!.args.text)).toContain("dolna część pleców");
    expect(await member()).toMatchObject({ workStartMinute: 420, workEndMinute: 900, avoidAreas: ["lower back"], language: "pl" });
    await fake.waitFor("views.publish");
  });
});
