import type { MemberDndRepository } from "./repositories/member-dnd.js";
import { toCachedDnd, type DndStatus } from "../domain/availability.js";
import { systemClock, type Clock } from "../time/clock.js";

/**
 * Stored Do Not Disturb answers: what deliveries consult before asking Slack (dnd.teamInfo allows
 * ~20 calls a minute, 50 people each), kept current by dnd_updated_user events.
 */
export class DndCache {
  constructor(
    private readonly repo: MemberDndRepository,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * A dnd_updated_user event: the person changed their DND schedule. Stored as of its receipt, not
   * its event_ts, so a dnd.teamInfo asked before this moment cannot undo it.
   */
  async changed(teamId: string, userId: string, status: DndStatus): Promise<void> {
    await this.repo.save([{ teamId, userId, ...toCachedDnd(status, this.clock.now()) }]);
  }

  /** Answers of one dnd.teamInfo call, as of when it was asked (`askedAt`). */
  async remember(answers: Array<{ teamId: string; userId: string; status: DndStatus }>, askedAt: Date): Promise<void> {
    await this.repo.save(answers.map((a) => ({ teamId: a.teamId, userId: a.userId, ...toCachedDnd(a.status, askedAt) })));
  }
}
