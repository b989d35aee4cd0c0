import type { App, BlockButtonAction } from "@slack/bolt";
import type { Services } from "../../../services/index.js";
import { ActionId } from "../../ids.js";
import { forgetCancelledMessage } from "../../views/privacy.js";

export function registerForgetMeCancel(app: App, _services: Services): void {
  app.action<BlockButtonAction>(ActionId.forgetMeCancel, async ({ ack, respond }) => {
    await ack();
    await respond({ replace_original: true, response_type: "ephemeral", ...forgetCancelledMessage() });
  });
}
