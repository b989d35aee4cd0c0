import { randomUUID } from "node:crypto";
import type { Db } from "../../src/db/client.js";

/**
 * Test data builders, one file for all (Outline's server/test/factories.ts): workspaces, members,
 * channel membership, schedules, posted prompts, deliveries and completions written straight to
 * a test database, the way the app and its job engine leave them, so tests set up what they need
 * in a line and do not depend on the engine.
 */

/** The workspace every test speaks for unless it needs a second one (the Slack fixtures' team). */
export const TEAM = "T0TESTTEAM";

export interface PostedPromptInput {
  teamId: string;
  channelId: string;
  messageTs?: string;
  /** DM prompts: the one person who may complete it. */
  recipientUserId?: string | null;
  postedAt?: Date;
  area?: string | null;
  exerciseIds?: string[];
  scheduleId?: string | null;
}

let tsCounter = 0;

/**
 * The second in the ts of prompts written straight to the database (Nov 2025): an old message to
 * the completion rules, as these rows always were (a reaction on another workspace's copy of one
 * is then "not a prompt" at once rather than held for a ts still to be recorded).
 */
const ROW_TS_AT = Date.UTC(2025, 10, 13);

/**
 * A unique, realistic message ts, the one generator for the whole test process (the fake Slack's
 * posts use it too, so a test's own rows never collide with them): the time in seconds, as Slack
 * does (a made-up past ts would make a reaction look like one on an old message), then a counter.
 */
export function nextMessageTs(at = Date.now()): string {
  tsCounter += 1;
  return `${Math.floor(at / 1000)}.${String(tsCounter % 1_000_000).padStart(6, "0")}`;
}

/**
 * The workspace row, created atomically (INSERT … ON CONFLICT): a booted app writes it too (on its
 * first request, and when auth.test confirms the installed team), and Prisma's upsert can lose
 * that race with a unique-constraint error.
 */
export async function ensureWorkspaceRow(db: Db, teamId: string): Promise<void> {
  await db.$executeRaw`INSERT INTO "Workspace" ("teamId", "updatedAt") VALUES (${teamId}, now()) ON CONFLICT ("teamId") DO NOTHING`;
}

export async function ensureWorkspace(db: Db, teamId: string, completionReactions: string[] = []): Promise<void> {
  await ensureWorkspaceRow(db, teamId);
  await db.workspace.update({ where: { teamId }, data: { completionReactions } });
}

export async function insertPostedPrompt(db: Db, input: PostedPromptInput): Promise<{ id: string; messageTs: string; channelId: string; teamId: string }> {
  await ensureWorkspaceRow(db, input.teamId);
  const postedAt = input.postedAt ?? new Date();
  const messageTs = input.messageTs ?? nextMessageTs(ROW_TS_AT);
  const prompt = await db.prompt.create({
    data: {
      id: randomUUID(),
      teamId: input.teamId,
      scheduleId: input.scheduleId ?? null,
      slotKey: postedAt.toISOString() + randomUUID().slice(0, 8),
      slotAt: postedAt,
      target: input.recipientUserId ?? input.channelId,
      recipientUserId: input.recipientUserId ?? null,
      status: "posted",
      channelId: input.channelId,
      messageTs,
      area: input.area === undefined ? "neck" : input.area,
      exerciseIds: input.exerciseIds ?? [],
      postedAt,
    },
  });
  return { id: prompt.id, messageTs, channelId: input.channelId, teamId: input.teamId };
}

export async function insertDeliveries(
  db: Db,
  prompt: { id: string; teamId: string },
  userIds: string[],
  localDate: string,
  status: "delivered" | "skipped" = "delivered",
): Promise<void> {
  await db.delivery.createMany({ data: userIds.map((userId) => ({ teamId: prompt.teamId, promptId: prompt.id, userId, localDate, status })) });
}

/** A completion of a posted prompt by one person (as a reaction or Done leaves it). */
export async function insertCompletion(
  db: Db,
  prompt: { id: string; teamId: string; channelId: string },
  userId: string,
  localDate: string,
  source: "reaction" | "button" = "reaction",
): Promise<void> {
  await db.completion.create({ data: { teamId: prompt.teamId, promptId: prompt.id, userId, channelId: prompt.channelId, source, localDate } });
}

/** "YYYY-MM-DD" n days before `from` (UTC). */
export function daysAgo(n: number, from = new Date()): string {
  return new Date(from.getTime() - n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A streak in progress: `days` past days (yesterday back), each with a channel prompt delivered to
 * the person and completed, plus today's prompt delivered but not yet completed.
 */
export async function insertStreakHistory(
  db: Db,
  input: { teamId: string; channelId: string; userId: string; days: number },
): Promise<{ id: string; messageTs: string; channelId: string; teamId: string }> {
  const { teamId, channelId, userId } = input;
  for (let n = input.days; n >= 1; n -= 1) {
    const old = await insertPostedPrompt(db, { teamId, channelId, postedAt: new Date(Date.now() - n * 86_400_000) });
    await insertDeliveries(db, old, [userId], daysAgo(n));
    await insertCompletion(db, old, userId, daysAgo(n));
  }
  const today = await insertPostedPrompt(db, { teamId, channelId });
  await insertDeliveries(db, today, [userId], daysAgo(0));
  return today;
}

export interface MemberInput {
  userId: string;
  tz?: string | null;
  isBot?: boolean;
  deleted?: boolean;
  optedOut?: boolean;
  workStartMinute?: number;
  workEndMinute?: number;
  workDays?: number[];
  /** A stored dnd.teamInfo answer "no DND", asked just now: deliveries need no Tier 2 call. */
  dndKnownOff?: boolean;
}

export async function addMembers(db: Db, members: MemberInput[], teamId = TEAM): Promise<void> {
  await ensureWorkspaceRow(db, teamId);
  for (const m of members) {
    const data = {
      tz: m.tz === undefined ? "Europe/Warsaw" : m.tz,
      isBot: m.isBot ?? false,
      deleted: m.deleted ?? false,
      optedOut: m.optedOut ?? false,
      workStartMinute: m.workStartMinute ?? 0,
      workEndMinute: m.workEndMinute ?? 1440,
      workDays: m.workDays ?? [1, 2, 3, 4, 5, 6, 7],
      profileFetchedAt: new Date(),
      ...(m.dndKnownOff ? { dndEnabled: false, dndCheckedAt: new Date() } : {}),
    };
    // Insert-if-missing then update, not upsert: the app may create the same member meanwhile.
    await db.member.createMany({ data: [{ teamId, userId: m.userId, ...data }], skipDuplicates: true });
    await db.member.update({ where: { teamId_userId: { teamId, userId: m.userId } }, data });
  }
}

export async function joinChannel(db: Db, channelId: string, userIds: string[], teamId = TEAM): Promise<void> {
  await db.channelMember.createMany({ data: userIds.map((userId) => ({ teamId, channelId, userId })), skipDuplicates: true });
}

export interface ScheduleInput {
  kind: "channel" | "members" | "dm";
  channelId?: string;
  userId?: string;
  createdBy?: string;
  intervalMinutes?: number | null;
  times?: string[];
  windowStartMinute?: number;
  windowEndMinute?: number;
  days?: number[];
  tz?: string;
  area?: string | null;
  active?: boolean;
  /** No slot before this instant (Schedule.slotsFrom). Default: none. */
  slotsFrom?: Date | null;
  pausedUntil?: Date | null;
}

export async function createSchedule(db: Db, input: ScheduleInput, teamId = TEAM): Promise<string> {
  await ensureWorkspaceRow(db, teamId);
  const target = input.kind === "dm" ? input.userId! : input.channelId!;
  const row = await db.schedule.create({
    data: {
      teamId,
      kind: input.kind,
      channelId: input.kind === "dm" ? null : input.channelId!,
      userId: input.kind === "dm" ? input.userId! : null,
      targetKey: `${input.kind}:${target}`,
      createdBy: input.createdBy ?? input.userId ?? "U0OWNER001",
      intervalMinutes: input.intervalMinutes === undefined ? 60 : input.intervalMinutes,
      times: input.times ?? [],
      windowStartMinute: input.windowStartMinute ?? 9 * 60,
      windowEndMinute: input.windowEndMinute ?? 17 * 60,
      days: input.days ?? [1, 2, 3, 4, 5, 6, 7],
      tz: input.tz ?? "Europe/Warsaw",
      area: input.area ?? null,
      active: input.active ?? true,
      slotsFrom: input.slotsFrom ?? null,
      pausedUntil: input.pausedUntil ?? null,
    },
  });
  return row.id;
}
