import { teamIdOf, type ButtonListener } from "../../context.js";
import type { Services } from "../../../services/index.js";
import { decodeRoutineValue } from "../../views/routine-value.js";
import { notInChannelMessage, sharedConfirmationMessage } from "../../views/share.js";
import { sharedRoutineMessage } from "../../views/routine.js";
import { routineReplyMessage } from "../../presenters/routine.js";
import { slackErrorCode } from "../../../slack/errors.js";

/** "Another one" on an ephemeral routine reply: a new routine for the same request. */
export function anotherRoutine(services: Services): ButtonListener {
  return async ({ ack, body, action, respond, context }) => {
    await ack();
    const value = decodeRoutineValue(action.value);
    const teamId = teamIdOf(context, body);
    const [reply, t] = await Promise.all([
      services.routines.another({ teamId, userId: body.user.id, channelId: body.channel?.id }, value?.t ?? "", value?.ids ?? []),
      services.languages.forUser(teamId, body.user.id),
    ]);
    await respond({ replace_original: true, response_type: "ephemeral", ...routineReplyMessage(reply, t) });
  };
}

/** "Share with channel" on an ephemeral routine reply: the routine posted for everyone. */
export function shareRoutine(services: Services): ButtonListener {
  return async ({ ack, body, action, respond, client, context }) => {
    await ack();
    const log = context.log;
    const value = decodeRoutineValue(action.value);
    const channel = body.channel?.id;
    const teamId = teamIdOf(context, body);
    // The shared copy is for the whole channel (the workspace's language); replies are the sharer's.
    const [t, channelT] = await Promise.all([services.languages.forUser(teamId, body.user.id), services.languages.forUser(teamId, null)]);
    const routine = value && channel ? services.routines.shared(value.t, value.ids) : undefined;
    const message = routine ? sharedRoutineMessage(routine, body.user.id, channelT) : undefined;
    if (!message || !channel) {
      await respond({ replace_original: false, response_type: "ephemeral", text: t("share.rebuildFailed") });
      return;
    }
    try {
      await client.chat.postMessage({ channel, ...message, unfurl_links: false });
      await respond({ replace_original: true, response_type: "ephemeral", ...sharedConfirmationMessage(t) });
    } catch (error) {
      const code = slackErrorCode(error);
      log.warn({ code, channel }, "sharing a routine failed");
      await respond({ replace_original: false, response_type: "ephemeral", ...notInChannelMessage(code, t) });
    }
  };
}
