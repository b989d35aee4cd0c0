import type { WorkspaceSettingsRepository } from "../db/repositories/workspace-settings.js";
import { parseReactionSetting } from "../domain/reaction-setting.js";
import type { Problem } from "../domain/problem.js";
import type { Logger } from "../logger.js";
import type { ManagerService } from "./manager-service.js";

export type ReactionSettingResult =
  | { kind: "current"; reactions: string[]; canChange: boolean }
  | { kind: "changed"; reactions: string[] }
  | { kind: "not_allowed" }
  | { kind: "invalid"; problem: Problem };

/**
 * `/stretch reactions …`: which emoji count as "done". Anyone may look; managers (admins, owners
 * and people given the role) may change it. Completions read the list per batch, so a change
 * applies to the next reaction.
 */
export class SettingsService {
  constructor(
    private readonly settings: WorkspaceSettingsRepository,
    private readonly managers: Pick<ManagerService, "isManager">,
    private readonly log: Logger,
  ) {}

  async reactions(teamId: string, userId: string, text: string): Promise<ReactionSettingResult> {
    const request = parseReactionSetting(text);
    if (request.kind === "invalid") return request;
    if (request.kind === "show") {
      return { kind: "current", reactions: await this.settings.completionReactions(teamId), canChange: await this.managers.isManager(teamId, userId) };
    }
    if (!(await this.managers.isManager(teamId, userId))) return { kind: "not_allowed" };
    const reactions = request.kind === "any" ? [] : request.reactions;
    await this.settings.setCompletionReactions(teamId, reactions);
    this.log.info({ teamId, userId, reactions }, "completion reactions changed");
    return { kind: "changed", reactions };
  }
}
