import { routineReplyMessage } from "../../presenters/routine.js";
import type { SubcommandHandler } from "./types.js";

/** `/stretch`, `/stretch neck 5m`, `/stretch calf raises`…: answered in the ack itself (one round trip). */
export const routineCommand: SubcommandHandler = async ({ teamId, rest, command, ack, services }) => {
  const [reply, t] = await Promise.all([
    services.routines.reply({ teamId, userId: command.user_id, channelId: command.channel_id }, rest),
    services.languages.forUser(teamId, command.user_id),
  ]);
  await ack({ response_type: "ephemeral", ...routineReplyMessage(reply, t) });
};
