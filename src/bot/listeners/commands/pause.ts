import { pauseMessage } from "../../views/schedule.js";
import type { SubcommandHandler } from "./types.js";

/** `/stretch pause 2h | today | channel 1h`: see src/domain/pause-spec.ts for what each holds. */
export const pauseCommand: SubcommandHandler = async ({ teamId, rest, command, ack, respond, services }) => {
  await ack();
  const outcome = await services.schedules.pause({ teamId, userId: command.user_id, channelId: command.channel_id }, rest);
  const t = await services.languages.forUser(teamId, command.user_id);
  await respond({ response_type: "ephemeral", ...pauseMessage(outcome, services.clock.now(), t) });
};
