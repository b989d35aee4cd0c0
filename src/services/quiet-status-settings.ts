import type { QuietStatusRepository } from "../db/repositories/quiet-status.js";
import { applyQuietChange, entriesFromStored, parseQuietStatusCommand, serializeEntry, type QuietEntry, type QuietStatusRequest } from "../domain/quiet-status.js";
import type { Logger } from "../logger.js";
import type { ManagerService } from "./manager-service.js";
import { WorkspaceListSetting, type ListSettingResult } from "./workspace-list-setting.js";

type QuietChange = Exclude<QuietStatusRequest, { kind: "show" | "invalid" }>;
/** The workspace's own list, or null while it uses the default one. */
type StoredQuietList = QuietEntry[] | null;
export type QuietStatusSettingResult = ListSettingResult<{ entries: QuietEntry[]; isDefault: boolean }>;
export type QuietStatusSettings = WorkspaceListSetting<QuietChange, StoredQuietList, { entries: QuietEntry[]; isDefault: boolean }>;

/**
 * `/stretch quiet-statuses …`: which Slack statuses hold DM prompts back in this workspace.
 * Deliveries read the list with each status look-up, so a change applies to the next prompt.
 */
export function quietStatusSettings(repo: QuietStatusRepository, managers: Pick<ManagerService, "isManager">, log: Logger): QuietStatusSettings {
  return new WorkspaceListSetting(
    {
      name: "quiet_statuses",
      parse: parseQuietStatusCommand,
      read: async (teamId) => {
        const stored = await repo.workspaceList(teamId);
        return stored === null ? null : entriesFromStored(stored);
      },
      write: (teamId, entries) => repo.setWorkspaceList(teamId, entries === null ? null : entries.map(serializeEntry)),
      apply: (current, change) => (change.kind === "reset" ? null : applyQuietChange(current ?? entriesFromStored(null), change)),
      describe: (entries) => ({ entries: entries ?? entriesFromStored(null), isDefault: entries === null }),
    },
    managers,
    log,
  );
}
