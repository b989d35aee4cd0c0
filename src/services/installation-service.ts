import type { InstallationRepository } from "../db/repositories/installations.js";
import type { Logger } from "../logger.js";
import type { ScheduleSync } from "./ports.js";

export type DeactivationCause = "app_uninstalled" | "tokens_revoked";

const PAUSED_REASON: Record<DeactivationCause, string> = {
  app_uninstalled: "app uninstalled",
  tokens_revoked: "tokens revoked",
};

/**
 * Workspace lifecycle: app_uninstalled and tokens_revoked stop everything for that workspace and
 * nothing else. Postgres is updated first (the source of truth, which the engine's reconciler
 * also reads), then the engine is told about each schedule so it drops them right away.
 */
export class InstallationService {
  constructor(
    private readonly installations: InstallationRepository,
    private readonly scheduleSync: ScheduleSync,
    private readonly log: Logger,
    /** Called after a workspace was deactivated (in-memory caches of other services). */
    private readonly onDeactivated: (teamId: string) => void = () => undefined,
  ) {}

  async deactivate(teamId: string, cause: DeactivationCause, now = new Date()): Promise<{ schedulesStopped: number }> {
    const result = await this.installations.deactivate(teamId, cause, PAUSED_REASON[cause], now);
    this.onDeactivated(teamId);
    for (const scheduleId of result.scheduleIds) {
      // One failure must not keep the other schedules running: the reconciler retries it anyway.
      await this.scheduleSync.scheduleChanged(teamId, scheduleId).catch((error: unknown) => {
        this.log.warn({ teamId, scheduleId, err: String(error) }, "could not tell the job engine about a stopped schedule");
      });
    }
    this.log.info({ teamId, cause, schedulesStopped: result.scheduleIds.length, firstTime: result.workspaceDeactivated }, "workspace deactivated");
    return { schedulesStopped: result.scheduleIds.length };
  }

  /** tokens_revoked also fires when only user (OAuth) tokens go; only the bot token stops the app. */
  async tokensRevoked(teamId: string, botTokens: string[], now = new Date()): Promise<{ schedulesStopped: number } | null> {
    if (botTokens.length === 0) {
      this.log.info({ teamId }, "user tokens revoked; the bot token is still valid");
      return null;
    }
    return this.deactivate(teamId, "tokens_revoked", now);
  }
}
