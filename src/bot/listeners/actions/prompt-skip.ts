import type { Services } from "../../../services/index.js";
import type { ButtonListener } from "../../context.js";
import { promptActionRefusedReply, promptGoneReply, skippedReply } from "../../views/prompt.js";
import { promptButton } from "./prompt-button.js";

/** Skip on a prompt: recorded as skipped for whoever pressed it. */
export function promptSkip(services: Services): ButtonListener {
  return promptButton(services, "Skip", async ({ teamId, userId, promptId }) => {
    const [result, t] = await Promise.all([services.engine.promptActions.skip({ teamId, promptId, userId }), services.languages.forUser(teamId, userId)]);
    return result.kind === "skipped" ? skippedReply(t) : result.kind === "not_recipient" || result.kind === "opted_out" ? promptActionRefusedReply(result.kind, t) : promptGoneReply(t);
  });
}
