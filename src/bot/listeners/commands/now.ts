import { nowMessage } from "../../views/schedule.js";
import type { SubcommandHandler } from "./types.js";

/** `/stretch now`: one prompt here right away, outside the schedule (the job engine posts it). */
export const nowCommand: SubcommandHandler = async ({ command, ack, respond, services }) => {
  await ack();
  const result = await services.dispatch.postNow({ teamId: command.team_id, channelId: command.channel_id, requestedBy: command.user_id });
  const t = await services.languages.forUser(command.team_id, command.user_id);
  await respond({ response_type: "ephemeral", ...nowMessage(result, services.clock.now(), t) });
};
