import { helpMessage } from "../../views/help.js";
import type { SubcommandHandler } from "./types.js";

export const helpCommand: SubcommandHandler = async ({ ack, command, services }) => {
  await ack({ response_type: "ephemeral", ...helpMessage(await services.languages.forUser(command.team_id, command.user_id)) });
};
