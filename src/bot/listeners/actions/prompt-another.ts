import type { Services } from "../../../services/index.js";
import type { ButtonListener } from "../../context.js";
import { promptGoneReply } from "../../views/prompt.js";
import { promptButton } from "./prompt-button.js";

/** Another routine on a prompt: a different routine just for this person. */
export function promptAnother(services: Services): ButtonListener {
  return promptButton(services, "Another routine", async ({ teamId, userId, promptId, channelId }) => {
    return (await services.engine.promptActions.another({ teamId, promptId, userId, channelId })) ?? promptGoneReply();
  });
}
