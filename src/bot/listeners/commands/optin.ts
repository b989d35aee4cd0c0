import { optedInMessage } from "../../views/privacy.js";
import type { SubcommandHandler } from "./types.js";

/** `/stretch optin`: undoes optout. */
export const optinCommand: SubcommandHandler = async ({ teamId, command, ack, respond, services }) => {
  await ack();
  await services.privacy.optIn(teamId, command.user_id);
  const t = await services.languages.forUser(teamId, command.user_id);
  await respond({ response_type: "ephemeral", ...optedInMessage(t) });
};
