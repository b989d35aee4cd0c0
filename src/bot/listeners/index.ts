import type { App } from "@slack/bolt";
import type { Services } from "../../services/index.js";
import { registerActions } from "./actions/index.js";
import { registerCommands } from "./commands/index.js";
import { registerEvents } from "./events/index.js";
import { registerViews } from "./views/index.js";

/** One register function per listener kind (commands, actions, events, views). */
export function registerListeners(app: App, services: Services): void {
  app.use(async ({ context, next }) => {
    await services.workspaces.ensure(context.teamId, context.enterpriseId);
    await next();
  });
  registerCommands(app, services);
  registerActions(app, services);
  registerEvents(app, services);
  registerViews(app, services);
}
