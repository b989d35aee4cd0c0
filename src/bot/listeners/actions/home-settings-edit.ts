import { teamIdOf, type ButtonListener } from "../../context.js";
import type { Services } from "../../../services/index.js";
import { personalSettingsModal } from "../../views/personal-settings-home.js";

/** App Home "More settings…": the personal settings modal, filled with what is saved. */
export function homeSettingsEdit(services: Services): ButtonListener {
  return async ({ ack, body, client, context }) => {
    await ack();
    const teamId = teamIdOf(context, body);
    try {
      const [current, t] = await Promise.all([
        services.personalSettings.forForm({ teamId, userId: body.user.id, channelId: "D" }),
        services.languages.forUser(teamId, body.user.id),
      ]);
      await client.views.open({ trigger_id: body.trigger_id, view: personalSettingsModal(current.settings, current.dmEveryMinutes, t) });
    } catch (error) {
      context.log.error({ err: String(error) }, "settings modal could not open");
    }
  };
}
