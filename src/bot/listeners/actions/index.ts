import type { SnoozeChoice } from "../../../domain/snooze.js";
import type { Services } from "../../../services/index.js";
import type { BotApp, ButtonListener } from "../../context.js";
import { ActionId, type ActionIdValue } from "../../ids.js";
import { forgetMeCancel } from "./forget-me-cancel.js";
import { forgetMeConfirm } from "./forget-me-confirm.js";
import { homeDmScheduleEdit } from "./home-dm-schedule-edit.js";
import { homeDmScheduleToggle } from "./home-dm-schedule-toggle.js";
import { homeLeaderboardVisibility } from "./home-leaderboard-visibility.js";
import { homeOptToggle } from "./home-opt-toggle.js";
import { homePersonalToggle } from "./home-personal-toggles.js";
import { homeSettingsEdit } from "./home-settings-edit.js";
import { homeSnoozeToday } from "./home-snooze-today.js";
import { promptAnother } from "./prompt-another.js";
import { promptDone } from "./prompt-done.js";
import { promptHowTo } from "./prompt-how-to.js";
import { promptSkip } from "./prompt-skip.js";
import { promptSnooze } from "./prompt-snooze.js";
import { anotherRoutine, shareRoutine } from "./routine-buttons.js";
import { scheduleEdit } from "./schedule-edit.js";

const snooze = (choice: SnoozeChoice) => (services: Services) => promptSnooze(services, choice);
const personalToggle = (field: "seated" | "intensity" | "style") => (services: Services) => homePersonalToggle(services, field);

/** Every button the app answers: action_id → listener (one file per listener beside this one). */
export const ACTIONS: ReadonlyArray<readonly [ActionIdValue, (services: Services) => ButtonListener]> = [
  // Routine replies (/stretch neck …)
  [ActionId.anotherRoutine, anotherRoutine],
  [ActionId.shareRoutine, shareRoutine],
  // /stretch schedule
  [ActionId.scheduleEdit, scheduleEdit],
  // Posted prompts
  [ActionId.promptDone, promptDone],
  [ActionId.promptSnooze, snooze("15m")],
  [ActionId.promptSnoozeHour, snooze("1h")],
  [ActionId.promptSnoozeMeeting, snooze("meeting")],
  [ActionId.promptSnoozeTomorrow, snooze("tomorrow")],
  [ActionId.promptSkip, promptSkip],
  [ActionId.promptAnother, promptAnother],
  [ActionId.promptHowTo, promptHowTo],
  // /stretch forget-me
  [ActionId.forgetMeConfirm, forgetMeConfirm],
  [ActionId.forgetMeCancel, forgetMeCancel],
  // App Home (each republishes Home after its change)
  [ActionId.homeDmScheduleToggle, homeDmScheduleToggle],
  [ActionId.homeDmScheduleEdit, homeDmScheduleEdit],
  [ActionId.homeSnoozeToday, homeSnoozeToday],
  [ActionId.homeLeaderboardVisibility, homeLeaderboardVisibility],
  [ActionId.homeOptToggle, homeOptToggle],
  [ActionId.homeSeatedToggle, personalToggle("seated")],
  [ActionId.homeIntensityToggle, personalToggle("intensity")],
  [ActionId.homePromptStyleToggle, personalToggle("style")],
  [ActionId.homeSettingsEdit, homeSettingsEdit],
];

export function registerActions(app: BotApp, services: Services): void {
  for (const [actionId, listener] of ACTIONS) app.action(actionId, listener(services));
}
