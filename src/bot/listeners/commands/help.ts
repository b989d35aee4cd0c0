import { helpMessage } from "../../views/help.js";
import type { SubcommandHandler } from "./types.js";

export const helpCommand: SubcommandHandler = async ({ teamId, ack, command, services }) => {
  await ack({ response_type: "ephemeral", ...helpMessage(await services.languages.forUser(teamId, command.user_id)) });
};
