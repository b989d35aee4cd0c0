import type { Services } from "../../../services/index.js";
import type { ButtonListener } from "../../context.js";
import { promptGoneReply } from "../../views/prompt.js";
import { routineReplyMessage } from "../../presenters/routine.js";
import { promptButton } from "./prompt-button.js";

/** Another routine on a prompt: a different routine just for this person. */
export function promptAnother(services: Services): ButtonListener {
  return promptButton(services, "Another routine", async ({ teamId, userId, promptId, channelId }) => {
    const [reply, t] = await Promise.all([services.engine.promptActions.another({ teamId, promptId, userId, channelId }), services.languages.forUser(teamId, userId)]);
    return reply ? routineReplyMessage(reply, t) : promptGoneReply();
  });
}
