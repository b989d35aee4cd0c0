import { nowMessage } from "../../views/schedule.js";
import type { SubcommandHandler } from "./types.js";

/** `/stretch now`: one prompt here right away, outside the schedule (the job engine posts it). */
export const nowCommand: SubcommandHandler = async ({ teamId, command, ack, respond, services }) => {
  await ack();
  const result = await services.dispatch.postNow({ teamId, channelId: command.channel_id, requestedBy: command.user_id });
  const t = await services.languages.forUser(teamId, command.user_id);
  await respond({ response_type: "ephemeral", ...nowMessage(result, services.clock.now(), t) });
};
