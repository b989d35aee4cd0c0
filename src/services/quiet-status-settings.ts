import type { QuietStatusRepository } from "../db/repositories/quiet-status.js";
import { applyQuietChange, entriesFromStored, parseQuietStatusCommand, serializeEntry, type QuietEntry } from "../domain/quiet-status.js";
import type { Problem } from "../domain/problem.js";
import type { Logger } from "../logger.js";
import type { ManagerService } from "./manager-service.js";

export type QuietStatusSettingResult =
  | { kind: "current"; entries: QuietEntry[]; isDefault: boolean; canChange: boolean }
  | { kind: "changed"; entries: QuietEntry[]; isDefault: boolean }
  | { kind: "not_allowed" }
  | { kind: "invalid"; problem: Problem };

/**
 * `/stretch quiet-statuses …`: which Slack statuses hold DM prompts back in this workspace. Anyone
 * may look; managers (admins, owners and people given the role) may change it. Deliveries read the
 * list with each status look-up, so a change applies to the next prompt.
 */
export class QuietStatusSettings {
  constructor(
    private readonly repo: QuietStatusRepository,
    private readonly managers: Pick<ManagerService, "isManager">,
    private readonly log: Logger,
  ) {}

  async handle(teamId: string, userId: string, text: string): Promise<QuietStatusSettingResult> {
    const request = parseQuietStatusCommand(text);
    if (request.kind === "invalid") return request;
    const stored = await this.repo.workspaceList(teamId);
    if (request.kind === "show") {
      return { kind: "current", entries: entriesFromStored(stored), isDefault: stored === null, canChange: await this.managers.isManager(teamId, userId) };
    }
    if (!(await this.managers.isManager(teamId, userId))) return { kind: "not_allowed" };
    if (request.kind === "reset") {
      await this.repo.setWorkspaceList(teamId, null);
      this.log.info({ teamId, userId }, "quiet statuses back to the default list");
      return { kind: "changed", entries: entriesFromStored(null), isDefault: true };
    }
    const entries = applyQuietChange(entriesFromStored(stored), request);
    await this.repo.setWorkspaceList(teamId, entries.map(serializeEntry));
    this.log.info({ teamId, userId, entries: entries.length }, "quiet statuses changed");
    return { kind: "changed", entries, isDefault: false };
  }
}
