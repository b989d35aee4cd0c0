import type { Services } from "../../../services/index.js";
import { teamIdOf, type ButtonListener } from "../../context.js";
import { errorMessage } from "../../views/errors.js";
import type { SlackMessage } from "../../views/message.js";

/** Who pressed which prompt's button (every prompt button's value is the prompt id). */
export interface PromptPress {
  teamId: string;
  userId: string;
  promptId: string;
  channelId: string | undefined;
}

/**
 * The shape of the buttons on a posted prompt (Done, Skip, Snooze…, Another): ack at once, run one
 * use-case for whoever pressed it, and answer only to them (ephemeral; the prompt itself is left
 * as it is). A failure is logged and answered with the friendly error message.
 */
export function promptButton(services: Services, name: string, answer: (press: PromptPress) => Promise<SlackMessage>): ButtonListener {
  return async ({ ack, body, action, respond, context }) => {
    await ack();
    const press: PromptPress = { teamId: teamIdOf(context, body), userId: body.user.id, promptId: action.value ?? "", channelId: body.channel?.id };
    let message: SlackMessage;
    try {
      message = await answer(press);
    } catch (error) {
      context.log.error({ err: String(error) }, `${name} button failed`);
      message = errorMessage(undefined, await services.languages.forUser(press.teamId, press.userId));
    }
    await respond({ replace_original: false, response_type: "ephemeral", ...message });
  };
}
