import type { Db } from "../client.js";

/** One of a person's prompt days: how many completions, and whether a prompt was delivered. */
export interface PromptDay {
  localDate: string;
  completions: number;
  delivered: boolean;
}

export interface PersonKey {
  teamId: string;
  userId: string;
}

export const personKey = (p: PersonKey) => `${p.teamId}:${p.userId}`;

/**
 * Streak inputs for many people in one query. Skipped deliveries (status "skipped": paused, in a
 * meeting, DND…) never reached the person, so they are not prompt days and cannot break a streak.
 */
export class StreakDayRepository {
  constructor(private readonly db: Db) {}

  async promptDays(people: PersonKey[]): Promise<Map<string, PromptDay[]>> {
    const result = new Map<string, PromptDay[]>(people.map((p) => [personKey(p), []]));
    if (people.length === 0) return result;
    const teams = people.map((p) => p.teamId);
    const users = people.map((p) => p.userId);
    const rows = await this.db.$queryRaw<Array<{ teamId: string; userId: string; localDate: string; completions: number; delivered: boolean }>>`
      WITH k AS (SELECT DISTINCT * FROM unnest(${teams}::text[], ${users}::text[]) AS k("teamId", "userId"))
      SELECT x."teamId", x."userId", x."localDate", SUM(x.c)::int AS "completions", BOOL_OR(x.d) AS "delivered"
      FROM (
        SELECT c."teamId", c."userId", c."localDate", 1 AS c, false AS d
        FROM k JOIN "Completion" c ON c."teamId" = k."teamId" AND c."userId" = k."userId"
        UNION ALL
        SELECT d."teamId", d."userId", d."localDate", 0, true
        FROM k JOIN "Delivery" d ON d."teamId" = k."teamId" AND d."userId" = k."userId" AND d."status" = 'delivered'
      ) x
      GROUP BY 1, 2, 3`;
    for (const row of rows) result.get(personKey(row))?.push({ localDate: row.localDate, completions: row.completions, delivered: row.delivered });
    return result;
  }

  /** Member.tz per person (null when unknown or no row): "today" for a streak is in their zone. */
  async zones(people: PersonKey[]): Promise<Map<string, string | null>> {
    if (people.length === 0) return new Map();
    const rows = await this.db.$queryRaw<Array<{ teamId: string; userId: string; tz: string | null }>>`
      SELECT m."teamId", m."userId", m."tz"
      FROM unnest(${people.map((p) => p.teamId)}::text[], ${people.map((p) => p.userId)}::text[]) AS k("teamId", "userId")
      JOIN "Member" m ON m."teamId" = k."teamId" AND m."userId" = k."userId"`;
    return new Map(rows.map((r) => [personKey(r), r.tz]));
  }
}
