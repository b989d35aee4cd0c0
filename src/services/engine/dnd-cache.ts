import type { MemberDndRepository } from "../../db/repositories/member-dnd.js";
import { toCachedDnd, type DndStatus } from "../../domain/availability.js";

/**
 * Stored Do Not Disturb answers: what deliveries consult before asking Slack (dnd.teamInfo allows
 * ~20 calls a minute, 50 people each), kept current by dnd_updated_user events.
 */
export class DndCache {
  constructor(private readonly repo: MemberDndRepository) {}

  /** A dnd_updated_user event: the person changed their DND schedule. */
  async changed(teamId: string, userId: string, status: DndStatus, at = new Date()): Promise<void> {
    await this.repo.save([{ teamId, userId, ...toCachedDnd(status, at) }]);
  }

  /** Answers of one dnd.teamInfo call. */
  async remember(teamId: string, statuses: Record<string, DndStatus>, at = new Date()): Promise<void> {
    await this.repo.save(Object.entries(statuses).map(([userId, status]) => ({ teamId, userId, ...toCachedDnd(status, at) })));
  }
}
