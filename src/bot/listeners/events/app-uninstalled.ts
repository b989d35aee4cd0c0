import { type EventArgs } from "../../context.js";
import type { Services } from "../../../services/index.js";
import { installScopeOf } from "./install-scope.js";

/**
 * app_uninstalled: tokens deleted at once, every schedule of this workspace (or, org-wide, of every
 * workspace of the org) stopped; its data goes after DATA_RETENTION_DAYS. Bolt skips authorize for
 * this event and never deletes installations itself, so this listener does.
 */
export function appUninstalled(services: Services): (args: EventArgs<"app_uninstalled">) => Promise<void> {
  return async ({ body, context }) => {
    const scope = installScopeOf(body, context);
    if (!scope.teamId && !scope.enterpriseId) return;
    await services.inbox.run("app_uninstalled", scope);
  };
}
