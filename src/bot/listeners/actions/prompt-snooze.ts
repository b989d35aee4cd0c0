import type { App, BlockButtonAction } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../../services/index.js";
import { ActionId } from "../../ids.js";
import { errorMessage } from "../../views/errors.js";
import { alreadySnoozedReply, promptActionRefusedReply, promptGoneReply, snoozedReply } from "../../views/prompt.js";

/** Snooze 15 min on a prompt (value = prompt id): the same prompt again by DM in 15 minutes. */
export function registerPromptSnooze(app: App, services: Services): void {
  app.action<BlockButtonAction>(ActionId.promptSnooze, async ({ ack, body, action, respond, context }) => {
    await ack();
    const teamId = body.team?.id ?? context.teamId ?? "";
    let message;
    try {
      const result = await services.engine.promptActions.snooze({ teamId, promptId: action.value ?? "", userId: body.user.id });
      message =
        result.kind === "snoozed"
          ? snoozedReply(result.at, result.tz)
          : result.kind === "already"
            ? alreadySnoozedReply()
            : result.kind === "not_recipient" || result.kind === "opted_out"
              ? promptActionRefusedReply(result.kind)
              : promptGoneReply();
    } catch (error) {
      (context.log as Logger).error({ err: String(error) }, "Snooze button failed");
      message = errorMessage();
    }
    await respond({ replace_original: false, response_type: "ephemeral", ...message });
  });
}
