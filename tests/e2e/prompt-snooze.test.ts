import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ActionId } from "../../src/bot/ids.js";

import { blockAction, slashCommand, TEAM } from "../helpers/fixtures.js";
import { sendCommand, sendInteraction } from "../helpers/slack-requests.js";
import { eventually } from "../helpers/wait.js";
import { addMembers } from "../helpers/factories.js";
import { useAppFixture } from "../helpers/app-fixture.js";
import type { PostArgs } from "../helpers/engine.js";

const CHANNEL = "C0SNOOZE01";
const ALICE = "U0ALICE001";
const BOB = "U0BOB00001";

describe("snooze choices and How to on a prompt", () => {
  const ctx = useAppFixture("e2e_snooze", { env: { SLOT_CATCHUP_MINUTES: "0", RECONCILE_INTERVAL_SECONDS: "3600", PROMPT_SKIP_AWAY: "false" }, queues: true });
  const { fake } = ctx;
  let replies = 0;
  let promptId = "";

  beforeAll(async () => {
    await addMembers(ctx.database.db, [{ userId: ALICE }, { userId: BOB, tz: "America/New_York", workStartMinute: 8 * 60 }], TEAM);
    fake.addUser({ id: ALICE, tz: "Europe/Warsaw" });
    await sendCommand(ctx.app.url, slashCommand({ text: "now", userId: ALICE, channelId: CHANNEL, responseUrl: fake.responseUrl("now") }));
    const [post] = await fake.waitFor("chat.postMessage", (c) => c.args.channel === CHANNEL, 1, 30_000);
    promptId = (post!.args as unknown as PostArgs).metadata!.event_payload.prompt_id;
  });
  beforeEach(() => fake.reset());

  async function press(actionId: string, value: string, userId: string): Promise<{ text: string }> {
    const id = `s${++replies}`;
    const res = await sendInteraction(ctx.app.url, blockAction({ actionId, value, userId, channelId: CHANNEL, responseUrl: fake.responseUrl(id) }));
    expect(res.status).toBe(200);
    const [reply] = await fake.waitFor(`response_url:${id}`);
    return reply!.args as { text: string };
  }
  const snoozeOf = (n: number) => eventually(() => ctx.database.db.prompt.findFirst({ where: { slotKey: `snooze:${promptId}:${BOB}:${n}` } }));
  /** Runs a delayed snoozed copy now and returns its DM. */
  async function deliverNow(id: string): Promise<PostArgs> {
    const job = await ctx.queues.deliveries.getJob(`deliver|${id}`);
    expect(await job!.getState()).toBe("delayed");
    await job!.promote();
    const [dm] = await fake.waitFor("chat.postMessage", (c) => c.args.channel === BOB && JSON.stringify(c.args).includes(id));
    await eventually(() => ctx.database.db.prompt.findFirst({ where: { id, status: "posted" } }));
    return dm!.args as unknown as PostArgs;
  }
  const ids = (post: PostArgs) => post.blocks.flatMap((b) => b.elements ?? []).map((e) => e.action_id).filter(Boolean);

  it("1 h, then tomorrow (the start of the next working day), then after my meeting; the third copy offers only Done and Skip", async () => {
    const t0 = Date.now();
    expect((await press(ActionId.promptSnoozeHour, promptId, BOB)).text).toContain("Snoozed");
    const first = await snoozeOf(1);
    expect(first.slotAt.getTime() - t0).toBeGreaterThan(59 * 60_000);
    expect(first.slotAt.getTime() - t0).toBeLessThan(61 * 60_000 + 30_000);
    const firstDm = await deliverNow(first.id);
    expect(ids(firstDm)).toContain(ActionId.promptSnoozeTomorrow);

    expect((await press(ActionId.promptSnoozeTomorrow, first.id, BOB)).text).toContain("Snoozed");
    const second = await snoozeOf(2);
    // 08:00 in New York on a later day.
    const local = new Intl.DateTimeFormat("en-GB", { timeZone: "America/New_York", hour: "2-digit", minute: "2-digit" }).format(second.slotAt);
    expect(local).toBe("08:00");
    expect(second.slotAt.getTime()).toBeGreaterThan(t0);
    await deliverNow(second.id);

    // No meeting known: "after my meeting" becomes an hour, and says why.
    const reply = await press(ActionId.promptSnoozeMeeting, second.id, BOB);
    expect(reply.text).toContain("made it an hour");
    expect(reply.text).toContain("last snooze");
    const third = await snoozeOf(3);
    const thirdDm = await deliverNow(third.id);
    expect(ids(thirdDm)).toEqual([ActionId.promptDone, ActionId.promptSkip]);
    // An old button on the last copy: a friendly no.
    expect((await press(ActionId.promptSnooze, third.id, BOB)).text).toContain("snoozed 3 times");
    expect(await ctx.database.db.prompt.count({ where: { slotKey: { startsWith: `snooze:${promptId}:${BOB}:` } } })).toBe(3);
  });

  it("after my meeting waits for the end of the meeting in the person's status", async () => {
    const ends = new Date(Date.now() + 40 * 60_000);
    await ctx.database.db.member.update({
      where: { teamId_userId: { teamId: TEAM, userId: ALICE } },
      data: { statusText: "In a meeting", statusEmoji: ":calendar:", statusExpiresAt: ends, statusEventAt: new Date() },
    });
    expect((await press(ActionId.promptSnoozeMeeting, promptId, ALICE)).text).toContain("Snoozed");
    const copy = await eventually(() => ctx.database.db.prompt.findFirst({ where: { slotKey: `snooze:${promptId}:${ALICE}:1` } }));
    expect(copy.slotAt.getTime()).toBe(ends.getTime() + 60_000);
  });

  it("How to opens a modal with the steps for the person who pressed it", async () => {
    const id = `h${++replies}`;
    await sendInteraction(ctx.app.url, blockAction({ actionId: ActionId.promptHowTo, value: promptId, userId: ALICE, channelId: CHANNEL, responseUrl: fake.responseUrl(id) }));
    const [open] = await fake.waitFor("views.open");
    const view = open!.args.view as { title: { text: string }; blocks: unknown[] };
    const prompt = await ctx.database.db.prompt.findUniqueOrThrow({ where: { id: promptId } });
    expect(view.title.text).toBe("How to stretch");
    expect(view.blocks.length).toBeGreaterThan(prompt.exerciseIds.length);
  });
});
