import type { App } from "@slack/bolt";
import type { Services } from "../../../services/index.js";
import { registerForgetMeCancel } from "./forget-me-cancel.js";
import { registerForgetMeConfirm } from "./forget-me-confirm.js";
import { registerHomeActions } from "./home-actions.js";
import { registerPromptAnother } from "./prompt-another.js";
import { registerPromptDone } from "./prompt-done.js";
import { registerPromptHowTo } from "./prompt-how-to.js";
import { registerPromptSkip } from "./prompt-skip.js";
import { registerPromptSnooze } from "./prompt-snooze.js";
import { registerRoutineButtons } from "./routine-buttons.js";
import { registerScheduleEdit } from "./schedule-edit.js";

export function registerActions(app: App, services: Services): void {
  registerRoutineButtons(app, services);
  registerScheduleEdit(app, services);
  registerPromptDone(app, services);
  registerPromptSnooze(app, services);
  registerPromptSkip(app, services);
  registerPromptAnother(app, services);
  registerPromptHowTo(app, services);
  registerForgetMeConfirm(app, services);
  registerForgetMeCancel(app, services);
  registerHomeActions(app, services);
}
