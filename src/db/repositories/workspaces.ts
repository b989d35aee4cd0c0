import type { Db } from "../client.js";

export class WorkspaceRepository {
  constructor(private readonly db: Db) {}

  /**
   * Creates the workspace row on first contact. A workspace marked inactive (uninstalled, tokens
   * revoked) that talks to us again has reinstalled the app: it becomes active again. Its
   * schedules stay off until someone turns them back on, so nothing posts by surprise.
   */
  async ensure(teamId: string, enterpriseId: string | undefined): Promise<void> {
    await this.db.$executeRaw`
      INSERT INTO "Workspace" ("teamId", "enterpriseId", "updatedAt") VALUES (${teamId}, ${enterpriseId ?? null}, now())
      ON CONFLICT ("teamId") DO UPDATE
        SET "active" = true, "deactivatedAt" = NULL, "deactivatedReason" = NULL, "updatedAt" = now()
        WHERE "Workspace"."active" = false`;
  }

  /** auth.test confirmed this token belongs to `teamId`: remembered so a later start-up without Slack still knows it. */
  async confirmInstalled(teamId: string, botUserId: string | undefined, botId: string | undefined): Promise<void> {
    await this.db.$executeRaw`
      INSERT INTO "Workspace" ("teamId", "botUserId", "botId", "updatedAt") VALUES (${teamId}, ${botUserId ?? null}, ${botId ?? null}, now())
      ON CONFLICT ("teamId") DO UPDATE SET "botUserId" = EXCLUDED."botUserId", "botId" = EXCLUDED."botId", "updatedAt" = now()`;
  }

  /** An active workspace that auth.test once confirmed (its bot user id is recorded). */
  async isConfirmedInstall(teamId: string): Promise<boolean> {
    const rows = await this.db.$queryRaw<Array<{ ok: number }>>`
      SELECT 1 AS ok FROM "Workspace" WHERE "teamId" = ${teamId} AND "active" AND "botUserId" IS NOT NULL LIMIT 1`;
    return rows.length > 0;
  }
}
