import { listMessage } from "../../views/routine.js";
import type { SubcommandHandler } from "./types.js";

export const listCommand: SubcommandHandler = async ({ ack, command, services }) => {
  await ack({ response_type: "ephemeral", ...listMessage(await services.languages.forUser(command.team_id, command.user_id)) });
};
