import type { App, BlockButtonAction } from "@slack/bolt";
import type { Services } from "../../../services/index.js";
import { ActionId } from "../../ids.js";
import { forgetCancelledMessage } from "../../views/privacy.js";

export function registerForgetMeCancel(app: App, services: Services): void {
  app.action<BlockButtonAction>(ActionId.forgetMeCancel, async ({ ack, body, respond, context }) => {
    await ack();
    const t = await services.languages.forUser(body.team?.id ?? context.teamId ?? "", body.user.id);
    await respond({ replace_original: true, response_type: "ephemeral", ...forgetCancelledMessage(t) });
  });
}
