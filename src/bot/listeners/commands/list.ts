import { listMessage } from "../../views/routine.js";
import type { SubcommandHandler } from "./types.js";

export const listCommand: SubcommandHandler = async ({ teamId, ack, command, services }) => {
  await ack({ response_type: "ephemeral", ...listMessage(await services.languages.forUser(teamId, command.user_id)) });
};
