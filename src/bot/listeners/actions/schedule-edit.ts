import { teamIdOf, type ButtonListener } from "../../context.js";
import type { Services } from "../../../services/index.js";
import { formValuesFrom } from "../../../domain/schedule-form.js";
import { scheduleModal } from "../../views/schedule-modal.js";
import { forbiddenMessage } from "../../views/schedule.js";
import { slackErrorText } from "../../../slack/errors.js";

/**
 * "Edit" / "Set one up" in `/stretch schedule`: opens the schedule modal pre-filled with what is
 * stored. views.open needs the trigger_id within 3 s of the click, so it is the first Slack call.
 */
export function scheduleEdit(services: Services): ButtonListener {
  return async ({ ack, body, action, respond, client, context }) => {
    await ack();
    const log = context.log;
    const channelId = body.channel?.id ?? body.container?.channel_id ?? "";
    const caller = { teamId: teamIdOf(context, body), userId: body.user.id, channelId };
    const [outcome, t] = await Promise.all([services.schedules.openEditor(caller, action.value ?? ""), services.languages.forUser(caller.teamId, caller.userId)]);
    if (outcome.kind === "forbidden") {
      await respond({ replace_original: false, response_type: "ephemeral", ...forbiddenMessage(outcome.schedule, t) });
      return;
    }
    if (outcome.kind === "gone") {
      await respond({ replace_original: false, response_type: "ephemeral", text: t("scheduleModal.gone") });
      return;
    }
    const view = scheduleModal({ target: outcome.target, channelId: outcome.channelId }, formValuesFrom(outcome.settings, outcome.tz), t);
    try {
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      log.warn({ err: slackErrorText(error) }, "views.open failed for the schedule modal");
      await respond({ replace_original: false, response_type: "ephemeral", text: t("scheduleModal.openFailed") });
    }
  };
}
