import type { App } from "@slack/bolt";
import type { Services } from "../../services/index.js";
import { registerActions } from "./actions/index.js";
import { registerCommands } from "./commands/index.js";
import { registerEvents } from "./events/index.js";
import { registerViews } from "./views/index.js";

/** One register function per listener kind (commands, actions, events, views). */
export function registerListeners(app: App, services: Services): void {
  app.use(async ({ context, body, next }) => {
    // Lifecycle events come from a workspace that is leaving: they must not count as contact.
    const eventType = (body as { event?: { type?: string } }).event?.type;
    if (eventType !== "app_uninstalled" && eventType !== "tokens_revoked") {
      await services.workspaces.ensure(context.teamId, context.enterpriseId);
    }
    await next();
  });
  registerCommands(app, services);
  registerActions(app, services);
  registerEvents(app, services);
  registerViews(app, services);
}
