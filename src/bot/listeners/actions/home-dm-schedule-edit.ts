import { teamIdOf, type ButtonListener } from "../../context.js";
import type { Services } from "../../../services/index.js";
import { scheduleModal } from "../../views/schedule-modal.js";

/**
 * Home: "Edit schedule" opens the same schedule modal as `/stretch schedule` → Edit, for the
 * person's DM schedule; its Save is handled by the schedule modal's own view listener.
 */
export function homeDmScheduleEdit(services: Services): ButtonListener {
  return async ({ ack, body, client, context }) => {
    await ack();
    const teamId = teamIdOf(context, body);
    try {
      const [edit, t] = await Promise.all([services.home.dmScheduleEdit(teamId, body.user.id), services.languages.forUser(teamId, body.user.id)]);
      await client.views.open({ trigger_id: body.trigger_id, view: scheduleModal({ target: "dm", channelId: edit.dmChannelId }, edit.values, t) });
    } catch (error) {
      context.log.error({ err: error instanceof Error ? error.message : String(error) }, "opening the schedule modal from Home failed");
    }
  };
}
