import type { App, BlockButtonAction } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../../services/index.js";
import { ActionId } from "../../ids.js";
import { errorMessage } from "../../views/errors.js";
import { promptActionRefusedReply, promptGoneReply, skippedReply } from "../../views/prompt.js";

/** Skip on a prompt (value = prompt id): recorded as skipped for whoever pressed it. */
export function registerPromptSkip(app: App, services: Services): void {
  app.action<BlockButtonAction>(ActionId.promptSkip, async ({ ack, body, action, respond, context }) => {
    await ack();
    const teamId = body.team?.id ?? context.teamId ?? "";
    let message;
    try {
      const [result, t] = await Promise.all([
        services.engine.promptActions.skip({ teamId, promptId: action.value ?? "", userId: body.user.id }),
        services.languages.forUser(teamId, body.user.id),
      ]);
      message =
        result.kind === "skipped" ? skippedReply(t) : result.kind === "not_recipient" || result.kind === "opted_out" ? promptActionRefusedReply(result.kind, t) : promptGoneReply(t);
    } catch (error) {
      (context.log as Logger).error({ err: String(error) }, "Skip button failed");
      message = errorMessage();
    }
    await respond({ replace_original: false, response_type: "ephemeral", ...message });
  });
}
