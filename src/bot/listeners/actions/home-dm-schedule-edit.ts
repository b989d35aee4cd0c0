import type { App, BlockButtonAction } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../../services/index.js";
import { ActionId } from "../../ids.js";
import { scheduleModal } from "../../views/schedule-modal.js";

/**
 * Home: "Edit schedule" opens the same schedule modal as `/stretch schedule` → Edit, for the
 * person's DM schedule; its Save is handled by the schedule modal's own view listener.
 */
export function registerHomeDmScheduleEdit(app: App, services: Services): void {
  app.action<BlockButtonAction>(ActionId.homeDmScheduleEdit, async ({ ack, body, client, context }) => {
    await ack();
    const teamId = body.team?.id ?? context.teamId ?? "";
    try {
      const [edit, t] = await Promise.all([services.home.dmScheduleEdit(teamId, body.user.id), services.languages.forUser(teamId, body.user.id)]);
      await client.views.open({ trigger_id: body.trigger_id, view: scheduleModal({ target: "dm", channelId: edit.dmChannelId }, edit.values, t) });
    } catch (error) {
      (context.log as Logger).error({ err: error instanceof Error ? error.message : String(error) }, "opening the schedule modal from Home failed");
    }
  });
}
