import type { Services } from "../../../services/index.js";
import type { ButtonListener } from "../../context.js";
import { doneConfirmationMessage, doneDeferredMessage, doneRefusedMessage } from "../../views/completions.js";
import { promptButton } from "./prompt-button.js";

/**
 * Done on a prompt: a completion for whoever pressed it, answered in their language. Pressing
 * again answers the same and stores nothing.
 */
export function promptDone(services: Services): ButtonListener {
  return promptButton(services, "Done", async ({ teamId, userId, promptId, channelId }) => {
    const [outcome, t] = await Promise.all([services.completions.completeByButtonDurably({ teamId, userId, promptId, channelId }), services.languages.forUser(teamId, userId)]);
    return outcome.ok === "deferred" ? doneDeferredMessage(t) : outcome.ok ? doneConfirmationMessage(outcome.streak.current, t) : doneRefusedMessage(outcome.reason, t);
  });
}
