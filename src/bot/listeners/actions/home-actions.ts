import type { App } from "@slack/bolt";
import type { Services } from "../../../services/index.js";
import { registerHomeDmScheduleEdit } from "./home-dm-schedule-edit.js";
import { registerHomeDmScheduleToggle } from "./home-dm-schedule-toggle.js";
import { registerHomeLeaderboardVisibility } from "./home-leaderboard-visibility.js";
import { registerHomeOptToggle } from "./home-opt-toggle.js";
import { registerHomePersonalToggles } from "./home-personal-toggles.js";
import { registerHomeSettingsEdit } from "./home-settings-edit.js";
import { registerHomeSnoozeToday } from "./home-snooze-today.js";

/** Every App Home button (one file each); each republishes Home after its change. */
export function registerHomeActions(app: App, services: Services): void {
  registerHomeDmScheduleToggle(app, services);
  registerHomeDmScheduleEdit(app, services);
  registerHomeSnoozeToday(app, services);
  registerHomeLeaderboardVisibility(app, services);
  registerHomeOptToggle(app, services);
  registerHomePersonalToggles(app, services);
  registerHomeSettingsEdit(app, services);
}
