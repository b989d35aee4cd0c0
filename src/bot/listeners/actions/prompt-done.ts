import type { App, BlockButtonAction } from "@slack/bolt";
import type { Services } from "../../../services/index.js";
import { ActionId } from "../../ids.js";
import type { Logger } from "../../../logger.js";
import { errorMessage } from "../../views/errors.js";
import { doneConfirmationMessage, doneDeferredMessage, doneRefusedMessage } from "../../views/completions.js";

/**
 * Done on a prompt (value = prompt id): a completion for whoever pressed it, answered only to them
 * (ephemeral, the prompt itself is left as it is). Pressing again answers the same, stores nothing.
 */
export function registerPromptDone(app: App, services: Services): void {
  app.action<BlockButtonAction>(ActionId.promptDone, async ({ ack, body, action, respond, context }) => {
    await ack();
    const teamId = body.team?.id ?? context.teamId ?? "";
    let message;
    const t = await services.languages.forUser(teamId, body.user.id);
    try {
      const outcome = await services.completions.completeByButtonDurably({
        teamId,
        userId: body.user.id,
        promptId: action.value ?? "",
        channelId: body.channel?.id,
      });
      message = outcome.ok === "deferred" ? doneDeferredMessage(t) : outcome.ok ? doneConfirmationMessage(outcome.streak.current, t) : doneRefusedMessage(outcome.reason, t);
    } catch (error) {
      (context.log as Logger).error({ err: String(error) }, "Done button failed");
      message = errorMessage(undefined, t);
    }
    await respond({ replace_original: false, response_type: "ephemeral", ...message });
  });
}
