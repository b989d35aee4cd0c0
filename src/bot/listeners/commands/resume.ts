import { pauseMessage } from "../../views/schedule.js";
import type { SubcommandHandler } from "./types.js";

/** `/stretch resume` (my DM prompts) or `/stretch resume channel` (this channel's schedules). */
export const resumeCommand: SubcommandHandler = async ({ teamId, rest, command, ack, respond, services }) => {
  await ack();
  const outcome = await services.schedules.resume({ teamId, userId: command.user_id, channelId: command.channel_id }, rest);
  const t = await services.languages.forUser(teamId, command.user_id);
  await respond({ response_type: "ephemeral", ...pauseMessage(outcome, services.clock.now(), t) });
};
