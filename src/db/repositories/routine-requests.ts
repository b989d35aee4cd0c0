import type { SqlRunner } from "../sql.js";

export interface RoutineRequestRecord {
  teamId: string;
  userId: string;
  channelId?: string | undefined;
  text: string;
  outcome: string;
  areas: string[];
  exerciseIds: string[];
  seconds?: number | undefined;
}

/**
 * Both statements sit on the `/stretch` hot path, so they go through plain SQL (src/db/sql.ts):
 * Prisma's query compiler and raw-query interpreter cost more CPU per call than the rest of the
 * request together (bench/stretch-command.ts).
 */
export class RoutineRequestRepository {
  constructor(private readonly sql: SqlRunner) {}

  /** Nothing is stored for a person who opted out (checked in the same statement: no extra round trip). */
  /** `at`: the app's clock, as the "since" of recentExerciseIds (the database's clock may differ). */
  async record(r: RoutineRequestRecord, at = new Date()): Promise<void> {
    await this.sql.execute(
      `INSERT INTO "RoutineRequest" ("id", "teamId", "userId", "channelId", "text", "outcome", "areas", "exerciseIds", "seconds", "createdAt")
       SELECT gen_random_uuid(), $1, $2, $3, $4, $5, $6::text[], $7::text[], $8::int, ($9::timestamptz AT TIME ZONE 'UTC')
       WHERE NOT EXISTS (SELECT 1 FROM "Member" WHERE "teamId" = $1 AND "userId" = $2 AND "optedOut")`,
      [r.teamId, r.userId, r.channelId ?? null, r.text.slice(0, 500), r.outcome, r.areas, r.exerciseIds, r.seconds ?? null, at.toISOString()],
    );
  }

  /** Exercise ids this person was shown since `since`, newest first. */
  async recentExerciseIds(teamId: string, userId: string, since: Date, limit = 5): Promise<string[]> {
    const rows = await this.sql.query<{ exerciseIds: string[] }>(
      `SELECT "exerciseIds" FROM "RoutineRequest"
       WHERE "teamId" = $1 AND "userId" = $2 AND "createdAt" >= ($3::timestamptz AT TIME ZONE 'UTC')
       ORDER BY "createdAt" DESC LIMIT $4`,
      // Columns hold UTC wall time (Prisma's convention), whatever the session's time zone.
      [teamId, userId, since.toISOString(), limit],
    );
    return [...new Set(rows.flatMap((r) => r.exerciseIds))];
  }
}
