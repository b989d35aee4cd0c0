import type { Db } from "../client.js";

/** Completions per local day for one person (the calendar heatmap). */
export class CompletionDayRepository {
  constructor(private readonly db: Db) {}

  /** Local dates in [from, to] with at least one completion, and how many. Uses (teamId, userId, localDate). */
  async perDay(teamId: string, userId: string, from: string, to: string): Promise<Map<string, number>> {
    const rows = await this.db.$queryRaw<Array<{ day: string; n: number }>>`
      SELECT "localDate" AS "day", count(*)::int AS "n" FROM "Completion"
      WHERE "teamId" = ${teamId} AND "userId" = ${userId} AND "localDate" >= ${from} AND "localDate" <= ${to}
      GROUP BY "localDate"`;
    return new Map(rows.map((r) => [r.day, r.n]));
  }
}
