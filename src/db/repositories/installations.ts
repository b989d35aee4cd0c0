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

  /** Workspaces of an Enterprise Grid org that we know (an org-wide uninstall stops them all). */
  async teamsOfEnterprise(enterpriseId: string): Promise<string[]> {
    const rows = await this.db.workspace.findMany({ where: { enterpriseId }, select: { teamId: true }, orderBy: { teamId: "asc" } });
    return rows.map((r) => r.teamId);
  }

  /**
   * Deletes every row of each workspace deactivated for one of `reasons` before `cutoff` and not
   * reinstalled since (no installation serves it), one transaction per workspace. Returns their ids.
   */
  async purgeDeactivatedBefore(cutoff: Date, reasons: string[]): Promise<string[]> {
    const due = await this.db.$queryRaw<Array<{ teamId: string }>>`
      SELECT w."teamId" FROM "Workspace" w
      WHERE w."active" = false AND w."deactivatedAt" < ${cutoff} AND w."deactivatedReason" = ANY(${reasons})
        AND NOT EXISTS (SELECT 1 FROM "Installation" i WHERE i."id" = 'T:' || w."teamId" OR (w."enterpriseId" IS NOT NULL AND i."id" = 'E:' || w."enterpriseId"))
      ORDER BY w."teamId"`;
    const purged: string[] = [];
    for (const { teamId } of due) {
      await this.db.$transaction(async (tx) => {
        // Re-checked under the row lock: a reinstall that landed meanwhile wins.
        const still = await tx.$queryRaw<Array<{ teamId: string }>>`
          SELECT "teamId" FROM "Workspace" WHERE "teamId" = ${teamId} AND "active" = false FOR UPDATE`;
        if (still.length === 0) return;
        // Children first; every table is scoped by teamId (prisma/schema.prisma).
        await tx.$executeRaw`DELETE FROM "Completion" WHERE "teamId" = ${teamId}`;
        await tx.$executeRaw`DELETE FROM "PromptReaction" WHERE "teamId" = ${teamId}`;
        await tx.$executeRaw`DELETE FROM "PendingReaction" WHERE "teamId" = ${teamId}`;
        await tx.$executeRaw`DELETE FROM "Delivery" WHERE "teamId" = ${teamId}`;
        await tx.$executeRaw`DELETE FROM "Prompt" WHERE "teamId" = ${teamId}`;
        await tx.$executeRaw`DELETE FROM "ChannelMember" WHERE "teamId" = ${teamId}`;
        await tx.$executeRaw`DELETE FROM "StreakMilestone" WHERE "teamId" = ${teamId}`;
        await tx.$executeRaw`DELETE FROM "RoutineRequest" WHERE "teamId" = ${teamId}`;
        await tx.$executeRaw`DELETE FROM "DigestSent" WHERE "teamId" = ${teamId}`;
        await tx.$executeRaw`DELETE FROM "ProcessedEvent" WHERE "teamId" = ${teamId}`;
        await tx.$executeRaw`DELETE FROM "Schedule" WHERE "teamId" = ${teamId}`;
        await tx.$executeRaw`DELETE FROM "Member" WHERE "teamId" = ${teamId}`;
        await tx.$executeRaw`DELETE FROM "Installation" WHERE "id" = ${`T:${teamId}`}`;
        await tx.$executeRaw`DELETE FROM "Workspace" WHERE "teamId" = ${teamId}`;
        purged.push(teamId);
      });
    }
    return purged;
  }
}
