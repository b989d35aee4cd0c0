import { teamIdOf, type ButtonListener } from "../../context.js";
import type { Services } from "../../../services/index.js";
import { forgetCancelledMessage } from "../../views/privacy.js";

export function forgetMeCancel(services: Services): ButtonListener {
  return async ({ ack, body, respond, context }) => {
    await ack();
    const t = await services.languages.forUser(teamIdOf(context, body), body.user.id);
    await respond({ replace_original: true, response_type: "ephemeral", ...forgetCancelledMessage(t) });
  };
}
