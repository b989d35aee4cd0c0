import type { App, BlockButtonAction } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../../services/index.js";
import { ActionId } from "../../ids.js";
import { errorMessage } from "../../views/errors.js";
import { promptGoneReply } from "../../views/prompt.js";

/** Another routine on a prompt (value = prompt id): a different routine just for this person. */
export function registerPromptAnother(app: App, services: Services): void {
  app.action<BlockButtonAction>(ActionId.promptAnother, async ({ ack, body, action, respond, context }) => {
    await ack();
    const teamId = body.team?.id ?? context.teamId ?? "";
    let message;
    try {
      message = (await services.engine.promptActions.another({ teamId, promptId: action.value ?? "", userId: body.user.id, channelId: body.channel?.id })) ?? promptGoneReply();
    } catch (error) {
      (context.log as Logger).error({ err: String(error) }, "Another routine button failed");
      message = errorMessage(undefined, await services.languages.forUser(teamId, body.user.id));
    }
    await respond({ replace_original: false, response_type: "ephemeral", ...message });
  });
}
