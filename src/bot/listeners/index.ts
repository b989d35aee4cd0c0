import type { Services } from "../../services/index.js";
import type { BotApp } from "../context.js";
import { ackBeforeWorkspace, recordWorkspaceContact } from "../middleware/workspace-contact.js";
import { registerActions } from "./actions/index.js";
import { registerCommands } from "./commands/index.js";
import { registerEvents } from "./events/index.js";
import { registerViews } from "./views/index.js";

/** One routing table per listener kind (commands, actions, events, views), each in its index.ts. */
export function registerListeners(app: BotApp, services: Services): void {
  app.use(recordWorkspaceContact(services));
  // Listeners ack first; their work waits for the workspace row (middleware/workspace-contact.ts).
  const listeners = ackBeforeWorkspace(app);
  registerCommands(listeners, services);
  registerActions(listeners, services);
  registerEvents(listeners, services);
  registerViews(listeners, services);
}
