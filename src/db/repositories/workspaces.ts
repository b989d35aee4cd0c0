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
}
