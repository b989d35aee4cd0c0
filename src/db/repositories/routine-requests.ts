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

export class RoutineRequestRepository {
  constructor(private readonly db: Db) {}

  async record(request: RoutineRequestRecord): Promise<void> {
    await this.db.routineRequest.create({
      data: { ...request, text: request.text.slice(0, 500), channelId: request.channelId ?? null, seconds: request.seconds ?? null },
    });
  }

  /** Exercise ids this person was shown since `since`, newest first. */
  async recentExerciseIds(teamId: string, userId: string, since: Date, limit = 5): Promise<string[]> {
    const rows = await this.db.routineRequest.findMany({
      where: { teamId, userId, createdAt: { gte: since } },
      orderBy: { createdAt: "desc" },
      take: limit,
      select: { exerciseIds: true },
    });
    return [...new Set(rows.flatMap((r) => r.exerciseIds))];
  }
}
