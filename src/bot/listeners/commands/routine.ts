import type { SubcommandHandler } from "./types.js";

/** `/stretch`, `/stretch neck 5m`, `/stretch calf raises`…: answered in the ack itself (one round trip). */
export const routineCommand: SubcommandHandler = async ({ teamId, rest, command, ack, services }) => {
  const message = await services.routines.reply(
    { teamId: teamId, userId: command.user_id, channelId: command.channel_id },
    rest,
  );
  await ack({ response_type: "ephemeral", ...message });
};
