import type { StoredStatus } from "../../domain/quiet-status.js";
import type { Db } from "../client.js";
import { prismaRunner, type SqlRunner } from "../sql.js";

/** A DM recipient's stored status and their workspace's list (null = the built-in default). */
export interface QuietLookup extends StoredStatus {
  teamId: string;
  userId: string;
  workspaceList: string[] | null;
  /** The person's prompt style (compact | full) and language facts, read with the status: one look-up per delivery. */
  promptStyle: string;
  language: string | null;
  slackLocale: string | null;
  workspaceDefault: string | null;
}

export interface HoldRow {
  teamId: string;
  userId: string;
  promptId: string;
  reason: string;
  outcome: "deferred" | "skipped";
  /** When it was held, on the app's clock (the held-prompts summary counts back from that clock). */
  at?: Date;
}

export interface HoldCount {
  reason: string;
  outcome: "deferred" | "skipped";
  count: number;
}

/**
 * Slack statuses and huddles stored on Member (kept current by events), the workspace's list of
 * statuses that count as "don't interrupt", and the prompts held back because of them.
 */
export class QuietStatusRepository {
  /** `sql`: the workers' pg pool on the delivery hot path; Prisma when not given. */
  constructor(
    private readonly db: Db,
    private readonly sql: SqlRunner = prismaRunner(db),
  ) {}

  /**
   * Stores a status as of `eventAt` for a known member. Older news than what is stored is ignored
   * (events can arrive out of order, and Slack retries them): returns false then.
   */
  async save(teamId: string, userId: string, status: StoredStatus, eventAt: Date): Promise<boolean> {
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    const n = await this.sql.execute(
      `UPDATE "Member" SET "statusText" = $3, "statusEmoji" = $4,
              "statusExpiresAt" = ($5::timestamptz AT TIME ZONE 'UTC'), "inHuddle" = $6,
              "huddleExpiresAt" = ($7::timestamptz AT TIME ZONE 'UTC'), "statusEventAt" = ($8::timestamptz AT TIME ZONE 'UTC')
       WHERE "teamId" = $1 AND "userId" = $2
         AND ("statusEventAt" IS NULL OR "statusEventAt" <= ($8::timestamptz AT TIME ZONE 'UTC'))`,
      [teamId, userId, status.text, status.emoji, iso(status.expiresAt), status.inHuddle, iso(status.huddleExpiresAt), eventAt.toISOString()],
    );
    return n > 0;
  }

  /** Status of these people (one statement for a batch of deliveries). Unknown people are left out. */
  async lookup(keys: Array<{ teamId: string; userId: string }>): Promise<QuietLookup[]> {
    if (keys.length === 0) return [];
    const rows = await this.sql.query<{
      teamId: string; userId: string; text: string | null; emoji: string | null; expiresAt: Date | null;
      inHuddle: boolean; huddleExpiresAt: Date | null; list: string[] | null; custom: boolean | null; promptStyle: string;
      language: string | null; slackLocale: string | null; workspaceDefault: string | null;
    }>(
      `SELECT m."teamId", m."userId", m."statusText" AS text, m."statusEmoji" AS emoji, m."statusExpiresAt" AS "expiresAt",
              m."inHuddle", m."huddleExpiresAt", m."promptStyle", m.language, m."slackLocale", w."defaultLanguage" AS "workspaceDefault",
              w."quietStatuses" AS list, w."quietStatusesCustom" AS custom
       FROM unnest($1::text[], $2::text[]) AS k(team_id, user_id)
       JOIN "Member" m ON m."teamId" = k.team_id AND m."userId" = k.user_id
       LEFT JOIN "Workspace" w ON w."teamId" = m."teamId"`,
      [keys.map((k) => k.teamId), keys.map((k) => k.userId)],
    );
    return rows.map(({ list, custom, ...r }) => ({ ...r, workspaceList: custom ? (list ?? []) : null }));
  }

  /** One row per prompt: a prompt deferred twice counts once; deferred then skipped ends as skipped. */
  async recordHold(row: HoldRow): Promise<void> {
    await this.sql.execute(
      `INSERT INTO "PromptHold" ("promptId", "teamId", "userId", reason, outcome, "heldAt")
       VALUES ($1::uuid, $2, $3, $4, $5, ($6::timestamptz AT TIME ZONE 'UTC'))
       ON CONFLICT ("promptId") DO UPDATE SET reason = EXCLUDED.reason, outcome = EXCLUDED.outcome`,
      [row.promptId, row.teamId, row.userId, row.reason, row.outcome, (row.at ?? new Date()).toISOString()],
    );
  }

  /** This person's held prompts since `since`, by reason and outcome. */
  async holdsSince(teamId: string, userId: string, since: Date): Promise<HoldCount[]> {
    const rows = await this.db.promptHold.groupBy({
      by: ["reason", "outcome"],
      where: { teamId, userId, heldAt: { gte: since } },
      _count: { _all: true },
    });
    return rows.map((r) => ({ reason: r.reason, outcome: r.outcome as HoldCount["outcome"], count: r._count._all }));
  }

  /** The workspace's default language (channel prompts speak it), null = English. */
  async workspaceLanguage(teamId: string): Promise<string | null> {
    const rows = await this.sql.query<{ lang: string | null }>(`SELECT "defaultLanguage" AS lang FROM "Workspace" WHERE "teamId" = $1`, [teamId]);
    return rows[0]?.lang ?? null;
  }

  /** The stored list, or null when the workspace uses the built-in default. */
  async workspaceList(teamId: string): Promise<string[] | null> {
    const row = await this.db.workspace.findUnique({ where: { teamId }, select: { quietStatuses: true, quietStatusesCustom: true } });
    return row?.quietStatusesCustom ? row.quietStatuses : null;
  }

  /** null = back to the built-in default. */
  async setWorkspaceList(teamId: string, lines: string[] | null): Promise<void> {
    await this.db.workspace.update({ where: { teamId }, data: { quietStatuses: lines ?? [], quietStatusesCustom: lines !== null } });
  }
}
