import type { Db } from "../client.js";

export class StreakMilestoneRepository {
  constructor(private readonly db: Db) {}

  /**
   * Claims milestones for a person; returns only the ones this call created. The unique row is
   * written before the DM is sent, so two racing completions can never celebrate twice.
   */
  async claim(teamId: string, userId: string, days: number[], now = new Date()): Promise<number[]> {
    if (days.length === 0) return [];
    const rows = await this.db.$queryRaw<Array<{ days: number }>>`
      INSERT INTO "StreakMilestone" ("teamId", "userId", "days", "reachedAt")
      SELECT ${teamId}, ${userId}, d, ${now} FROM unnest(${days}::int[]) AS d
      ON CONFLICT DO NOTHING RETURNING "days"`;
    return rows.map((r) => r.days).sort((a, b) => a - b);
  }
}
