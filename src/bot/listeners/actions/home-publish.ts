import type { HomeModel } from "../../../services/home-service.js";
import type { Services } from "../../../services/index.js";
import { teamIdOf, type ButtonListener } from "../../context.js";
import { publishHome } from "../publish-home.js";

/**
 * The shape of every Home button: ack at once, run one service change that returns the fresh Home
 * model, and republish (in the person's language) so the tab shows the new state. A failure is
 * logged; the old Home stays.
 */
export function homeButton(services: Pick<Services, "languages" | "clock">, change: (teamId: string, userId: string) => Promise<HomeModel>): ButtonListener {
  return async ({ ack, body, client, context }) => {
    await ack();
    const teamId = teamIdOf(context, body);
    try {
      const model = await change(teamId, body.user.id);
      const t = await services.languages.forUser(teamId, body.user.id);
      await publishHome(client, body.user.id, model, services.clock.now(), t, context.log);
    } catch (error) {
      context.log.error({ err: error instanceof Error ? error.message : String(error), action: body.actions[0]?.action_id }, "Home button failed");
    }
  };
}
