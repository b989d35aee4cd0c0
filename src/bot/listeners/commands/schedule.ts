import { scheduleChangeMessage, scheduleOverviewMessage } from "../../views/schedule.js";
import { withHeldPromptsLine } from "../../views/held-prompts.js";
import type { SubcommandHandler } from "./types.js";

/**
 * `/stretch schedule …`: no options shows the schedules here (with Edit buttons); options create,
 * update or turn off one. Acked at once, answered through response_url: saving may look the
 * caller up in users.info (their time zone, admin flag).
 */
export const scheduleCommand: SubcommandHandler = async ({ teamId, rest, command, ack, respond, services }) => {
  await ack();
  const caller = { teamId, userId: command.user_id, channelId: command.channel_id };
  const message = rest.trim()
    ? scheduleChangeMessage(...(await Promise.all([services.schedules.applyText(caller, rest), services.languages.forUser(caller.teamId, caller.userId)])), services.clock.now())
    : await overview();
  async function overview() {
    const [views, held, t] = await Promise.all([
      services.schedules.overview(caller),
      services.heldPrompts.forPerson(caller.teamId, caller.userId),
      services.languages.forUser(caller.teamId, caller.userId),
    ]);
    return withHeldPromptsLine(scheduleOverviewMessage(views, caller, services.clock.now(), t), held, t);
  }
  await respond({ response_type: "ephemeral", ...message });
};
