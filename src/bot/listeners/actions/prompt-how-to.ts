import { teamIdOf, type ButtonListener } from "../../context.js";
import type { Services } from "../../../services/index.js";
import { howToModal, promptGoneReply } from "../../views/prompt.js";

/**
 * "How to" on a prompt (value = prompt id): a modal with the steps and safety cues, only for the
 * person who pressed it. views.open must use the trigger_id within 3 s, so no slow work first.
 */
export function promptHowTo(services: Services): ButtonListener {
  return async ({ ack, body, action, respond, client, context }) => {
    await ack();
    const teamId = teamIdOf(context, body);
    try {
      const [routine, t] = await Promise.all([
        services.engine.promptActions.routine({ teamId, promptId: action.value ?? "", userId: body.user.id }),
        services.languages.forUser(teamId, body.user.id),
      ]);
      if (!routine) {
        await respond({ replace_original: false, response_type: "ephemeral", ...promptGoneReply(t) });
        return;
      }
      await client.views.open({ trigger_id: body.trigger_id, view: howToModal(routine, t) });
    } catch (error) {
      context.log.error({ err: String(error) }, "How to button failed");
    }
  };
}
