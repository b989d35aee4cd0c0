import { teamIdOf, type ButtonListener } from "../../context.js";
import type { Services } from "../../../services/index.js";
import { errorMessage } from "../../views/errors.js";
import { forgottenMessage } from "../../views/privacy.js";

/**
 * "Delete my data": deletes the data of whoever pressed it (body.user, never the button's value),
 * then replaces the question with what was deleted.
 */
export function forgetMeConfirm(services: Services): ButtonListener {
  return async ({ ack, body, respond, context }) => {
    await ack();
    const teamId = teamIdOf(context, body);
    if (!teamId) {
      await respond({ replace_original: true, response_type: "ephemeral", ...errorMessage() });
      return;
    }
    // Their language is read before their data (and their language choice) is deleted.
    const t = await services.languages.forUser(teamId, body.user.id);
    try {
      const result = await services.privacy.forgetMe(teamId, body.user.id);
      services.languages.forget(teamId, body.user.id);
      await respond({ replace_original: true, response_type: "ephemeral", ...forgottenMessage(result, t) });
    } catch (error) {
      // The transaction rolled back: nothing was deleted, and the button stays for another try.
      context.log.error({ err: String(error) }, "forget-me failed");
      await respond({ replace_original: false, response_type: "ephemeral", ...errorMessage(t("errors.forgetFailed"), t) });
    }
  };
}
