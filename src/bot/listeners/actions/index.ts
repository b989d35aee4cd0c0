import type { App } from "@slack/bolt";
import type { Services } from "../../../services/index.js";
import { registerRoutineButtons } from "./routine-buttons.js";

export function registerActions(app: App, services: Services): void {
  registerRoutineButtons(app, services);
}
