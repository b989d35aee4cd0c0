import { beforeEach, describe, expect, it } from "vitest";
import { ActionId } from "../../src/bot/ids.js";
import { exerciseById } from "../../src/exercises/catalog.js";
import { TEST_BOT_TOKEN } from "../helpers/app.js";
import { blockAction, eventEnvelope, slashCommand, TEAM } from "../helpers/fixtures.js";
import { sendCommand, sendEvent, sendInteraction, TEST_SIGNING_SECRET } from "../helpers/slack-requests.js";
import { eventually } from "../helpers/wait.js";
import { useAppFixture } from "../helpers/app-fixture.js";

interface Reply {
  response_type?: string;
  text?: string;
  blocks?: Array<{ type: string; text?: { text: string }; elements?: Array<{ action_id?: string; value?: string }> }>;
}

const allText = (reply: Reply) => JSON.stringify(reply.blocks ?? []) + (reply.text ?? "");
const buttons = (reply: Reply) => (reply.blocks ?? []).flatMap((b) => b.elements ?? []).filter((e) => e.action_id);

describe("/stretch end to end", () => {
  const ctx = useAppFixture("e2e_stretch");
  const { fake } = ctx;
  beforeEach(() => fake.reset());

  const command = (text: string, extra: Partial<Parameters<typeof slashCommand>[0]> = {}) =>
    sendCommand(ctx.app.url, slashCommand({ text, responseUrl: fake.responseUrl("cmd"), ...extra }));

  it("answers /healthz and /readyz with Postgres and Redis checked", async () => {
    const health = await fetch(`${ctx.app.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${ctx.app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.text()).toBe("postgres: ok\nredis: ok\n");
  });

  it("/stretch neck answers ephemerally with a neck routine in the ack and records the request", async () => {
    const res = await command("neck", { userId: "U0NECKUSER" });
    expect(res.status).toBe(200);
    const reply = res.json as Reply;
    expect(reply.response_type).toBe("ephemeral");
    expect(allText(reply).toLowerCase()).toContain("neck");
    expect(buttons(reply).map((b) => b.action_id)).toEqual([ActionId.shareRoutine, ActionId.anotherRoutine]);

    const row = await eventually(() => ctx.database.db.routineRequest.findFirst({ where: { teamId: TEAM, userId: "U0NECKUSER" } }));
    expect(row.text).toBe("neck");
    expect(row.outcome).toBe("routine");
    expect(row.exerciseIds.length).toBeGreaterThan(0);
    expect(row.channelId).toBe("C0GENERAL1");
  });

  it("understands typos, aliases, durations and positions", async () => {
    for (const text of ["nek", "low back", "lumbar 5 min", "glutes", "seated 2m", "standing", "hips 300s", "NECK  5MIN"]) {
      const res = await command(text);
      expect(res.status, text).toBe(200);
      const reply = res.json as Reply;
      expect(buttons(reply).length, `routine for "${text}"`).toBe(2);
    }
  });

  it("/stretch <exercise name> shows one exercise in detail, /stretch list and /stretch help answer", async () => {
    const detail = (await command("calf raises")).json as Reply;
    expect(allText(detail).toLowerCase()).toContain("calf raise");
    const list = (await command("list")).json as Reply;
    expect(allText(list).toLowerCase()).toContain("lower back");
    const help = (await command("help")).json as Reply;
    expect(allText(help)).toContain("/stretch schedule");
  });

  it("gives hostile or odd input a helpful reply without echoing mentions", async () => {
    const inputs = ["x".repeat(4000), "🧘‍♀️🔥💥", "צוואר וכתפיים", "<script>alert(1)</script>", "'; DROP TABLE \"Member\"; --", "<!channel> hello", "banana"];
    for (const text of inputs) {
      const res = await command(text);
      expect(res.status, text.slice(0, 20)).toBe(200);
      const reply = res.json as Reply;
      const body = allText(reply);
      expect(body.length).toBeGreaterThan(20);
      expect(body).not.toContain("<!channel>");
      expect(body).not.toContain("<script>");
      expect(body).toContain("/stretch help");
    }
    expect(await ctx.database.db.member.count()).toBeGreaterThanOrEqual(0); // the table survived the injection attempt
  });

  it("refuses /stretch text over the cap before parsing it, stores nothing, and says what fits", async () => {
    const before = await ctx.database.db.routineRequest.count();
    const res = await command(`schedule every 60m tz ${"Europe/Warsaw".repeat(400)}`);
    expect(res.status).toBe(200);
    expect(allText(res.json as Reply)).toContain("at most 500 characters");
    expect(await ctx.database.db.routineRequest.count()).toBe(before);
    expect(await ctx.database.db.schedule.count({ where: { channelId: "C0GENERAL1" } })).toBe(0);
  });

  it("empty /stretch gives a quick whole-body routine", async () => {
    const reply = (await command("")).json as Reply;
    expect(buttons(reply).length).toBe(2);
  });

  it("'Another one' replaces the reply with a new routine for the same request", async () => {
    const first = (await command("shoulders")).json as Reply;
    const another = buttons(first).find((b) => b.action_id === ActionId.anotherRoutine)!;
    const res = await sendInteraction(
      ctx.app.url,
      blockAction({ actionId: ActionId.anotherRoutine, value: another.value, responseUrl: fake.responseUrl("another"), isEphemeral: true }),
    );
    expect(res.status).toBe(200);
    const [posted] = await fake.waitFor("response_url:another");
    expect(posted!.args.replace_original).toBe(true);
    expect(JSON.stringify(posted!.args.blocks).toLowerCase()).toContain("shoulder");
    const firstIds = JSON.parse(another.value!).ids as string[];
    const nextValue = (posted!.args.blocks as Reply["blocks"])!.flatMap((b) => b.elements ?? []).find((e) => e.action_id === ActionId.anotherRoutine)!.value!;
    expect(JSON.parse(nextValue).ids).not.toEqual(firstIds);
  });

  it("'Share with channel' posts the same routine publicly and confirms", async () => {
    const first = (await command("hips")).json as Reply;
    const share = buttons(first).find((b) => b.action_id === ActionId.shareRoutine)!;
    await sendInteraction(ctx.app.url, blockAction({ actionId: ActionId.shareRoutine, value: share.value, responseUrl: fake.responseUrl("share"), isEphemeral: true, userId: "U0SHARER01" }));
    const [post] = await fake.waitFor("chat.postMessage");
    expect(post!.token).toBe(TEST_BOT_TOKEN);
    expect(post!.args.channel).toBe("C0GENERAL1");
    expect(JSON.stringify(post!.args.blocks)).toContain("U0SHARER01");
    // The public copy shows exactly the exercises the sharer saw, in the same order.
    const names = (ids: string[]) => ids.map((id) => exerciseById(id)!.name);
    const publicText = JSON.stringify(post!.args.blocks);
    const positions = names(JSON.parse(share.value!).ids as string[]).map((name) => publicText.indexOf(name));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const [confirmation] = await fake.waitFor("response_url:share");
    expect(String(confirmation!.args.text)).toContain("Shared");
  });

  it("tells the person how to fix a share the channel refuses", async () => {
    fake.queue("chat.postMessage", { ok: false, error: "not_in_channel" });
    const first = (await command("neck")).json as Reply;
    const share = buttons(first).find((b) => b.action_id === ActionId.shareRoutine)!;
    await sendInteraction(ctx.app.url, blockAction({ actionId: ActionId.shareRoutine, value: share.value, responseUrl: fake.responseUrl("share2"), isEphemeral: true }));
    const [reply] = await fake.waitFor("response_url:share2");
    expect(String(reply!.args.text)).toContain("/invite");
  });

  it("rejects a bad signature and a stale timestamp with 401", async () => {
    const fields = slashCommand({ text: "neck", responseUrl: fake.responseUrl() });
    const bad = await sendCommand(ctx.app.url, fields, { secret: "not-the-secret-at-all" });
    expect(bad.status).toBe(401);
    const stale = await sendCommand(ctx.app.url, fields, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
  });

  it("acknowledges a signed but malformed event (no item) instead of answering 500", async () => {
    const envelope = eventEnvelope("ReactionAdded", { event: { user: "U0ALICE001", reaction: "muscle", item: null, item_user: "U0BOTUSER" } });
    const res = await sendEvent(ctx.app.url, envelope);
    expect(res.status).toBe(200);
    expect(ctx.app.logs.text).toContain("could not process a Slack request");
  });

  it("logs structured lines with request, team and user ids and never a secret", async () => {
    await command("neck", { userId: "U0LOGGED01" });
    const line = await eventually(() =>
      ctx.app.logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.userId === "U0LOGGED01" && l.msg === "/stretch"),
    );
    expect(line).toMatchObject({ teamId: TEAM, userId: "U0LOGGED01", subcommand: "routine", level: 30 });
    expect(line.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(ctx.app.logs.text).not.toContain(TEST_BOT_TOKEN);
    expect(ctx.app.logs.text).not.toContain(TEST_SIGNING_SECRET);
  });
});
