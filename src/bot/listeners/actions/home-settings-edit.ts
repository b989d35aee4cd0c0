import type { App, BlockButtonAction } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../../services/index.js";
import { ActionId } from "../../ids.js";
import { personalSettingsModal } from "../../views/personal-settings-home.js";

/** App Home "More settings…": the personal settings modal, filled with what is saved. */
export function registerHomeSettingsEdit(app: App, services: Services): void {
  app.action<BlockButtonAction>(ActionId.homeSettingsEdit, async ({ ack, body, client, context }) => {
    await ack();
    const teamId = body.team?.id ?? context.teamId ?? "";
    try {
      const current = await services.personalSettings.forForm({ teamId, userId: body.user.id, channelId: "D" });
      await client.views.open({ trigger_id: body.trigger_id, view: personalSettingsModal(current.settings, current.dmEveryMinutes) });
    } catch (error) {
      (context.log as Logger).error({ err: String(error) }, "settings modal could not open");
    }
  });
}
