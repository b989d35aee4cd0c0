import { randomUUID } from "node:crypto";
import type { Db } from "../../src/db/client.js";

/**
 * Posted prompts and deliveries written straight to the test database, the way the job engine
 * leaves them (status posted, channelId + messageTs; one Delivery per person reached), so
 * completion tests do not depend on the engine.
 */
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

/** A unique, realistic message ts. */
export function nextMessageTs(): string {
  tsCounter += 1;
  return `${1_763_000_000 + tsCounter}.${String(100_000 + tsCounter).padStart(6, "0")}`;
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
  const messageTs = input.messageTs ?? nextMessageTs();
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
    await db.completion.create({ data: { teamId, promptId: old.id, userId, channelId, source: "reaction", localDate: daysAgo(n) } });
  }
  const today = await insertPostedPrompt(db, { teamId, channelId });
  await insertDeliveries(db, today, [userId], daysAgo(0));
  return today;
}
