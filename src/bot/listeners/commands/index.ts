import type { App } from "@slack/bolt";
import type { Services } from "../../../services/index.js";
import { registerStretchCommand } from "./stretch.js";

export function registerCommands(app: App, services: Services): void {
  registerStretchCommand(app, services);
}
