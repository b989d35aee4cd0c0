import type { WorkspaceRepository } from "../db/repositories/workspaces.js";
import type { Logger } from "../logger.js";

/**
 * Makes sure a workspace row exists before anything is stored under its team id. Known teams are
 * remembered in memory so the hot path (every request) costs one Set look-up, not a query.
 */
export class WorkspaceService {
  private readonly known = new Set<string>();

  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly log: Logger,
  ) {}

  async ensure(teamId: string | undefined, enterpriseId?: string): Promise<void> {
    if (!teamId || this.known.has(teamId)) return;
    try {
      await this.workspaces.ensure(teamId, enterpriseId);
      this.known.add(teamId);
    } catch (error) {
      this.log.warn({ teamId, err: String(error) }, "could not record workspace");
    }
  }

  /** Forget the cache entry, e.g. after an uninstall, so the next contact re-reads the row. */
  forget(teamId: string): void {
    this.known.delete(teamId);
  }
}
