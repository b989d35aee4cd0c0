import type { Db } from "../client.js";

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
 * Both queries sit on the `/stretch` hot path, so they are raw SQL: the Prisma query compiler
 * (WASM) cost more CPU per call than the rest of the request together (bench/stretch-command.ts).
 */
export class RoutineRequestRepository {
  constructor(private readonly db: Db) {}

  async record(r: RoutineRequestRecord): Promise<void> {
    await this.db.$executeRaw`
      INSERT INTO "RoutineRequest" ("id", "teamId", "userId", "channelId", "text", "outcome", "areas", "exerciseIds", "seconds")
      VALUES (gen_random_uuid(), ${r.teamId}, ${r.userId}, ${r.channelId ?? null}, ${r.text.slice(0, 500)}, ${r.outcome},
              ${r.areas}::text[], ${r.exerciseIds}::text[], ${r.seconds ?? null}::int)`;
  }

  /** Exercise ids this person was shown since `since`, newest first. */
  async recentExerciseIds(teamId: string, userId: string, since: Date, limit = 5): Promise<string[]> {
    const rows = await this.db.$queryRaw<Array<{ exerciseIds: string[] }>>`
      SELECT "exerciseIds" FROM "RoutineRequest"
      WHERE "teamId" = ${teamId} AND "userId" = ${userId} AND "createdAt" >= ${since}
      ORDER BY "createdAt" DESC LIMIT ${limit}`;
    return [...new Set(rows.flatMap((r) => r.exerciseIds))];
  }
}
