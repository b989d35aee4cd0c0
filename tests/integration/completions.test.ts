import { StaticTokenSource } from "../../src/slack/token-source.js";
import type { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CompletionRepository } from "../../src/db/repositories/completions.js";
import { StreakDayRepository } from "../../src/db/repositories/streak-days.js";
import { StreakMilestoneRepository } from "../../src/db/repositories/streak-milestones.js";
import type { ReactionEvent } from "../../src/domain/reaction-event.js";
import { createLogger } from "../../src/logger.js";
import { CompletionService } from "../../src/services/completion-service.js";
import { StreakService } from "../../src/services/streak-service.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { eventually } from "../helpers/wait.js";
import { botNotices } from "../../src/bot/presenters/notices.js";
import { daysAgo, ensureWorkspace, insertDeliveries, insertPostedPrompt, insertStreakHistory } from "../helpers/factories.js";

const TEAM = "T0COMPLETE1";
const OTHER_TEAM = "T0OTHERTEAM";
const BOT = "U0BOTUSER";
const CHANNEL = "C0GENERAL1";

describe("CompletionService on Postgres", () => {
  let database: TestDatabase;
  let service: CompletionService;
  const dms: Array<{ channel: string; text: string }> = [];
  let eventSeq = 0;

  const slack = {
    chat: {
      postMessage: async (args: { channel: string; text: string }) => {
        dms.push(args);
        return { ok: true, ts: "1.1" };
      },
    },
  } as unknown as WebClient;

  beforeAll(async () => {
    database = await createTestDatabase("completions");
  });
  afterAll(async () => {
    await service?.drain();
    await database?.drop();
  });
  beforeEach(async () => {
    await service?.drain();
    await database.truncate();
    dms.length = 0;
    const repo = new CompletionRepository(database.db);
    const streaks = new StreakService(new StreakDayRepository(database.db));
    service = new CompletionService(repo, streaks, new StreakMilestoneRepository(database.db), slack, new StaticTokenSource("xoxb-test"), createLogger("silent"), botNotices);
    await ensureWorkspace(database.db, TEAM);
    await ensureWorkspace(database.db, OTHER_TEAM);
  });

  const reaction = (over: Partial<ReactionEvent> & Pick<ReactionEvent, "channelId" | "messageTs">): ReactionEvent => ({
    eventId: `Ev${(eventSeq += 1).toString().padStart(8, "0")}`,
    teamId: TEAM,
    kind: "added",
    userId: "U0ALICE001",
    reaction: "muscle",
    itemUser: BOT,
    at: new Date(),
    ...over,
  });
  const completions = () => database.db.completion.findMany({ orderBy: { completedAt: "asc" } });

  it("a reaction on a posted prompt records one completion with the person's prompt day and area", async () => {
    const prompt = await insertPostedPrompt(database.db, { teamId: TEAM, channelId: CHANNEL, area: "hips" });
    await insertDeliveries(database.db, prompt, ["U0ALICE001"], daysAgo(0));
    expect(await service.recordReaction(reaction({ channelId: CHANNEL, messageTs: prompt.messageTs }), BOT)).toBe("completed");
    const [row] = await completions();
    expect(row).toMatchObject({ teamId: TEAM, promptId: prompt.id, userId: "U0ALICE001", channelId: CHANNEL, source: "reaction", area: "hips", localDate: daysAgo(0) });
  });

  it("counts once however many emoji and however often Slack retries (same event_id)", async () => {
    const prompt = await insertPostedPrompt(database.db, { teamId: TEAM, channelId: CHANNEL });
    const first = reaction({ channelId: CHANNEL, messageTs: prompt.messageTs });
    // The original and a retry in the same batch, then another retry later, then more emoji.
    const outcomes = await Promise.all([service.recordReaction(first, BOT), service.recordReaction({ ...first }, BOT)]);
    expect(outcomes).toEqual(["completed", "duplicate"]);
    expect(await service.recordReaction({ ...first }, BOT)).toBe("duplicate");
    expect(await service.recordReaction(reaction({ channelId: CHANNEL, messageTs: prompt.messageTs, reaction: "tada" }), BOT)).toBe("recorded");
    expect(await service.recordReaction(reaction({ channelId: CHANNEL, messageTs: prompt.messageTs, reaction: "+1::skin-tone-3" }), BOT)).toBe("recorded");
    expect(await database.db.completion.count()).toBe(1);
    expect(await database.db.promptReaction.count()).toBe(3);
    expect(await database.db.processedEvent.count()).toBe(3);
  });

  it("removing the last counting reaction removes the completion; removing one of two does not", async () => {
    const prompt = await insertPostedPrompt(database.db, { teamId: TEAM, channelId: CHANNEL });
    const at = { channelId: CHANNEL, messageTs: prompt.messageTs };
    await service.recordReaction(reaction({ ...at, reaction: "muscle" }), BOT);
    await service.recordReaction(reaction({ ...at, reaction: "tada" }), BOT);
    expect(await service.recordReaction(reaction({ ...at, kind: "removed", reaction: "muscle" }), BOT)).toBe("recorded");
    expect(await database.db.completion.count()).toBe(1);
    expect(await service.recordReaction(reaction({ ...at, kind: "removed", reaction: "tada" }), BOT)).toBe("uncompleted");
    expect(await database.db.completion.count()).toBe(0);
    expect(await database.db.promptReaction.count()).toBe(0);
    // Adding one again completes it again.
    expect(await service.recordReaction(reaction({ ...at, reaction: "tada" }), BOT)).toBe("completed");
  });

  it("an add and a remove of the same emoji in one batch keep Slack's order", async () => {
    const prompt = await insertPostedPrompt(database.db, { teamId: TEAM, channelId: CHANNEL });
    const at = { channelId: CHANNEL, messageTs: prompt.messageTs };
    await Promise.all([
      service.recordReaction(reaction({ ...at, reaction: "muscle" }), BOT),
      service.recordReaction(reaction({ ...at, kind: "removed", reaction: "muscle" }), BOT),
    ]);
    expect(await database.db.completion.count()).toBe(0);
    await Promise.all([
      service.recordReaction(reaction({ ...at, kind: "removed", reaction: "muscle" }), BOT),
      service.recordReaction(reaction({ ...at, reaction: "muscle" }), BOT),
    ]);
    expect(await database.db.completion.count()).toBe(1);
  });

  it("a Done press is not undone by removing a reaction, and pressing twice changes nothing", async () => {
    const prompt = await insertPostedPrompt(database.db, { teamId: TEAM, channelId: CHANNEL });
    await service.recordReaction(reaction({ channelId: CHANNEL, messageTs: prompt.messageTs }), BOT);
    const first = await service.completeByButton({ teamId: TEAM, userId: "U0ALICE001", promptId: prompt.id });
    const second = await service.completeByButton({ teamId: TEAM, userId: "U0ALICE001", promptId: prompt.id });
    expect(first).toMatchObject({ ok: true, created: false });
    expect(second).toMatchObject({ ok: true, created: false, streak: { current: 1 } });
    await service.recordReaction(reaction({ channelId: CHANNEL, messageTs: prompt.messageTs, kind: "removed" }), BOT);
    const rows = await completions();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.source).toBe("button");

    const fresh = await insertPostedPrompt(database.db, { teamId: TEAM, channelId: CHANNEL });
    expect(await service.completeByButton({ teamId: TEAM, userId: "U0BOB00001", promptId: fresh.id })).toMatchObject({ ok: true, created: true });
    expect(await service.completeByButton({ teamId: TEAM, userId: "U0BOB00001", promptId: fresh.id })).toMatchObject({ ok: true, created: false });
    expect(await database.db.completion.count({ where: { userId: "U0BOB00001" } })).toBe(1);
    // A button value from another workspace, or garbage, finds nothing.
    expect(await service.completeByButton({ teamId: OTHER_TEAM, userId: "U0BOB00001", promptId: fresh.id })).toEqual({ ok: false, reason: "missing" });
    expect(await service.completeByButton({ teamId: TEAM, userId: "U0BOB00001", promptId: "'; DROP TABLE x" })).toEqual({ ok: false, reason: "missing" });
  });

  it("channel prompts: anyone; DM prompts: only the recipient", async () => {
    const dm = await insertPostedPrompt(database.db, { teamId: TEAM, channelId: "D0ALICE001", recipientUserId: "U0ALICE001" });
    expect(await service.recordReaction(reaction({ channelId: "D0ALICE001", messageTs: dm.messageTs, userId: "U0MALLORY1" }), BOT)).toBe("ignored:not_recipient");
    expect(await service.completeByButton({ teamId: TEAM, userId: "U0MALLORY1", promptId: dm.id })).toEqual({ ok: false, reason: "not_recipient" });
    expect(await service.recordReaction(reaction({ channelId: "D0ALICE001", messageTs: dm.messageTs, userId: "U0ALICE001" }), BOT)).toBe("completed");
    const channel = await insertPostedPrompt(database.db, { teamId: TEAM, channelId: CHANNEL });
    for (const userId of ["U0BOB00001", "U0CAROL001", "U0DAVE0001"]) {
      expect(await service.recordReaction(reaction({ channelId: CHANNEL, messageTs: channel.messageTs, userId }), BOT)).toBe("completed");
    }
    expect(await database.db.completion.count()).toBe(4);
  });

  it("ignores reactions after the end of the person's working day, quietly", async () => {
    // 10:00 in Warsaw (UTC+1 in March); working day ends 17:00 local = 16:00 UTC.
    const postedAt = new Date("2026-03-10T09:00:00Z");
    const prompt = await insertPostedPrompt(database.db, { teamId: TEAM, channelId: CHANNEL, postedAt });
    await database.db.member.create({ data: { teamId: TEAM, userId: "U0ALICE001", tz: "Europe/Warsaw", workEndMinute: 17 * 60 } });
    await database.db.member.create({ data: { teamId: TEAM, userId: "U0BOB00001", tz: "Europe/Warsaw", workEndMinute: 17 * 60 } });
    const at = { channelId: CHANNEL, messageTs: prompt.messageTs };
    expect(await service.recordReaction(reaction({ ...at, at: new Date("2026-03-10T16:30:00Z") }), BOT)).toBe("ignored:late");
    expect(await service.recordReaction(reaction({ ...at, userId: "U0BOB00001", at: new Date("2026-03-10T15:59:00Z") }), BOT)).toBe("completed");
    // Someone whose zone we don't know: until the end of the prompt's day (UTC here).
    expect(await service.recordReaction(reaction({ ...at, userId: "U0CAROL001", at: new Date("2026-03-10T23:30:00Z") }), BOT)).toBe("completed");
    expect(await service.recordReaction(reaction({ ...at, userId: "U0DAVE0001", at: new Date("2026-03-11T00:00:01Z") }), BOT)).toBe("ignored:late");
    const rows = await completions();
    expect(rows.map((r) => [r.userId, r.localDate])).toEqual([
      ["U0BOB00001", "2026-03-10"],
      ["U0CAROL001", "2026-03-10"],
    ]);
  });

  it("honours a workspace's restricted emoji list (skin tones and colons included)", async () => {
    await ensureWorkspace(database.db, TEAM, ["white_check_mark", ":muscle:"]);
    const prompt = await insertPostedPrompt(database.db, { teamId: TEAM, channelId: CHANNEL });
    const at = { channelId: CHANNEL, messageTs: prompt.messageTs };
    expect(await service.recordReaction(reaction({ ...at, reaction: "tada" }), BOT)).toBe("ignored:emoji_not_counted");
    expect(await database.db.completion.count()).toBe(0);
    expect(await service.recordReaction(reaction({ ...at, reaction: "muscle::skin-tone-4" }), BOT)).toBe("completed");
    // Removing a non-counting emoji changes nothing.
    expect(await service.recordReaction(reaction({ ...at, kind: "removed", reaction: "tada" }), BOT)).toBe("ignored:emoji_not_counted");
    expect(await database.db.completion.count()).toBe(1);
  });

  it("stores nothing for people who opted out", async () => {
    await database.db.member.create({ data: { teamId: TEAM, userId: "U0ALICE001", optedOut: true } });
    const prompt = await insertPostedPrompt(database.db, { teamId: TEAM, channelId: CHANNEL });
    expect(await service.recordReaction(reaction({ channelId: CHANNEL, messageTs: prompt.messageTs }), BOT)).toBe("ignored:opted_out");
    expect(await service.completeByButton({ teamId: TEAM, userId: "U0ALICE001", promptId: prompt.id })).toEqual({ ok: false, reason: "opted_out" });
    expect(await database.db.completion.count()).toBe(0);
    expect(await database.db.promptReaction.count()).toBe(0);
  });

  it("ignores other messages, bots, another workspace's prompts and malformed events without raising", async () => {
    const prompt = await insertPostedPrompt(database.db, { teamId: TEAM, channelId: CHANNEL });
    await database.db.member.create({ data: { teamId: TEAM, userId: "U0SOMEBOT1", isBot: true } });
    expect(await service.recordReaction(reaction({ channelId: CHANNEL, messageTs: "1763999999.000001", itemUser: "U0ALICE001" }), BOT)).toBe("ignored:not_a_prompt");
    expect(await service.recordReaction(reaction({ channelId: CHANNEL, messageTs: "1763999999.000002", itemUser: undefined }), BOT)).toBe("ignored:not_a_prompt");
    // Second time: answered from memory (no item_user to go on, so the cache is what makes it cheap).
    expect(await service.recordReaction(reaction({ channelId: CHANNEL, messageTs: "1763999999.000002", itemUser: undefined }), BOT)).toBe("ignored:not_a_prompt");
    expect(await service.recordReaction(reaction({ channelId: CHANNEL, messageTs: prompt.messageTs, teamId: OTHER_TEAM }), BOT)).toBe("ignored:not_a_prompt");
    expect(await service.recordReaction(reaction({ channelId: CHANNEL, messageTs: prompt.messageTs, userId: BOT }), BOT)).toBe("ignored:from_bot");
    expect(await service.recordReaction(reaction({ channelId: CHANNEL, messageTs: prompt.messageTs, userId: "U0SOMEBOT1" }), BOT)).toBe("ignored:bot");
    expect(await service.recordReaction(null, BOT)).toBe("ignored:malformed");
    expect(await database.db.completion.count()).toBe(0);
  });

  it("celebrates 5 days in a row once, by DM, after claiming the milestone row", async () => {
    const user = "U0STREAK01";
    const today = await insertStreakHistory(database.db, { teamId: TEAM, channelId: CHANNEL, userId: user, days: 4 });
    const at = { channelId: CHANNEL, messageTs: today.messageTs, userId: user };
    expect(await service.recordReaction(reaction(at), BOT)).toBe("completed");
    await service.drain();
    expect(await database.db.streakMilestone.findMany({ select: { userId: true, days: true } })).toEqual([{ userId: user, days: 5 }]);
    expect(dms).toHaveLength(1);
    expect(dms[0]).toMatchObject({ channel: user });
    expect(dms[0]!.text).toContain("5-day");

    // Undo and redo the same day: the streak is 5 again, but 5 was already celebrated.
    await service.recordReaction(reaction({ ...at, kind: "removed" }), BOT);
    await service.recordReaction(reaction(at), BOT);
    const second = await insertPostedPrompt(database.db, { teamId: TEAM, channelId: CHANNEL });
    expect(await service.completeByButton({ teamId: TEAM, userId: user, promptId: second.id })).toMatchObject({ ok: true, streak: { current: 5, best: 5 } });
    await service.drain();
    expect(dms).toHaveLength(1);
  });

  it("a reaction that beats the prompt's own record (ts saved a moment later) is held and counted, not ignored", async () => {
    // A prompt just posted: Slack answered with a ts, the row does not carry it yet.
    const ts = `${Math.floor(Date.now() / 1000)}.000777`;
    const prompt = await insertPostedPrompt(database.db, { teamId: TEAM, channelId: CHANNEL, messageTs: `${Math.floor(Date.now() / 1000) - 1}.000001` });
    expect(await service.recordReaction(reaction({ channelId: CHANNEL, messageTs: ts }), BOT)).toBe("held");
    // A second reaction on the same message is not short-circuited by a cached "not a prompt".
    expect(await service.recordReaction(reaction({ channelId: CHANNEL, messageTs: ts, userId: "U0BOB00001" }), BOT)).toBe("held");
    await database.db.prompt.update({ where: { id: prompt.id }, data: { messageTs: ts } });
    await eventually(async () => (await database.db.completion.count({ where: { promptId: prompt.id } })) === 2, 15_000);
  });

  it("an old message that is not a prompt is ignored at once (and remembered)", async () => {
    expect(await service.recordReaction(reaction({ channelId: CHANNEL, messageTs: "1700000000.000100" }), BOT)).toBe("ignored:not_a_prompt");
  });
});
