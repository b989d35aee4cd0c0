import { prefsFromRow, type PersonalPrefs } from "../../domain/personal-prefs.js";
import type { Db } from "../client.js";
import { prismaRunner, type SqlRunner } from "../sql.js";

/** Everything `/stretch me` shows and changes for one person. */
export interface PersonalSettings extends PersonalPrefs {
  tz: string | null;
  tzOverride: string | null;
  workStartMinute: number;
  workEndMinute: number;
  workDays: number[];
  language: string | null;
  slackLocale: string | null;
}

export type PersonalSettingsPatch = Partial<{
  tz: string | null;
  tzOverride: string | null;
  workStartMinute: number;
  workEndMinute: number;
  workDays: number[];
  preferredAreas: string[];
  avoidAreas: string[];
  seatedOnly: boolean;
  intensity: string;
  promptStyle: string;
  language: string | null;
  profileFetchedAt: Date | null;
}>;

/** Personal settings on Member: `/stretch me`, App Home, and what routines read for each person. */
export class MemberPrefsRepository {
  constructor(
    private readonly db: Db,
    private readonly sql: SqlRunner = prismaRunner(db),
  ) {}

  async find(teamId: string, userId: string): Promise<PersonalSettings | null> {
    const row = await this.db.member.findUnique({ where: { teamId_userId: { teamId, userId } } });
    if (!row) return null;
    return {
      ...prefsFromRow(row),
      tz: row.tz,
      tzOverride: row.tzOverride,
      workStartMinute: row.workStartMinute,
      workEndMinute: row.workEndMinute,
      workDays: row.workDays,
      language: row.language,
      slackLocale: row.slackLocale,
    };
  }

  async update(teamId: string, userId: string, patch: PersonalSettingsPatch): Promise<void> {
    await this.db.member.upsert({ where: { teamId_userId: { teamId, userId } }, create: { teamId, userId, ...patch }, update: patch });
  }

  /** Routine preferences of many people at once (fan-out: one statement per slot chunk). */
  async prefsOf(teamId: string, userIds: string[]): Promise<Map<string, PersonalPrefs>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.sql.query<{ userId: string; preferredAreas: string[]; avoidAreas: string[]; seatedOnly: boolean; intensity: string; promptStyle: string }>(
      `SELECT "userId", "preferredAreas", "avoidAreas", "seatedOnly", intensity, "promptStyle" FROM "Member"
       WHERE "teamId" = $1 AND "userId" = ANY($2::text[])
         AND (cardinality("preferredAreas") > 0 OR cardinality("avoidAreas") > 0 OR "seatedOnly" OR intensity <> 'standard')`,
      [teamId, userIds],
    );
    return new Map(rows.map((r) => [r.userId, prefsFromRow(r)]));
  }
}
