import { optedOutMessage } from "../../views/privacy.js";
import type { SubcommandHandler } from "./types.js";

/** `/stretch optout`: no more DMs, no tracking. */
export const optoutCommand: SubcommandHandler = async ({ teamId, command, ack, respond, services }) => {
  await ack();
  await services.privacy.optOut(teamId, command.user_id);
  const t = await services.languages.forUser(teamId, command.user_id);
  await respond({ response_type: "ephemeral", ...optedOutMessage(t) });
};
