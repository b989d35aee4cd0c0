import type { Services } from "../../../services/index.js";
import type { ButtonListener } from "../../context.js";
import { doneConfirmationMessage, doneDeferredMessage, doneRefusedMessage } from "../../views/completions.js";
import { promptButton } from "./prompt-button.js";

/**
 * Done on a prompt: a completion for whoever pressed it. Pressing again answers the same and
 * stores nothing.
 */
export function promptDone(services: Services): ButtonListener {
  return promptButton(services, "Done", async ({ teamId, userId, promptId, channelId }) => {
    const outcome = await services.completions.completeByButtonDurably({ teamId, userId, promptId, channelId });
    return outcome.ok === "deferred" ? doneDeferredMessage() : outcome.ok ? doneConfirmationMessage(outcome.streak.current) : doneRefusedMessage(outcome.reason);
  });
}
