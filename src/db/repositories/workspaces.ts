import type { Db } from "../client.js";

export class WorkspaceRepository {
  constructor(private readonly db: Db) {}

  /** Creates the workspace row on first contact. */
  async ensure(teamId: string, enterpriseId: string | undefined): Promise<void> {
    await this.db.workspace.upsert({
      where: { teamId },
      create: { teamId, enterpriseId: enterpriseId ?? null },
      update: {},
    });
  }
}
