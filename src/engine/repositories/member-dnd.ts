import type { CachedDnd } from "../../domain/availability.js";
import type { Db } from "../../db/client.js";
import { prismaRunner, type SqlRunner } from "../../db/sql.js";

export interface MemberDnd extends CachedDnd {
  teamId: string;
  userId: string;
  checkedAt: Date;
}

/**
 * Stored Do Not Disturb answers (Member.dnd*), so a person's DND is asked of Slack about once a
 * day instead of before every prompt (dnd.teamInfo is a Tier 2 method: ~20 calls a minute).
 */
export class MemberDndRepository {
  /** `sql`: the workers' pg pool on the hot path; Prisma when not given. */
  constructor(
    db: Db,
    private readonly sql: SqlRunner = prismaRunner(db),
  ) {}

  /**
   * Known members only (nobody else gets DM prompts). An answer older than the stored one is
   * ignored (checkedAt: when a dnd.teamInfo call was made, when an event was received), so a slow
   * dnd.teamInfo reply cannot undo a dnd_updated_user event that arrived while it was on its way.
   */
  async save(rows: MemberDnd[]): Promise<number> {
    if (rows.length === 0) return 0;
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    return this.sql.execute(
      `UPDATE "Member" m
       SET "dndEnabled" = v.enabled,
           "dndNextStartAt" = (v.next_start::timestamptz AT TIME ZONE 'UTC'),
           "dndNextEndAt" = (v.next_end::timestamptz AT TIME ZONE 'UTC'),
           "dndCheckedAt" = (v.checked::timestamptz AT TIME ZONE 'UTC')
       FROM unnest($1::text[], $2::text[], $3::boolean[], $4::text[], $5::text[], $6::text[])
            AS v(team_id, user_id, enabled, next_start, next_end, checked)
       WHERE m."teamId" = v.team_id AND m."userId" = v.user_id
         AND (m."dndCheckedAt" IS NULL OR m."dndCheckedAt" <= (v.checked::timestamptz AT TIME ZONE 'UTC'))`,
      [
        rows.map((r) => r.teamId),
        rows.map((r) => r.userId),
        rows.map((r) => r.enabled),
        rows.map((r) => iso(r.nextStartAt)),
        rows.map((r) => iso(r.nextEndAt)),
        rows.map((r) => r.checkedAt.toISOString()),
      ],
    );
  }
}
