import type { App } from "@slack/bolt";
import type { Services } from "../../../services/index.js";

/** app_uninstalled: stop every schedule of this workspace and mark it inactive (no other team). */
export function registerAppUninstalled(app: App, services: Services): void {
  app.event("app_uninstalled", async ({ body, context }) => {
    const teamId = body.team_id || context.teamId;
    if (!teamId) return;
    await services.inbox.run("app_uninstalled", { teamId });
  });
}
