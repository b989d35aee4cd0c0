import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { HomeModel } from "../../../services/home-service.js";
import type { Services } from "../../../services/index.js";
import { homeView } from "../../views/home.js";

type HomeButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * The shape of every Home button: ack at once, run one service change that returns the fresh Home
 * model, and republish (in the person's language) so the tab shows the new state. A failure is
 * logged; the old Home stays.
 */
export function homeButton(services: Pick<Services, "languages" | "clock">, change: (teamId: string, userId: string) => Promise<HomeModel>) {
  return async ({ ack, body, client, context }: HomeButtonArgs): Promise<void> => {
    await ack();
    const teamId = body.team?.id ?? context.teamId ?? "";
    try {
      const model = await change(teamId, body.user.id);
      const t = await services.languages.forUser(teamId, body.user.id);
      await client.views.publish({ user_id: body.user.id, view: homeView(model, services.clock.now(), t) });
    } catch (error) {
      (context.log as Logger).error({ err: error instanceof Error ? error.message : String(error), action: body.actions[0]?.action_id }, "Home button failed");
    }
  };
}
