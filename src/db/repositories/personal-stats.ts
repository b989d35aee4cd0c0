import type { Db } from "../client.js";

/** Counts for one period (local dates from `since`, inclusive). */
export interface PeriodCounts {
  /** Every completion, including channel prompts that had no Delivery row for the person. */
  completed: number;
  /** Prompts delivered to the person (Delivery status delivered; skipped ones never reached them). */
  delivered: number;
  /** Completions of prompts that were delivered to them: the numerator of the rate (≤ delivered). */
  completedOfDelivered: number;
}

/** One person's numbers from Completion and Delivery rows (indexed by teamId, userId, localDate). */
export class PersonalStatsRepository {
  constructor(private readonly db: Db) {}

  /** Counts per period start (e.g. week, month, "0000-00-00" for all time), in two queries. */
  async periods(teamId: string, userId: string, starts: string[]): Promise<PeriodCounts[]> {
    const [completions, deliveries] = await Promise.all([
      this.db.$queryRaw<Array<{ since: string; completed: number; ofDelivered: number }>>`
        SELECT s.since, count(c."id")::int AS "completed", count(d."id")::int AS "ofDelivered"
        FROM unnest(${starts}::text[]) AS s(since)
        LEFT JOIN "Completion" c ON c."teamId" = ${teamId} AND c."userId" = ${userId} AND c."localDate" >= s.since
        LEFT JOIN "Delivery" d ON d."promptId" = c."promptId" AND d."userId" = c."userId" AND d."status" = 'delivered'
        GROUP BY s.since`,
      this.db.$queryRaw<Array<{ since: string; delivered: number }>>`
        SELECT s.since, count(d."id")::int AS "delivered"
        FROM unnest(${starts}::text[]) AS s(since)
        LEFT JOIN "Delivery" d ON d."teamId" = ${teamId} AND d."userId" = ${userId} AND d."status" = 'delivered' AND d."localDate" >= s.since
        GROUP BY s.since`,
    ]);
    const c = new Map(completions.map((r) => [r.since, r]));
    const d = new Map(deliveries.map((r) => [r.since, r.delivered]));
    return starts.map((since) => ({
      completed: c.get(since)?.completed ?? 0,
      completedOfDelivered: c.get(since)?.ofDelivered ?? 0,
      delivered: d.get(since) ?? 0,
    }));
  }

  /** The areas this person completes most, most first. */
  async topAreas(teamId: string, userId: string, limit = 3): Promise<Array<{ area: string; count: number }>> {
    // Raw SQL: /stretch stats is interactive, and ORM queries cost ms of CPU to compile.
    return this.db.$queryRaw<Array<{ area: string; count: number }>>`
      SELECT "area", count(*)::int AS "count" FROM "Completion"
      WHERE "teamId" = ${teamId} AND "userId" = ${userId} AND "area" IS NOT NULL
      GROUP BY "area" ORDER BY count(*) DESC, "area" ASC LIMIT ${limit}`;
  }
}
