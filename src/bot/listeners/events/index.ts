import type { App } from "@slack/bolt";
import type { Services } from "../../../services/index.js";

/** Events API listeners (one file per event kind). */
export function registerEvents(app: App, services: Services): void {
  void app;
  void services;
}
