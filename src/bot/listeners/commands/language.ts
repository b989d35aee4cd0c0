import { languageSettingMessage } from "../../views/language-setting.js";
import type { SubcommandHandler } from "./types.js";

/** `/stretch language [pl|en]`: the workspace's default language (managers change it). */
export const languageCommand: SubcommandHandler = async ({ rest, command, ack, respond, services }) => {
  await ack();
  const result = await services.languages.workspace(command.team_id, command.user_id, rest);
  const t = await services.languages.forUser(command.team_id, command.user_id);
  await respond({ response_type: "ephemeral", ...languageSettingMessage(result, t) });
};
