import type { Services } from "../../../services/index.js";
import type { BotApp, ViewListener } from "../../context.js";
import { CallbackId } from "../../ids.js";
import { personalSettingsModal } from "./personal-settings-modal.js";
import { scheduleModalSubmit } from "./schedule-modal.js";

/** Every modal submission the app answers: callback_id → listener (one file per listener beside this one). */
export const VIEWS: ReadonlyArray<readonly [string, (services: Services) => ViewListener]> = [
  [CallbackId.scheduleEditModal, scheduleModalSubmit],
  [CallbackId.personalSettingsModal, personalSettingsModal],
];

export function registerViews(app: BotApp, services: Services): void {
  for (const [callbackId, listener] of VIEWS) app.view(callbackId, listener(services));
}
