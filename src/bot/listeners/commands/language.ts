import { languageSettingMessage } from "../../views/language-setting.js";
import type { SubcommandHandler } from "./types.js";

/** `/stretch language [pl|en]`: the workspace's default language (managers change it). */
export const languageCommand: SubcommandHandler = async ({ teamId, rest, command, ack, respond, services }) => {
  await ack();
  const result = await services.languages.workspace(teamId, command.user_id, rest);
  const t = await services.languages.forUser(teamId, command.user_id);
  await respond({ response_type: "ephemeral", ...languageSettingMessage(result, t) });
};
