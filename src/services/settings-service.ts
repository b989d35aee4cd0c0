import type { WorkspaceSettingsRepository } from "../db/repositories/workspace-settings.js";
import { parseReactionSetting, type ReactionSettingRequest } from "../domain/reaction-setting.js";
import type { Logger } from "../logger.js";
import type { ManagerService } from "./manager-service.js";
import { WorkspaceListSetting, type ListSettingResult } from "./workspace-list-setting.js";

type ReactionChange = Exclude<ReactionSettingRequest, { kind: "show" | "invalid" }>;
export type ReactionSettingResult = ListSettingResult<{ reactions: string[] }>;
export type ReactionSetting = WorkspaceListSetting<ReactionChange, string[], { reactions: string[] }>;

/**
 * `/stretch reactions …`: which emoji count as "done" (an empty list: every emoji). Completions
 * read the list per batch, so a change applies to the next reaction.
 */
export function reactionSetting(settings: WorkspaceSettingsRepository, managers: Pick<ManagerService, "isManager">, log: Logger): ReactionSetting {
  return new WorkspaceListSetting(
    {
      name: "completion_reactions",
      parse: parseReactionSetting,
      read: (teamId) => settings.completionReactions(teamId),
      write: (teamId, reactions) => settings.setCompletionReactions(teamId, reactions),
      apply: (_current, change) => (change.kind === "any" ? [] : change.reactions),
      describe: (reactions) => ({ reactions }),
    },
    managers,
    log,
  );
}
