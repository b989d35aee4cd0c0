import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { InstallationRepository } from "../../src/db/repositories/installations.js";
import { MemberRepository } from "../../src/db/repositories/members.js";
import { PrivacyRepository } from "../../src/db/repositories/privacy.js";
import type { Db } from "../../src/db/client.js";
import { createLogger } from "../../src/logger.js";
import { InstallationService } from "../../src/services/installation-service.js";
import { PrivacyService } from "../../src/services/privacy-service.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { daysAgo, ensureWorkspace, insertDeliveries, insertPostedPrompt } from "../helpers/factories.js";

const TEAM = "T0PRIVACY1";
const OTHER_TEAM = "T0PRIVACY2";
const ALICE = "U0ALICE001";
const BOB = "U0BOB00001";

/** Every kind of row about one person: profile, schedule, prompts, deliveries, completions… */
async function seedPerson(db: Db, teamId: string, userId: string): Promise<void> {
  await db.member.create({ data: { teamId, userId, tz: "Europe/Warsaw", displayName: `name of ${userId}` } });
  const schedule = await db.schedule.create({
    data: { teamId, kind: "dm", userId, targetKey: `dm:${userId}`, createdBy: userId, tz: "Europe/Warsaw", times: ["10:00"] },
  });
  const dm = await insertPostedPrompt(db, { teamId, channelId: `D${userId.slice(1)}`, recipientUserId: userId, scheduleId: schedule.id });
  const channel = await insertPostedPrompt(db, { teamId, channelId: "C0GENERAL1" });
  for (const prompt of [dm, channel]) {
    await insertDeliveries(db, prompt, [userId], daysAgo(0));
    await db.completion.create({ data: { teamId, promptId: prompt.id, userId, channelId: prompt.channelId, source: "reaction", localDate: daysAgo(0) } });
    await db.promptReaction.create({ data: { teamId, promptId: prompt.id, userId, reaction: "muscle" } });
    // A reaction held for a prompt whose ts is not recorded yet.
    await db.pendingReaction.create({
      data: { eventId: `Ev${teamId}${userId}${Math.random().toString(36).slice(2)}`, teamId, channelId: "C0GENERAL1", messageTs: "1.000001", userId, reaction: "muscle", kind: "added", eventAt: new Date(), expiresAt: new Date(Date.now() + 60_000) },
    });
  }
  await db.streakMilestone.create({ data: { teamId, userId, days: 5 } });
  await db.routineRequest.create({ data: { teamId, userId, text: "neck", outcome: "routine" } });
  await db.channelMember.create({ data: { teamId, channelId: "C0GENERAL1", userId } });
  await db.digestSent.create({ data: { teamId, userId, weekStart: "2026-11-16" } });
}

async function rowsAbout(db: Db, teamId: string, userId: string) {
  const mine = { teamId, userId };
  return {
    member: await db.member.count({ where: mine }),
    completions: await db.completion.count({ where: mine }),
    reactions: await db.promptReaction.count({ where: mine }),
    heldReactions: await db.pendingReaction.count({ where: mine }),
    deliveries: await db.delivery.count({ where: mine }),
    milestones: await db.streakMilestone.count({ where: mine }),
    routineRequests: await db.routineRequest.count({ where: mine }),
    channelMembers: await db.channelMember.count({ where: mine }),
    digests: await db.digestSent.count({ where: mine }),
    schedules: await db.schedule.count({ where: { teamId, userId } }),
    dmPrompts: await db.prompt.count({ where: { teamId, recipientUserId: userId } }),
  };
}

describe("privacy and workspace lifecycle on Postgres", () => {
  let database: TestDatabase;
  let privacy: PrivacyService;
  let installations: InstallationService;
  const synced: Array<[string, string]> = [];
  const sync = { scheduleChanged: async (teamId: string, scheduleId: string) => void synced.push([teamId, scheduleId]) };

  beforeAll(async () => {
    database = await createTestDatabase("privacy");
    const log = createLogger("silent");
    privacy = new PrivacyService(new MemberRepository(database.db), new PrivacyRepository(database.db), sync, log);
    installations = new InstallationService(new InstallationRepository(database.db), sync, log);
  });
  afterAll(async () => database?.drop());
  beforeEach(async () => {
    await database.truncate();
    synced.length = 0;
    await ensureWorkspace(database.db, TEAM);
    await ensureWorkspace(database.db, OTHER_TEAM);
  });

  it("forget-me deletes every row about that person in that workspace, and nothing else", async () => {
    await seedPerson(database.db, TEAM, ALICE);
    await seedPerson(database.db, TEAM, BOB);
    await seedPerson(database.db, OTHER_TEAM, ALICE); // the same person id in another workspace
    const bobBefore = await rowsAbout(database.db, TEAM, BOB);
    const otherBefore = await rowsAbout(database.db, OTHER_TEAM, ALICE);
    const aliceSchedule = await database.db.schedule.findFirstOrThrow({ where: { teamId: TEAM, userId: ALICE } });

    const result = await privacy.forgetMe(TEAM, ALICE);

    expect(result.counts).toEqual({
      profile: 1,
      completions: 2,
      reactions: 2,
      deliveries: 2,
      milestones: 1,
      routineRequests: 1,
      channelMemberships: 1,
      digests: 1,
      dmSchedules: 1,
      dmPrompts: 1,
    });
    expect(result.keptOptOut).toBe(false);
    expect(Object.values(await rowsAbout(database.db, TEAM, ALICE)).every((n) => n === 0)).toBe(true);
    expect(await rowsAbout(database.db, TEAM, BOB)).toEqual(bobBefore);
    expect(await rowsAbout(database.db, OTHER_TEAM, ALICE)).toEqual(otherBefore);
    // The channel prompt stays (it is the channel's); the engine hears about the deleted schedule.
    expect(await database.db.prompt.count({ where: { teamId: TEAM, channelId: "C0GENERAL1" } })).toBe(2);
    expect(synced).toEqual([[TEAM, aliceSchedule.id]]);
  });

  it("forget-me for someone unknown deletes nothing and says so", async () => {
    const result = await privacy.forgetMe(TEAM, "U0NOBODY01");
    expect(Object.values(result.counts).every((n) => n === 0)).toBe(true);
  });

  it("forget-me keeps an opted-out person opted out (one bare row), optin/optout toggle the flag", async () => {
    await seedPerson(database.db, TEAM, ALICE);
    await privacy.optOut(TEAM, ALICE);
    expect((await database.db.member.findUniqueOrThrow({ where: { teamId_userId: { teamId: TEAM, userId: ALICE } } })).optedOut).toBe(true);
    const result = await privacy.forgetMe(TEAM, ALICE);
    expect(result.keptOptOut).toBe(true);
    const left = await database.db.member.findUniqueOrThrow({ where: { teamId_userId: { teamId: TEAM, userId: ALICE } } });
    expect(left).toMatchObject({ optedOut: true, tz: null, displayName: null });
    await privacy.optIn(TEAM, ALICE);
    expect((await database.db.member.findUniqueOrThrow({ where: { teamId_userId: { teamId: TEAM, userId: ALICE } } })).optedOut).toBe(false);
    // optout for someone we never saw creates their row.
    await privacy.optOut(TEAM, "U0NEWCOMER");
    expect(await database.db.member.count({ where: { teamId: TEAM, userId: "U0NEWCOMER", optedOut: true } })).toBe(1);
  });

  it("uninstall stops every schedule of that workspace only, and tells the engine about each", async () => {
    await seedPerson(database.db, TEAM, ALICE);
    await seedPerson(database.db, OTHER_TEAM, ALICE);
    await database.db.schedule.create({ data: { teamId: TEAM, kind: "channel", channelId: "C0GENERAL1", targetKey: "channel:C0GENERAL1", createdBy: BOB, tz: "UTC" } });
    const ids = (await database.db.schedule.findMany({ where: { teamId: TEAM }, orderBy: { id: "asc" } })).map((s) => s.id);

    expect(await installations.deactivate(TEAM, "app_uninstalled")).toEqual({ schedulesStopped: 2 });
    const ws = await database.db.workspace.findUniqueOrThrow({ where: { teamId: TEAM } });
    expect(ws).toMatchObject({ active: false, deactivatedReason: "app_uninstalled" });
    expect(ws.deactivatedAt).toBeInstanceOf(Date);
    const schedules = await database.db.schedule.findMany({ where: { teamId: TEAM } });
    expect(schedules.every((s) => !s.active && s.pausedReason === "app uninstalled")).toBe(true);
    expect(synced).toEqual(ids.map((id) => [TEAM, id]));

    const other = await database.db.workspace.findUniqueOrThrow({ where: { teamId: OTHER_TEAM } });
    expect(other).toMatchObject({ active: true, deactivatedAt: null, deactivatedReason: null });
    expect(await database.db.schedule.count({ where: { teamId: OTHER_TEAM, active: true, pausedReason: null } })).toBe(1);

    // A repeated event keeps the first deactivation's time.
    await installations.deactivate(TEAM, "app_uninstalled", new Date(Date.now() + 60_000));
    expect((await database.db.workspace.findUniqueOrThrow({ where: { teamId: TEAM } })).deactivatedAt).toEqual(ws.deactivatedAt);
  });

  it("tokens_revoked deactivates only when the bot token went", async () => {
    await seedPerson(database.db, TEAM, ALICE);
    expect(await installations.tokensRevoked(TEAM, [])).toBeNull();
    expect((await database.db.workspace.findUniqueOrThrow({ where: { teamId: TEAM } })).active).toBe(true);
    expect(await installations.tokensRevoked(TEAM, ["U0BOTUSER"])).toEqual({ schedulesStopped: 1 });
    expect(await database.db.workspace.findUniqueOrThrow({ where: { teamId: TEAM } })).toMatchObject({ active: false, deactivatedReason: "tokens_revoked" });
    expect(await database.db.schedule.count({ where: { teamId: TEAM, pausedReason: "tokens revoked", active: false } })).toBe(1);
    expect((await database.db.workspace.findUniqueOrThrow({ where: { teamId: OTHER_TEAM } })).active).toBe(true);
  });
});
