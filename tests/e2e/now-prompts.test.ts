import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TestApp } from "../helpers/app.js";
import type { TestDatabase } from "../helpers/db.js";
import { useEngineApp } from "../helpers/engine-app.js";
import type { RecordedCall } from "../helpers/fake-slack.js";
import { eventEnvelope, slashCommand, TEAM } from "../helpers/fixtures.js";
import { sendCommand, sendEvent } from "../helpers/slack-requests.js";
import { eventually } from "../helpers/wait.js";
import type { EngineQueuesProbe, PostArgs } from "../helpers/engine.js";

const CHANNEL = "C0NOWONLY1";
const ALICE = "U0NOWALICE";
const BOB = "U0NOWBOB01";
const CAROL = "U0NOWCAROL";
const DAVE = "U0NOWDAVE1"; // reacts, but Slack never listed him in the channel
const text = (call: RecordedCall | undefined) => JSON.stringify(call?.args.blocks ?? []) + String(call?.args.text ?? "");

/**
 * Ad-hoc prompts count (issue 8): `/stretch now` in a channel with no schedule reaches its
 * members (membership learned from Slack on the spot), reactions to it show on the leaderboard,
 * and the command is limited to one prompt on its way and STRETCH_NOW_PER_HOUR an hour.
 */
describe("/stretch now prompts count, within limits", () => {
  const ctx = useEngineApp("e2e_now", { env: { STRETCH_NOW_PER_HOUR: "2" } });
  const { fake } = ctx;
  let database: TestDatabase;
  let app: TestApp;
  let queues: EngineQueuesProbe;
  let replies = 0;
  beforeAll(() => {
    ({ database, app, queues } = ctx);
  });
  beforeEach(() => {
    for (const [id, tz] of [[ALICE, "Europe/Warsaw"], [BOB, "America/New_York"], [CAROL, "Asia/Kolkata"], [DAVE, "Europe/Warsaw"]] as const) fake.addUser({ id, tz });
    fake.channelMembers.set(CHANNEL, [ALICE, BOB, CAROL]);
  });

  async function reply(commandText: string, userId: string): Promise<RecordedCall> {
    const id = `r${++replies}`;
    const res = await sendCommand(app.url, slashCommand({ text: commandText, userId, channelId: CHANNEL, responseUrl: fake.responseUrl(id) }));
    expect(res.status).toBe(200);
    const [posted] = await fake.waitFor(`response_url:${id}`);
    return posted!;
  }
  const react = (userId: string, ts: string) =>
    sendEvent(app.url, eventEnvelope("ReactionAdded", {
      event: { type: "reaction_added", user: userId, reaction: "muscle", item: { type: "message", channel: CHANNEL, ts }, item_user: "U0BOTUSER", event_ts: `${(Date.now() / 1000).toFixed(6)}` },
    }));

  let first = { id: "", ts: "" };

  it("a /stretch now in a channel with no schedule reaches its members, and its completions are counted", async () => {
    expect(text(await reply("now", ALICE))).toContain("on its way");
    const [post] = await fake.waitFor("chat.postMessage", (c) => c.args.channel === CHANNEL);
    const id = (post!.args as unknown as PostArgs).metadata!.event_payload.prompt_id;
    const prompt = await eventually(() => database.db.prompt.findFirst({ where: { id, status: "posted" } }));
    first = { id, ts: prompt.messageTs! };
    const reached = await database.db.delivery.findMany({ where: { promptId: id }, orderBy: { userId: "asc" } });
    expect(reached.map((d) => d.userId)).toEqual([ALICE, BOB, CAROL].sort());

    await react(ALICE, first.ts);
    await react(BOB, first.ts);
    await eventually(async () => (await database.db.completion.count({ where: { promptId: id } })) === 2);
    const board = text(await reply("leaderboard", CAROL));
    expect(board).toContain("2 of 3 prompts done");
    expect(board).toContain("2 of 3 people joined in");
  });

  it("someone who completes a prompt without a Delivery row gets one", async () => {
    await react(DAVE, first.ts);
    await eventually(() => database.db.completion.findFirst({ where: { promptId: first.id, userId: DAVE } }));
    const delivery = await eventually(() => database.db.delivery.findFirst({ where: { promptId: first.id, userId: DAVE } }));
    expect(delivery.status).toBe("delivered");
    expect(text(await reply("leaderboard", CAROL))).toContain("3 of 4 prompts done");
  });

  it("an admin's workspace report counts the /stretch now prompt", async () => {
    fake.addUser({ id: "U0NOWADMIN", tz: "Europe/Warsaw", is_admin: true });
    const report = text(await reply("report", "U0NOWADMIN"));
    expect(report).toContain("Stretch participation report");
    expect(report).not.toContain("No stretch prompts reached");
  });

  it("one /stretch now on its way at a time, then STRETCH_NOW_PER_HOUR an hour, each refusal saying what to do", async () => {
    await queues.deliveries.pause();
    try {
      expect(text(await reply("now", BOB))).toContain("on its way");
      const second = text(await reply("now", CAROL));
      expect(second).toContain("already on its way");
      expect(await database.db.prompt.count({ where: { target: CHANNEL, status: "pending" } })).toBe(1);
    } finally {
      await queues.deliveries.resume();
    }
    await eventually(async () => (await database.db.prompt.count({ where: { target: CHANNEL, status: "posted" } })) === 2);
    // Two in the last hour (STRETCH_NOW_PER_HOUR=2): the third waits until the first is an hour old.
    const capped = text(await reply("now", ALICE));
    expect(capped).toContain("2 `/stretch now` prompts here in the last hour");
    expect(capped).toMatch(/You can ask again (today|tomorrow) \d\d:\d\d \(Europe\/Warsaw\)/);
    expect(await database.db.prompt.count({ where: { target: CHANNEL } })).toBe(2);
    expect(fake.callsOf("chat.postMessage").filter((c) => c.args.channel === CHANNEL)).toHaveLength(1);
  });
});
