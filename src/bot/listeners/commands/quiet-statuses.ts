import { quietStatusSettingMessage } from "../../views/quiet-status-setting.js";
import type { SubcommandHandler } from "./types.js";

/** `/stretch quiet-statuses [add|remove|default|none …]`: which statuses hold DM prompts back. */
export const quietStatusesCommand: SubcommandHandler = async ({ teamId, rest, command, ack, respond, services }) => {
  await ack();
  const [result, t] = await Promise.all([
    services.quietStatusSettings.handle(teamId, command.user_id, rest),
    services.languages.forUser(teamId, command.user_id),
  ]);
  await respond({ response_type: "ephemeral", ...quietStatusSettingMessage(result, t) });
};
