import type { ParticipationRepository } from "../db/repositories/participation.js";
import { localDate, newestDateAnywhere } from "../time/zones.js";


/**
 * Current streaks of many people for report medians (computeStreak's rule, computed in SQL by
 * ParticipationRepository.currentStreaks), each judged against their own local "today".
 * Boards and Home name few people and use StreakService instead, like /stretch stats.
 */
export async function currentStreaks(repo: ParticipationRepository, teamId: string, userIds: string[], now: Date): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const zones = await repo.zones(teamId);
  const todayByZone = new Map(zones.map((zone) => [zone, localDate(now, zone)]));
  return repo.currentStreaks(teamId, [...new Set(userIds)], todayByZone, localDate(now, "UTC"), newestDateAnywhere(now));
}
