import type { Db } from "../client.js";

/** Per-workspace settings people change from Slack. */
export class WorkspaceSettingsRepository {
  constructor(private readonly db: Db) {}

  async completionReactions(teamId: string): Promise<string[]> {
    const row = await this.db.workspace.findUnique({ where: { teamId }, select: { completionReactions: true } });
    return row?.completionReactions ?? [];
  }

  async setCompletionReactions(teamId: string, reactions: string[]): Promise<void> {
    await this.db.workspace.update({ where: { teamId }, data: { completionReactions: reactions } });
  }
}
