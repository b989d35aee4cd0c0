import type { App, BlockButtonAction } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../../services/index.js";
import { ActionId } from "../../ids.js";
import { decodeRoutineValue } from "../../views/routine-value.js";
import { notInChannelMessage, sharedConfirmationMessage } from "../../views/share.js";

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
    const teamId = body.team?.id ?? context.teamId ?? "";
    // The shared copy is for the whole channel (the workspace's language); replies are the sharer's.
    const [t, channelT] = await Promise.all([services.languages.forUser(teamId, body.user.id), services.languages.forUser(teamId, null)]);
    const message = value && channel ? services.routines.shared(value.t, value.ids, body.user.id, channelT) : undefined;
    if (!message || !channel) {
      await respond({ replace_original: false, response_type: "ephemeral", text: t("share.rebuildFailed") });
      return;
    }
    try {
      await client.chat.postMessage({ channel, ...message, unfurl_links: false });
      await respond({ replace_original: true, response_type: "ephemeral", ...sharedConfirmationMessage(t) });
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error;
      log.warn({ code, channel }, "sharing a routine failed");
      await respond({ replace_original: false, response_type: "ephemeral", ...notInChannelMessage(code, t) });
    }
  });
}
