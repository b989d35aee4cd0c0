import { teamIdOf, type EventArgs } from "../../context.js";
import type { Services } from "../../../services/index.js";
import { publishHome } from "../publish-home.js";

/** app_home_opened on the Home tab → publish a fresh Home view (the Messages tab needs nothing). */
export function appHomeOpened(services: Services): (args: EventArgs<"app_home_opened">) => Promise<void> {
  return async ({ event, body, client, context }) => {
    if (event.tab !== "home") return;
    const teamId = teamIdOf(context, body);
    try {
      const [model, t] = await Promise.all([services.home.model(teamId, event.user), services.languages.forUser(teamId, event.user)]);
      await publishHome(client, event.user, model, services.clock.now(), t, context.log);
    } catch (error) {
      // Events are acked already; the person sees the previous Home until they open it again.
      context.log.error({ err: error instanceof Error ? error.message : String(error) }, "publishing Home failed");
    }
  };
}
