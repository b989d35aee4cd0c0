import type { EnginePresenter } from "../../engine/ports.js";
import { promptMessage } from "../views/prompt.js";
import { schedulePausedNotice } from "../views/schedule-paused.js";

/** Block Kit for what the engine's workers post; the composition root hands it to the engine. */
export const blockKitPresenter: EnginePresenter = {
  prompt: (view) => promptMessage(view),
  schedulePaused: (notice, t) => schedulePausedNotice(notice, t),
};
