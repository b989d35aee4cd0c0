import type { MemberRepository } from "../db/repositories/members.js";
import type { ForgetResult, PrivacyRepository } from "../db/repositories/privacy.js";
import type { Logger } from "../logger.js";
import type { ScheduleSync } from "./ports.js";

/**
 * Opt-out, opt-in and forget-me. Opting out is read by the job engine (no DMs) and by the
 * completion service (nothing stored); channel prompts stay visible, they are the channel's.
 */
export class PrivacyService {
  constructor(
    private readonly members: MemberRepository,
    private readonly privacy: PrivacyRepository,
    private readonly scheduleSync: ScheduleSync,
    private readonly log: Logger,
    /** Called after someone's prompts were deleted (in-memory caches of other services). */
    private readonly onForgotten: (teamId: string) => void = () => undefined,
  ) {}

  async optOut(teamId: string, userId: string): Promise<void> {
    await this.members.updatePreferences(teamId, userId, { optedOut: true });
    this.log.info({ teamId, userId }, "member opted out");
  }

  async optIn(teamId: string, userId: string): Promise<void> {
    await this.members.updatePreferences(teamId, userId, { optedOut: false });
    this.log.info({ teamId, userId }, "member opted in");
  }

  /** Deletes everything about the person in this workspace, then stops their DM schedule's jobs. */
  async forgetMe(teamId: string, userId: string): Promise<ForgetResult> {
    const result = await this.privacy.forgetPerson(teamId, userId);
    this.onForgotten(teamId);
    for (const scheduleId of result.deletedScheduleIds) {
      await this.scheduleSync.scheduleChanged(teamId, scheduleId).catch((error: unknown) => {
        this.log.warn({ teamId, scheduleId, err: String(error) }, "could not tell the job engine about a deleted schedule");
      });
    }
    // Counts only: the log must not become a copy of what was just deleted.
    this.log.info({ teamId, counts: result.counts }, "member forgotten");
    return result;
  }
}
