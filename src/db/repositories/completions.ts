import type { Db } from "../client.js";

/**
 * Completions, prompt reactions and event idempotency. The reaction path is batched: every method
 * takes many rows and costs one round trip, so 1,000 reactions/s are a few queries per batch.
 * Raw SQL where Prisma has no batch form (unnest joins, ON CONFLICT … RETURNING).
 */

/** A posted prompt as completions see it. */
export interface PromptRef {
  id: string;
  teamId: string;
  channelId: string;
  messageTs: string;
  recipientUserId: string | null;
  area: string | null;
  exerciseIds: string[];
  /** postedAt, else slotAt. */
  promptAt: Date;
  /** Its schedule's zone, the fallback for people whose zone is unknown. */
  promptTz: string | null;
}

/** A prompt as the Done button sees it: its ts (and a DM's channel) may not be recorded yet. */
export type PromptButtonRef = Omit<PromptRef, "channelId" | "messageTs"> & { channelId: string | null; messageTs: string | null };

export interface MessageKey {
  teamId: string;
  channelId: string;
  messageTs: string;
}

export interface PersonRow {
  teamId: string;
  userId: string;
  tz: string | null;
  workEndMinute: number;
  optedOut: boolean;
  isBot: boolean;
}

/** One reaction change that passed the rules, tied to the event that carried it. */
export interface ReactionOp {
  eventId: string;
  teamId: string;
  promptId: string;
  userId: string;
  reaction: string;
  kind: "added" | "removed";
  channelId: string;
  area: string | null;
  localDate: string;
}

export interface CompletionKey {
  teamId: string;
  promptId: string;
  userId: string;
  localDate: string;
}

export interface ReactionBatchResult {
  /** Event ids seen before (Slack retries): nothing was done for them. */
  duplicateEventIds: string[];
  created: CompletionKey[];
  removed: CompletionKey[];
}

type PromptRow = Omit<PromptRef, "promptAt"> & { postedAt: Date | null; slotAt: Date };

const PROMPT_COLUMNS = `p."id"::text AS "id", p."teamId", p."channelId", p."messageTs", p."recipientUserId", p."area",
  p."exerciseIds", p."postedAt", p."slotAt", s."tz" AS "promptTz"`;

export class CompletionRepository {
  constructor(private readonly db: Db) {}

  async findPromptsByMessage(keys: MessageKey[]): Promise<PromptRef[]> {
    if (keys.length === 0) return [];
    const rows = await this.db.$queryRawUnsafe<PromptRow[]>(
      `SELECT ${PROMPT_COLUMNS}
       FROM unnest($1::text[], $2::text[], $3::text[]) AS k("teamId", "channelId", "messageTs")
       JOIN "Prompt" p ON p."teamId" = k."teamId" AND p."channelId" = k."channelId" AND p."messageTs" = k."messageTs"
       LEFT JOIN "Schedule" s ON s."id" = p."scheduleId"`,
      keys.map((k) => k.teamId),
      keys.map((k) => k.channelId),
      keys.map((k) => k.messageTs),
    );
    return rows.map(toPromptRef);
  }

  /**
   * A prompt by id, only within this workspace (a button value is not trusted across teams), for
   * the Done button. The press itself proves Slack has the message, so a prompt whose ts is not
   * recorded yet counts too (pressed the second it was posted, or a post whose outcome was unknown
   * until the history check): it must only have been claimed for posting at least once. Without a
   * recorded channel, a channel prompt's is its target; a DM's is left to the caller (`channelId`
   * null: the press carries it).
   */
  async findPrompt(teamId: string, promptId: string): Promise<PromptButtonRef | null> {
    if (!/^[0-9a-f-]{36}$/i.test(promptId)) return null;
    const rows = await this.db.$queryRawUnsafe<Array<Omit<PromptRow, "channelId" | "messageTs"> & { channelId: string | null; messageTs: string | null }>>(
      `SELECT p."id"::text AS "id", p."teamId",
              COALESCE(p."channelId", CASE WHEN p."recipientUserId" IS NULL THEN p."target" END) AS "channelId",
              p."messageTs", p."recipientUserId", p."area", p."exerciseIds", p."postedAt", p."slotAt", s."tz" AS "promptTz"
       FROM "Prompt" p LEFT JOIN "Schedule" s ON s."id" = p."scheduleId"
       WHERE p."teamId" = $1 AND p."id" = $2::uuid
         AND (p."messageTs" IS NOT NULL OR p."claimedAt" IS NOT NULL OR p."uncertainSince" IS NOT NULL OR p."attempts" > 0)`,
      teamId,
      promptId,
    );
    const row = rows[0];
    if (!row) return null;
    const { postedAt, slotAt, ...rest } = row;
    // No ts yet means no postedAt: the window is judged from the slot (the engine's clock, like
    // postedAt; claimedAt is PostgreSQL's and may differ from the engine's, e.g. in the demo).
    return { ...rest, promptAt: postedAt ?? slotAt };
  }

  /** Workspace.completionReactions per team (empty = any emoji). */
  async allowedReactions(teamIds: string[]): Promise<Map<string, string[]>> {
    if (teamIds.length === 0) return new Map();
    // Raw: an ORM findMany costs ~1–2 ms of CPU in Prisma's query compiler, once per batch.
    const rows = await this.db.$queryRaw<Array<{ teamId: string; completionReactions: string[] }>>`
      SELECT "teamId", "completionReactions" FROM "Workspace" WHERE "teamId" = ANY(${teamIds}::text[])`;
    return new Map(rows.map((r) => [r.teamId, r.completionReactions]));
  }

  async people(pairs: Array<{ teamId: string; userId: string }>): Promise<PersonRow[]> {
    if (pairs.length === 0) return [];
    return this.db.$queryRaw<PersonRow[]>`
      SELECT m."teamId", m."userId", m."tz", m."workEndMinute", m."optedOut", m."isBot"
      FROM unnest(${pairs.map((p) => p.teamId)}::text[], ${pairs.map((p) => p.userId)}::text[]) AS k("teamId", "userId")
      JOIN "Member" m ON m."teamId" = k."teamId" AND m."userId" = k."userId"`;
  }

  /** Delivery.localDate for (prompt, person) pairs that have a Delivery row. */
  async deliveryDates(pairs: Array<{ promptId: string; userId: string }>): Promise<Array<{ promptId: string; userId: string; localDate: string }>> {
    if (pairs.length === 0) return [];
    return this.db.$queryRaw`
      SELECT d."promptId"::text AS "promptId", d."userId", d."localDate"
      FROM unnest(${pairs.map((p) => p.promptId)}::uuid[], ${pairs.map((p) => p.userId)}::text[]) AS k("promptId", "userId")
      JOIN "Delivery" d ON d."promptId" = k."promptId" AND d."userId" = k."userId"`;
  }

  /**
   * Applies a batch of reaction changes in one transaction: marks the events processed (retries
   * drop out here), applies the last change per (prompt, person, emoji), then makes completions
   * follow the reactions: a person with at least one qualifying reaction left has a completion; one
   * with none loses a reaction-made completion (a Done-button completion stays).
   */
  async applyReactionBatch(ops: ReactionOp[], now = new Date()): Promise<ReactionBatchResult> {
    if (ops.length === 0) return { duplicateEventIds: [], created: [], removed: [] };
    return this.db.$transaction(async (tx) => {
      const eventIds = [...new Set(ops.map((o) => o.eventId))];
      const teamOf = new Map(ops.map((o) => [o.eventId, o.teamId]));
      const fresh = await tx.$queryRaw<Array<{ eventId: string }>>`
        INSERT INTO "ProcessedEvent" ("eventId", "teamId", "processedAt")
        SELECT e, t, ${now} FROM unnest(${eventIds}::text[], ${eventIds.map((id) => teamOf.get(id)!)}::text[]) AS k(e, t)
        ON CONFLICT DO NOTHING RETURNING "eventId"`;
      const freshIds = new Set(fresh.map((r) => r.eventId));
      const duplicateEventIds = eventIds.filter((id) => !freshIds.has(id));

      // Last change wins per (prompt, person, emoji); arrival order is Slack's order.
      const latest = new Map<string, ReactionOp>();
      for (const op of ops) if (freshIds.has(op.eventId)) latest.set(`${op.promptId}|${op.userId}|${op.reaction}`, op);
      // Sorted so concurrent transactions (several web processes) lock rows in the same order.
      const changes = [...latest.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, op]) => op);
      const adds = changes.filter((o) => o.kind === "added");
      const removes = changes.filter((o) => o.kind === "removed");
      if (adds.length > 0) {
        await tx.$executeRaw`
          INSERT INTO "PromptReaction" ("teamId", "promptId", "userId", "reaction", "createdAt")
          SELECT k.t, k.p, k.u, k.r, ${now} FROM unnest(${adds.map((o) => o.teamId)}::text[], ${adds.map((o) => o.promptId)}::uuid[],
            ${adds.map((o) => o.userId)}::text[], ${adds.map((o) => o.reaction)}::text[]) AS k(t, p, u, r)
          ON CONFLICT DO NOTHING`;
      }
      if (removes.length > 0) {
        await tx.$executeRaw`
          DELETE FROM "PromptReaction" pr USING unnest(${removes.map((o) => o.promptId)}::uuid[], ${removes.map((o) => o.userId)}::text[],
            ${removes.map((o) => o.reaction)}::text[]) AS k(p, u, r)
          WHERE pr."promptId" = k.p AND pr."userId" = k.u AND pr."reaction" = k.r`;
      }

      const pairs = new Map<string, ReactionOp>();
      for (const op of changes) pairs.set(`${op.promptId}|${op.userId}`, op);
      if (pairs.size === 0) return { duplicateEventIds, created: [], removed: [] };
      const affected = [...pairs.values()];
      const still = await tx.$queryRaw<Array<{ promptId: string; userId: string }>>`
        SELECT DISTINCT pr."promptId"::text AS "promptId", pr."userId"
        FROM unnest(${affected.map((o) => o.promptId)}::uuid[], ${affected.map((o) => o.userId)}::text[]) AS k(p, u)
        JOIN "PromptReaction" pr ON pr."promptId" = k.p AND pr."userId" = k.u`;
      const reacting = new Set(still.map((r) => `${r.promptId}|${r.userId}`));
      const keep = affected.filter((o) => reacting.has(`${o.promptId}|${o.userId}`));
      const drop = affected.filter((o) => !reacting.has(`${o.promptId}|${o.userId}`));

      const created =
        keep.length === 0
          ? []
          : await tx.$queryRaw<CompletionKey[]>`
              INSERT INTO "Completion" ("id", "teamId", "promptId", "userId", "channelId", "source", "area", "localDate", "completedAt")
              SELECT gen_random_uuid(), k.t, k.p, k.u, k.c, 'reaction', k.a, k.d, ${now}
              FROM unnest(${keep.map((o) => o.teamId)}::text[], ${keep.map((o) => o.promptId)}::uuid[], ${keep.map((o) => o.userId)}::text[],
                ${keep.map((o) => o.channelId)}::text[], ${keep.map((o) => o.area)}::text[], ${keep.map((o) => o.localDate)}::text[]) AS k(t, p, u, c, a, d)
              JOIN "Prompt" p ON p."id" = k.p
              ON CONFLICT ("promptId", "userId") DO NOTHING
              RETURNING "teamId", "promptId"::text AS "promptId", "userId", "localDate"`;
      await deliveredToCompleters(tx, created, now);
      const removed =
        drop.length === 0
          ? []
          : await tx.$queryRaw<CompletionKey[]>`
              DELETE FROM "Completion" c USING unnest(${drop.map((o) => o.promptId)}::uuid[], ${drop.map((o) => o.userId)}::text[]) AS k(p, u)
              WHERE c."promptId" = k.p AND c."userId" = k.u AND c."source" = 'reaction'
              RETURNING c."teamId", c."promptId"::text AS "promptId", c."userId", c."localDate"`;
      return { duplicateEventIds, created, removed };
    });
  }

  /**
   * The Done button: a completion with source "button". If a reaction already made one, it becomes
   * a button completion, so removing that reaction later does not undo a Done press.
   */
  async completeByButton(input: Omit<ReactionOp, "eventId" | "reaction" | "kind">, now = new Date()): Promise<{ created: boolean }> {
    const rows = await this.db.$queryRaw<Array<{ created: boolean }>>`
      INSERT INTO "Completion" ("id", "teamId", "promptId", "userId", "channelId", "source", "area", "localDate", "completedAt")
      VALUES (gen_random_uuid(), ${input.teamId}, ${input.promptId}::uuid, ${input.userId}, ${input.channelId}, 'button', ${input.area}, ${input.localDate}, ${now})
      ON CONFLICT ("promptId", "userId") DO UPDATE SET "source" = 'button'
      RETURNING (xmax = 0) AS "created"`;
    await deliveredToCompleters(this.db, [input], now);
    return { created: rows[0]?.created === true };
  }

  /** Slack retries events for about an hour; a day of ids is plenty. */
  async pruneProcessedEvents(olderThan: Date): Promise<number> {
    return this.db.$executeRaw`DELETE FROM "ProcessedEvent" WHERE "processedAt" < ${olderThan}`;
  }
}

/**
 * Whoever completes a prompt was reached by it: a Delivery row when there is none (a channel
 * prompt posted before their membership was known, a `/stretch now` in a channel with no
 * schedule), so rates never show more completions than prompts.
 */
async function deliveredToCompleters(
  db: { $executeRaw: Db["$executeRaw"] },
  rows: Array<{ teamId: string; promptId: string; userId: string; localDate: string }>,
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await db.$executeRaw`
    INSERT INTO "Delivery" ("id", "teamId", "promptId", "userId", "status", "localDate", "deliveredAt")
    SELECT gen_random_uuid(), k.t, k.p, k.u, 'delivered', k.d, ${now}
    FROM unnest(${rows.map((r) => r.teamId)}::text[], ${rows.map((r) => r.promptId)}::uuid[], ${rows.map((r) => r.userId)}::text[],
      ${rows.map((r) => r.localDate)}::text[]) AS k(t, p, u, d)
    ON CONFLICT ("promptId", "userId") DO NOTHING`;
}

function toPromptRef(row: PromptRow): PromptRef {
  const { postedAt, slotAt, ...rest } = row;
  return { ...rest, promptAt: postedAt ?? slotAt };
}
