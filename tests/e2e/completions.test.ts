import { beforeEach, describe, expect, it } from "vitest";
import { ActionId } from "../../src/bot/ids.js";
import { blockAction, eventEnvelope, slashCommand, TEAM } from "../helpers/fixtures.js";
import { sendCommand, sendEvent, sendInteraction } from "../helpers/slack-requests.js";
import { eventually } from "../helpers/wait.js";
import { daysAgo, insertDeliveries, insertPostedPrompt, insertStreakHistory } from "../helpers/factories.js";
import { useAppFixture } from "../helpers/app-fixture.js";

const BOT_USER = "U0BOTUSER";
const CHANNEL = "C0GENERAL1";

interface Reply {
  text?: string;
  blocks?: Array<{ type: string; elements?: Array<{ action_id?: string; style?: string }> }>;
}

describe("completions, streaks and privacy end to end", () => {
  // debug: the reaction listeners log each event's outcome at debug level; the tests read it.
  const ctx = useAppFixture("e2e_completions", { env: { LOG_LEVEL: "debug" } });
  const { fake } = ctx;
  beforeEach(() => fake.reset());

  const reactionEvent = (kind: "Added" | "Removed", input: { userId: string; ts: string; channel?: string; reaction?: string; teamId?: string; eventId?: string }) =>
    eventEnvelope(`Reaction${kind}`, {
      teamId: input.teamId ?? TEAM,
      ...(input.eventId ? { eventId: input.eventId } : {}),
      event: {
        type: `reaction_${kind.toLowerCase()}`,
        user: input.userId,
        reaction: input.reaction ?? "muscle",
        item: { type: "message", channel: input.channel ?? CHANNEL, ts: input.ts },
        item_user: BOT_USER,
        event_ts: `${(Date.now() / 1000).toFixed(6)}`,
      },
    });
  /** The outcome the listener logged for an event (debug line "reaction_added"/"reaction_removed"). */
  const outcomeOf = (eventId: string, nth = 1) =>
    eventually(() => {
      const lines = ctx.app.logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.eventId === eventId && typeof l.outcome === "string");
      return lines.length >= nth ? (lines[nth - 1]!.outcome as string) : undefined;
    });
  const command = (text: string, userId: string, responseId: string) =>
    sendCommand(ctx.app.url, slashCommand({ text, userId, responseUrl: fake.responseUrl(responseId) }));

  it("a signed reaction_added completes a prompt once, even when Slack retries it", async () => {
    const prompt = await insertPostedPrompt(ctx.database.db, { teamId: TEAM, channelId: CHANNEL, area: "shoulders" });
    await insertDeliveries(ctx.database.db, prompt, ["U0ALICE001", "U0BOB00001"], daysAgo(0));
    const envelope = reactionEvent("Added", { userId: "U0ALICE001", ts: prompt.messageTs });
    const first = await sendEvent(ctx.app.url, envelope);
    expect(first.status).toBe(200);
    expect(await outcomeOf(envelope.event_id as string)).toBe("completed");

    const retry = await sendEvent(ctx.app.url, envelope, { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } });
    expect(retry.status).toBe(200);
    expect(await outcomeOf(envelope.event_id as string, 2)).toBe("duplicate");
    const more = reactionEvent("Added", { userId: "U0ALICE001", ts: prompt.messageTs, reaction: "tada" });
    await sendEvent(ctx.app.url, more);
    expect(await outcomeOf(more.event_id as string)).toBe("recorded");

    const rows = await ctx.database.db.completion.findMany({ where: { promptId: prompt.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: "U0ALICE001", source: "reaction", area: "shoulders", localDate: daysAgo(0) });
  });

  it("removing the last reaction removes the completion", async () => {
    const prompt = await insertPostedPrompt(ctx.database.db, { teamId: TEAM, channelId: CHANNEL });
    const added = reactionEvent("Added", { userId: "U0CAROL001", ts: prompt.messageTs });
    await sendEvent(ctx.app.url, added);
    expect(await outcomeOf(added.event_id as string)).toBe("completed");
    const removed = reactionEvent("Removed", { userId: "U0CAROL001", ts: prompt.messageTs });
    await sendEvent(ctx.app.url, removed);
    expect(await outcomeOf(removed.event_id as string)).toBe("uncompleted");
    expect(await ctx.database.db.completion.count({ where: { promptId: prompt.id } })).toBe(0);
  });

  it("ignores other people's messages, other recipients' DMs and malformed events, answering 200", async () => {
    const dm = await insertPostedPrompt(ctx.database.db, { teamId: TEAM, channelId: "D0DANA0001", recipientUserId: "U0DANA0001" });
    const intruder = reactionEvent("Added", { userId: "U0EVE00001", ts: dm.messageTs, channel: "D0DANA0001" });
    await sendEvent(ctx.app.url, intruder);
    expect(await outcomeOf(intruder.event_id as string)).toBe("ignored:not_recipient");
    const plain = eventEnvelope("ReactionAdded", { event: { user: "U0EVE00001", reaction: "x", item: { type: "message", channel: CHANNEL, ts: "1763000000.999999" }, item_user: "U0EVE00001" } });
    await sendEvent(ctx.app.url, plain);
    expect(await outcomeOf(plain.event_id as string)).toBe("ignored:not_a_prompt");
    const malformed = [
      { user: "", reaction: "x", item: { type: "message", channel: CHANNEL, ts: dm.messageTs } },
      { user: "U0EVE00001", reaction: "x", item: { type: "message", channel: CHANNEL } },
      { user: "U0EVE00001", reaction: "x", item: { type: "file", file: "F0FILE0001" } },
      { user: "U0EVE00001", item: { type: "message", channel: CHANNEL, ts: "not-a-ts" } },
    ];
    for (const event of malformed) {
      const broken = eventEnvelope("ReactionAdded", { event });
      expect((await sendEvent(ctx.app.url, broken)).status).toBe(200);
      expect(await outcomeOf(broken.event_id as string), JSON.stringify(event)).toBe("ignored:malformed");
    }
    expect(await ctx.database.db.completion.count({ where: { userId: "U0EVE00001" } })).toBe(0);
  });

  it("Done answers with the streak, pressing twice stores one row, and day 5 gets one celebratory DM", async () => {
    const user = "U0STREAK01";
    const today = await insertStreakHistory(ctx.database.db, { teamId: TEAM, channelId: CHANNEL, userId: user, days: 4 });
    const press = (id: string) =>
      sendInteraction(ctx.app.url, blockAction({ actionId: ActionId.promptDone, value: today.id, userId: user, channelId: CHANNEL, messageTs: today.messageTs, responseUrl: fake.responseUrl(id) }));

    expect((await press("done1")).status).toBe(200);
    const [reply] = await fake.waitFor("response_url:done1");
    expect(reply!.args.text).toBe("Nice! 5-day streak :fire:");
    expect(reply!.args.response_type).toBe("ephemeral");
    expect(reply!.args.replace_original).toBe(false);
    const [dm] = await fake.waitFor("chat.postMessage", (c) => c.args.channel === user);
    expect(String(dm!.args.text)).toContain("5-day");

    await press("done2");
    const [again] = await fake.waitFor("response_url:done2");
    expect(again!.args.text).toBe("Nice! 5-day streak :fire:");
    expect(await ctx.database.db.completion.count({ where: { promptId: today.id } })).toBe(1);
    expect(await ctx.database.db.streakMilestone.count({ where: { userId: user } })).toBe(1);
    expect(fake.callsOf("chat.postMessage").filter((c) => c.args.channel === user)).toHaveLength(1);
  });

  it("Done on a prompt whose ts is not recorded yet (pressed the second it was posted) counts and says so", async () => {
    const slotAt = new Date(Date.now() - 2_000);
    // Claimed and posted by a worker that has not recorded Slack's answer yet: no channel, no ts.
    const prompt = await ctx.database.db.prompt.create({
      data: { teamId: TEAM, slotKey: `${slotAt.toISOString()}-unrecorded`, slotAt, target: CHANNEL, status: "pending", attempts: 1, claimedAt: new Date(), area: "neck" },
    });
    const response = await sendInteraction(
      ctx.app.url,
      blockAction({ actionId: ActionId.promptDone, value: prompt.id, userId: "U0QUICK001", channelId: CHANNEL, messageTs: `${Math.floor(Date.now() / 1000)}.000042`, responseUrl: fake.responseUrl("quick") }),
    );
    expect(response.status).toBe(200);
    const [reply] = await fake.waitFor("response_url:quick");
    expect(reply!.args.text).toBe("Nice! That's today's stretch done. Come back tomorrow to start a streak :seedling:");
    expect(await ctx.database.db.completion.findMany({ where: { promptId: prompt.id } })).toMatchObject([{ userId: "U0QUICK001", channelId: CHANNEL, source: "button" }]);
  });

  it("/stretch stats shows my figures from real rows, and a friendly empty state", async () => {
    const prompt = await insertPostedPrompt(ctx.database.db, { teamId: TEAM, channelId: CHANNEL, area: "hips" });
    await insertDeliveries(ctx.database.db, prompt, ["U0STATS001"], daysAgo(0));
    await sendInteraction(ctx.app.url, blockAction({ actionId: ActionId.promptDone, value: prompt.id, userId: "U0STATS001", responseUrl: fake.responseUrl("d") }));
    await fake.waitFor("response_url:d");
    expect((await command("stats", "U0STATS001", "stats")).status).toBe(200);
    const [stats] = await fake.waitFor("response_url:stats");
    const body = JSON.stringify(stats!.args.blocks);
    expect(stats!.args.response_type).toBe("ephemeral");
    expect(body).toContain("1 of 1 prompts (100%)");
    expect(body).toContain("hips (1)");
    await command("stats", "U0NEWBIE01", "empty");
    const [empty] = await fake.waitFor("response_url:empty");
    expect(String(empty!.args.text)).toContain("No stretches recorded yet");
  });

  it("optout stops tracking, optin resumes it", async () => {
    const prompt = await insertPostedPrompt(ctx.database.db, { teamId: TEAM, channelId: CHANNEL });
    await command("optout", "U0PRIVATE1", "optout");
    const [out] = await fake.waitFor("response_url:optout");
    expect(String(out!.args.text)).toContain("opted out");
    const ignored = reactionEvent("Added", { userId: "U0PRIVATE1", ts: prompt.messageTs });
    await sendEvent(ctx.app.url, ignored);
    expect(await outcomeOf(ignored.event_id as string)).toBe("ignored:opted_out");
    expect(await ctx.database.db.promptReaction.count({ where: { userId: "U0PRIVATE1" } })).toBe(0);

    await command("optin", "U0PRIVATE1", "optin");
    await fake.waitFor("response_url:optin");
    const counted = reactionEvent("Added", { userId: "U0PRIVATE1", ts: prompt.messageTs });
    await sendEvent(ctx.app.url, counted);
    expect(await outcomeOf(counted.event_id as string)).toBe("completed");
  });

  it("forget-me asks first (danger button), then deletes that person's rows and says what went", async () => {
    const prompt = await insertPostedPrompt(ctx.database.db, { teamId: TEAM, channelId: CHANNEL });
    await insertDeliveries(ctx.database.db, prompt, ["U0FORGET01", "U0KEEPME01"], daysAgo(0));
    for (const userId of ["U0FORGET01", "U0KEEPME01"]) {
      const e = reactionEvent("Added", { userId, ts: prompt.messageTs });
      await sendEvent(ctx.app.url, e);
      expect(await outcomeOf(e.event_id as string)).toBe("completed");
    }
    const ask = await command("forget-me", "U0FORGET01", "forget-ask");
    const question = ask.json as Reply;
    const buttons = (question.blocks ?? []).flatMap((b) => b.elements ?? []);
    expect(buttons.find((b) => b.action_id === ActionId.forgetMeConfirm)?.style).toBe("danger");
    expect(await ctx.database.db.completion.count({ where: { userId: "U0FORGET01" } })).toBe(1); // nothing deleted yet

    await sendInteraction(ctx.app.url, blockAction({ actionId: ActionId.forgetMeConfirm, value: "confirm", userId: "U0FORGET01", isEphemeral: true, responseUrl: fake.responseUrl("forget") }));
    const [done] = await fake.waitFor("response_url:forget");
    expect(done!.args.replace_original).toBe(true);
    expect(String(done!.args.text)).toContain("1 completion");
    expect(String(done!.args.text)).toContain("1 prompt delivery");
    expect(await ctx.database.db.completion.count({ where: { userId: "U0FORGET01" } })).toBe(0);
    expect(await ctx.database.db.delivery.count({ where: { userId: "U0FORGET01" } })).toBe(0);
    expect(await ctx.database.db.completion.count({ where: { userId: "U0KEEPME01" } })).toBe(1);

    await sendInteraction(ctx.app.url, blockAction({ actionId: ActionId.forgetMeCancel, userId: "U0KEEPME01", isEphemeral: true, responseUrl: fake.responseUrl("cancel") }));
    const [cancelled] = await fake.waitFor("response_url:cancel");
    expect(String(cancelled!.args.text)).toContain("Nothing was deleted");
  });

  it("/stretch reactions: anyone sees the list, only managers change it, and the list decides what counts", async () => {
    fake.addUser({ id: "U0PLAIN001", is_admin: false });
    fake.addUser({ id: "U0ADMIN777", is_admin: true });
    await command("reactions", "U0PLAIN001", "r-show");
    const [shown] = await fake.waitFor("response_url:r-show");
    expect(String(shown!.args.text)).toContain("Any emoji reaction");

    await command("reactions :muscle:", "U0PLAIN001", "r-refused");
    const [refused] = await fake.waitFor("response_url:r-refused");
    expect(String(refused!.args.text)).toContain("Only managers");
    expect((await ctx.database.db.workspace.findUniqueOrThrow({ where: { teamId: TEAM } })).completionReactions).toEqual([]);

    await command("reactions <script>", "U0ADMIN777", "r-bad");
    const [bad] = await fake.waitFor("response_url:r-bad");
    expect(String(bad!.args.text)).toContain("not an emoji name");

    await command("reactions :white_check_mark:, raised_hands", "U0ADMIN777", "r-set");
    const [set] = await fake.waitFor("response_url:r-set");
    expect(String(set!.args.text)).toContain(":white_check_mark: :raised_hands:");
    expect((await ctx.database.db.workspace.findUniqueOrThrow({ where: { teamId: TEAM } })).completionReactions).toEqual(["white_check_mark", "raised_hands"]);

    const prompt = await insertPostedPrompt(ctx.database.db, { teamId: TEAM, channelId: CHANNEL, area: "neck" });
    const tada = reactionEvent("Added", { userId: "U0CAROL001", ts: prompt.messageTs, reaction: "tada" });
    await sendEvent(ctx.app.url, tada);
    expect(await outcomeOf(tada.event_id as string)).not.toBe("completed");
    const check = reactionEvent("Added", { userId: "U0CAROL001", ts: prompt.messageTs, reaction: "white_check_mark" });
    await sendEvent(ctx.app.url, check);
    expect(await outcomeOf(check.event_id as string)).toBe("completed");

    await command("reactions any", "U0ADMIN777", "r-any");
    await fake.waitFor("response_url:r-any");
    expect((await ctx.database.db.workspace.findUniqueOrThrow({ where: { teamId: TEAM } })).completionReactions).toEqual([]);
  });

  it("app_uninstalled stops one workspace and leaves the other alone; tokens_revoked needs the bot token", async () => {
    const [A, B, C] = ["T0WORKSPCA", "T0WORKSPCB", "T0WORKSPCC"];
    for (const teamId of [A, B, C]) {
      await ctx.database.db.workspace.create({ data: { teamId } });
      await ctx.database.db.schedule.create({ data: { teamId, kind: "channel", channelId: CHANNEL, targetKey: `channel:${CHANNEL}`, createdBy: "U0ADMIN001", tz: "UTC" } });
      await ctx.database.db.schedule.create({ data: { teamId, kind: "dm", userId: "U0ALICE001", targetKey: "dm:U0ALICE001", createdBy: "U0ALICE001", tz: "UTC" } });
    }
    const uninstall = eventEnvelope("AppUninstalled", { teamId: A, event: { type: "app_uninstalled" } });
    expect((await sendEvent(ctx.app.url, uninstall)).status).toBe(200);
    await eventually(async () => (await ctx.database.db.workspace.findUniqueOrThrow({ where: { teamId: A } })).active === false);
    expect(await ctx.database.db.schedule.findMany({ where: { teamId: A }, select: { active: true, pausedReason: true } })).toEqual([
      { active: false, pausedReason: "app uninstalled" },
      { active: false, pausedReason: "app uninstalled" },
    ]);

    const userOnly = eventEnvelope("TokensRevoked", { teamId: C, event: { type: "tokens_revoked", tokens: { oauth: ["U0ALICE001"], bot: [] } } });
    await sendEvent(ctx.app.url, userOnly);
    await eventually(() => ctx.app.logs.lines.some((l) => l.includes("user tokens revoked") && l.includes(C)));
    const revoke = eventEnvelope("TokensRevoked", { teamId: B, event: { type: "tokens_revoked", tokens: { oauth: [], bot: [BOT_USER] } } });
    await sendEvent(ctx.app.url, revoke);
    await eventually(async () => (await ctx.database.db.workspace.findUniqueOrThrow({ where: { teamId: B } })).active === false);
    expect(await ctx.database.db.workspace.findUniqueOrThrow({ where: { teamId: B } })).toMatchObject({ deactivatedReason: "tokens_revoked" });
    expect(await ctx.database.db.schedule.count({ where: { teamId: B, active: false, pausedReason: "tokens revoked" } })).toBe(2);

    // C (user tokens only) and the default workspace are untouched.
    expect((await ctx.database.db.workspace.findUniqueOrThrow({ where: { teamId: C } })).active).toBe(true);
    expect(await ctx.database.db.schedule.count({ where: { teamId: C, active: true, pausedReason: null } })).toBe(2);
    expect((await ctx.database.db.workspace.findUniqueOrThrow({ where: { teamId: TEAM } })).active).toBe(true);

    // A retried app_uninstalled does not count as contact, and neither does a request from A:
    // this deployment's token belongs to TEAM alone, so authorize refuses every other team.
    await sendEvent(ctx.app.url, uninstall, { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } });
    expect((await ctx.database.db.workspace.findUniqueOrThrow({ where: { teamId: A } })).active).toBe(false);
    const refused = await sendCommand(ctx.app.url, slashCommand({ text: "neck", teamId: A, responseUrl: fake.responseUrl("not-installed") }));
    expect(refused.text).toBe("");
    expect((await ctx.database.db.workspace.findUniqueOrThrow({ where: { teamId: A } })).active).toBe(false);

    // The token's own workspace, once uninstalled, is active again on its next command (reinstalled);
    // its schedules stay off until someone turns them on.
    await ctx.database.db.workspace.update({ where: { teamId: TEAM }, data: { active: false, deactivatedAt: new Date(), deactivatedReason: "app_uninstalled" } });
    await ctx.database.db.schedule.create({ data: { teamId: TEAM, kind: "channel", channelId: "C0REINSTALL", targetKey: "channel:C0REINSTALL", createdBy: "U0ADMIN001", tz: "UTC", active: false } });
    ctx.app.app.services.workspaces.forget(TEAM);
    await sendCommand(ctx.app.url, slashCommand({ text: "neck", responseUrl: fake.responseUrl("reinstalled") }));
    await eventually(async () => (await ctx.database.db.workspace.findUniqueOrThrow({ where: { teamId: TEAM } })).active);
    expect(await ctx.database.db.workspace.findUniqueOrThrow({ where: { teamId: TEAM } })).toMatchObject({ deactivatedAt: null, deactivatedReason: null });
    expect(await ctx.database.db.schedule.count({ where: { teamId: TEAM, channelId: "C0REINSTALL", active: true } })).toBe(0);
  });
});
