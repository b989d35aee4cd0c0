import type { HoldCount, QuietStatusRepository } from "../db/repositories/quiet-status.js";
import { systemClock, type Clock } from "../time/clock.js";

/** The period "this week" covers in held-prompt figures: the last seven days, whatever the zone. */
export const HELD_PERIOD_MS = 7 * 86_400_000;

export interface HeldSummary {
  counts: HoldCount[];
  /** Total prompts held back (deferred or skipped) in the period. */
  total: number;
}

/** How many of a person's DM prompts waited for (or skipped) their meetings, huddles and absences. */
export class HeldPromptsService {
  constructor(private readonly repo: QuietStatusRepository, private readonly clock: Clock = systemClock) {}

  async forPerson(teamId: string, userId: string, now = this.clock.now()): Promise<HeldSummary> {
    const counts = await this.repo.holdsSince(teamId, userId, new Date(now.getTime() - HELD_PERIOD_MS));
    return { counts, total: counts.reduce((sum, c) => sum + c.count, 0) };
  }
}
