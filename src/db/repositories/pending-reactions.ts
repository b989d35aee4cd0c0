import type { Db } from "../client.js";

// Instants go to SQL as ISO text read "AT TIME ZONE 'UTC'": DateTime columns hold UTC wall time
// (Prisma's convention), whatever the session's time zone.

/** A held reaction as stored: the event, and when it is given up. */
export interface PendingReactionRow {
  eventId: string;
  teamId: string;
  channelId: string;
  messageTs: string;
  userId: string;
  reaction: string;
  kind: "added" | "removed";
  itemUser: string | null;
  eventAt: Date;
}

/**
 * Reactions that arrived before their prompt's ts was recorded ("held"), durable in Postgres so a
 * Redis that loses its data loses none of them. Each method is one round trip.
 */
export class PendingReactionRepository {
  constructor(private readonly db: Db) {}

  /** Stores held reactions; a Slack retry of one already stored changes nothing. */
  async hold(rows: PendingReactionRow[], expiresAt: (row: PendingReactionRow) => Date): Promise<void> {
    if (rows.length === 0) return;
    await this.db.pendingReaction.createMany({
      data: rows.map((r) => ({ ...r, expiresAt: expiresAt(r) })),
      skipDuplicates: true,
    });
  }

  /**
   * Held reactions whose prompt now has the message's ts, oldest first (event order: an add
   * followed by its removal ends with no completion). Uses Prompt's (teamId, channelId, messageTs) key.
   */
  async resolvable(limit: number): Promise<PendingReactionRow[]> {
    return this.db.$queryRaw<PendingReactionRow[]>`
      SELECT pr."eventId", pr."teamId", pr."channelId", pr."messageTs", pr."userId", pr."reaction", pr."kind", pr."itemUser", pr."eventAt"
      FROM "PendingReaction" pr
      WHERE EXISTS (SELECT 1 FROM "Prompt" p WHERE p."teamId" = pr."teamId" AND p."channelId" = pr."channelId" AND p."messageTs" = pr."messageTs")
      ORDER BY pr."eventAt", pr."eventId"
      LIMIT ${limit}`;
  }

  async remove(eventIds: string[]): Promise<void> {
    if (eventIds.length === 0) return;
    await this.db.pendingReaction.deleteMany({ where: { eventId: { in: eventIds } } });
  }

  /** Deletes and returns those past their expiry (`now` on Slack's time line, as `eventAt` is). */
  async expire(now: Date): Promise<PendingReactionRow[]> {
    return this.db.$queryRaw<PendingReactionRow[]>`
      DELETE FROM "PendingReaction" WHERE "expiresAt" <= (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
      RETURNING "eventId", "teamId", "channelId", "messageTs", "userId", "reaction", "kind", "itemUser", "eventAt"`;
  }

  /**
   * A removal processed after its prompt's ts was recorded cancels the same person's held add of
   * the same emoji on that message (which happened before it), so the add cannot come back later.
   */
  async cancelAdds(removals: Array<{ teamId: string; channelId: string; messageTs: string; userId: string; reaction: string; at: Date }>): Promise<number> {
    if (removals.length === 0) return 0;
    return this.db.$executeRaw`
      DELETE FROM "PendingReaction" pr
      USING unnest(${removals.map((r) => r.teamId)}::text[], ${removals.map((r) => r.channelId)}::text[], ${removals.map((r) => r.messageTs)}::text[],
        ${removals.map((r) => r.userId)}::text[], ${removals.map((r) => r.reaction)}::text[], ${removals.map((r) => r.at.toISOString())}::timestamptz[]) AS k(t, c, m, u, r, at)
      WHERE pr."kind" = 'added' AND pr."teamId" = k.t AND pr."channelId" = k.c AND pr."messageTs" = k.m
        AND pr."userId" = k.u AND pr."reaction" = k.r AND pr."eventAt" <= (k.at AT TIME ZONE 'UTC')`;
  }
}
