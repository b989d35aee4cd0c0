import { personalSettingsMessage } from "../../views/personal-settings.js";
import type { SubcommandHandler } from "./types.js";

/** `/stretch me [setting value]`: show or change your own settings (hours, zone, areas, language…). */
export const meCommand: SubcommandHandler = async ({ teamId, rest, command, ack, respond, services }) => {
  await ack();
  const result = await services.personalSettings.handle({ teamId, userId: command.user_id, channelId: command.channel_id }, rest);
  // After the change: a new language answers in that language.
  const t = await services.languages.forUser(teamId, command.user_id);
  await respond({ response_type: "ephemeral", ...personalSettingsMessage(result, t) });
};
