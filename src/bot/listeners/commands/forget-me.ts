import { forgetMeConfirmMessage } from "../../views/privacy.js";
import type { SubcommandHandler } from "./types.js";

/** `/stretch forget-me`: only asks; the danger button (actions/forget-me-confirm.ts) deletes. */
export const forgetMeCommand: SubcommandHandler = async ({ teamId, command, ack, services }) => {
  const t = await services.languages.forUser(teamId, command.user_id);
  await ack({ response_type: "ephemeral", ...forgetMeConfirmMessage(t) });
};
