import type { App } from "@slack/bolt";
import type { Services } from "../../../services/index.js";
import { registerPersonalSettingsModal } from "./personal-settings-modal.js";
import { registerScheduleModal } from "./schedule-modal.js";

/** Modal submissions and closures (one file per callback_id). */
export function registerViews(app: App, services: Services): void {
  registerScheduleModal(app, services);
  registerPersonalSettingsModal(app, services);
}
