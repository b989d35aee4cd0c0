import type { Db } from "../client.js";

export interface DeactivationResult {
  /** False when the workspace was already inactive (a retried or repeated event). */
  workspaceDeactivated: boolean;
  /** Every schedule of the workspace, now stopped: the job engine must drop their schedulers. */
  scheduleIds: string[];
}

/** Installation state of a workspace. Every statement is scoped to one teamId. */
export class InstallationRepository {
  constructor(private readonly db: Db) {}

  /**
   * Marks the workspace inactive and stops all its schedules, in one transaction. The first
   * deactivation's time and reason are kept when the event is repeated.
   */
  async deactivate(teamId: string, reason: string, pausedReason: string, now = new Date()): Promise<DeactivationResult> {
    return this.db.$transaction(async (tx) => {
      const workspace = await tx.workspace.updateMany({
        where: { teamId, active: true },
        data: { active: false, deactivatedAt: now, deactivatedReason: reason },
      });
      const schedules = await tx.schedule.findMany({ where: { teamId }, select: { id: true }, orderBy: { id: "asc" } });
      await tx.schedule.updateMany({ where: { teamId }, data: { active: false, pausedReason } });
      return { workspaceDeactivated: workspace.count > 0, scheduleIds: schedules.map((s) => s.id) };
    });
  }
}
