import type { App, BlockButtonAction } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../../services/index.js";
import { ActionId } from "../../ids.js";
import { decodeRoutineValue } from "../../views/routine-value.js";
import { notInChannelMessage, sharedConfirmationMessage } from "../../views/share.js";
import { slackErrorCode } from "../../../slack/errors.js";

/** "Share with channel" and "Another one" on an ephemeral routine reply. */
export function registerRoutineButtons(app: App, services: Services): void {
  app.action<BlockButtonAction>(ActionId.anotherRoutine, async ({ ack, body, action, respond, context }) => {
    await ack();
    const value = decodeRoutineValue(action.value);
    const message = await services.routines.another(
      { teamId: body.team?.id ?? context.teamId ?? "", userId: body.user.id, channelId: body.channel?.id },
      value?.t ?? "",
      value?.ids ?? [],
    );
    await respond({ replace_original: true, response_type: "ephemeral", ...message });
  });

  app.action<BlockButtonAction>(ActionId.shareRoutine, async ({ ack, body, action, respond, client, context }) => {
    await ack();
    const log = context.log as Logger;
    const value = decodeRoutineValue(action.value);
    const channel = body.channel?.id;
    const message = value && channel ? services.routines.shared(value.t, value.ids, body.user.id) : undefined;
    if (!message || !channel) {
      await respond({ replace_original: false, response_type: "ephemeral", text: "I couldn't rebuild that routine to share it. Try `/stretch` again." });
      return;
    }
    try {
      await client.chat.postMessage({ channel, ...message, unfurl_links: false });
      await respond({ replace_original: true, response_type: "ephemeral", ...sharedConfirmationMessage() });
    } catch (error) {
      const code = slackErrorCode(error);
      log.warn({ code, channel }, "sharing a routine failed");
      await respond({ replace_original: false, response_type: "ephemeral", ...notInChannelMessage(code) });
    }
  });
}
