import { reactionSettingMessage } from "../../views/reaction-setting.js";
import type { SubcommandHandler } from "./types.js";

/** `/stretch reactions [any | :emoji: …]`: which reactions mark a prompt done in this workspace. */
export const reactionsCommand: SubcommandHandler = async ({ teamId, rest, command, ack, respond, services }) => {
  await ack();
  const [result, t] = await Promise.all([services.settings.handle(teamId, command.user_id, rest), services.languages.forUser(teamId, command.user_id)]);
  await respond({ response_type: "ephemeral", ...reactionSettingMessage(result, t) });
};
