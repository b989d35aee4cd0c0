import type { Services } from "../../../services/index.js";
import type { BotApp } from "../../context.js";
import { registerStretchCommand } from "./stretch.js";

export function registerCommands(app: BotApp, services: Services): void {
  registerStretchCommand(app, services);
}
