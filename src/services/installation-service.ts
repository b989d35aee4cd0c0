import type { InstallationRepository } from "../db/repositories/installations.js";
import type { Logger } from "../logger.js";
import type { TokenSource } from "../slack/token-source.js";
import type { ScheduleSync } from "./ports.js";
import { systemClock, type Clock } from "../time/clock.js";

export type DeactivationCause = "app_uninstalled" | "tokens_revoked";

const PAUSED_REASON: Record<DeactivationCause, string> = {
  app_uninstalled: "app uninstalled",
  tokens_revoked: "tokens revoked",
};

/** Where an uninstall or revocation applies: one workspace, or (org-wide install) a whole Enterprise Grid org. */
export interface InstallScope {
  teamId: string | undefined;
  enterpriseId?: string | undefined;
  /** The event was for an org-wide installation (authorizations[].is_enterprise_install). */
  orgWide?: boolean;
}

export interface InstallationServiceOptions {
  /** Days a deactivated workspace's data is kept before purgeExpired deletes it (DATA_RETENTION_DAYS). Default 30. */
  retentionDays?: number;
  /** Deletes stored tokens (OAuth mode); absent in single-workspace mode. */
  tokens?: Pick<TokenSource, "revoke">;
}

/**
 * Workspace lifecycle: app_uninstalled and tokens_revoked delete the stored tokens at once and stop
 * everything for that workspace (or org) and nothing else. Postgres is updated first (the source of
 * truth, which the engine's reconciler also reads), then the engine is told about each schedule so
 * it drops them right away. The rest of the data goes after the retention period (purgeExpired);
 * a reinstall before then keeps the history.
 */
export class InstallationService {
  private readonly retentionDays: number;

  constructor(
    private readonly installations: InstallationRepository,
    private readonly scheduleSync: ScheduleSync,
    private readonly log: Logger,
    /** Called after a workspace was deactivated (in-memory caches of other services). */
    private readonly onDeactivated: (teamId: string) => void = () => undefined,
    private readonly options: InstallationServiceOptions = {},
    /** "Now" of the product (the composition root's one clock; tests and the demo set it). */
    private readonly clock: Clock = systemClock,
  ) {
    this.retentionDays = options.retentionDays ?? 30;
  }

  async deactivate(teamId: string, cause: DeactivationCause, now = this.clock.now()): Promise<{ schedulesStopped: number }> {
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

  /**
   * app_uninstalled (and a revoked bot token): tokens deleted first, then every affected workspace
   * deactivated. An org-wide uninstall covers every workspace of the org we know.
   */
  async uninstalled(scope: InstallScope, cause: DeactivationCause, now = this.clock.now()): Promise<{ schedulesStopped: number; tokensDeleted: number }> {
    const tokensDeleted = (await this.options.tokens?.revoke?.(scope.teamId, scope.enterpriseId, scope.orgWide === true)) ?? 0;
    const teams = scope.orgWide && scope.enterpriseId ? await this.installations.teamsOfEnterprise(scope.enterpriseId) : scope.teamId ? [scope.teamId] : [];
    let schedulesStopped = 0;
    for (const teamId of teams) schedulesStopped += (await this.deactivate(teamId, cause, now)).schedulesStopped;
    return { schedulesStopped, tokensDeleted };
  }

  /** tokens_revoked also fires when only user (OAuth) tokens go; only the bot token stops the app. */
  async tokensRevoked(scope: InstallScope | string, botTokens: string[], now = this.clock.now()): Promise<{ schedulesStopped: number } | null> {
    const where = typeof scope === "string" ? { teamId: scope } : scope;
    if (botTokens.length === 0) {
      this.log.info({ teamId: where.teamId }, "user tokens revoked; the bot token is still valid");
      return null;
    }
    const { schedulesStopped } = await this.uninstalled(where, "tokens_revoked", now);
    return { schedulesStopped };
  }

  /**
   * Deletes every row of workspaces deactivated (uninstalled, tokens revoked) more than
   * DATA_RETENTION_DAYS ago and not reinstalled since. Run periodically by the maintenance queue.
   */
  async purgeExpired(now = this.clock.now()): Promise<{ workspaces: number }> {
    const cutoff = new Date(now.getTime() - this.retentionDays * 86_400_000);
    const purged = await this.installations.purgeDeactivatedBefore(cutoff, Object.keys(PAUSED_REASON));
    for (const teamId of purged) this.onDeactivated(teamId);
    if (purged.length > 0) this.log.info({ workspaces: purged.length, retentionDays: this.retentionDays }, "data of uninstalled workspaces deleted");
    return { workspaces: purged.length };
  }
}
