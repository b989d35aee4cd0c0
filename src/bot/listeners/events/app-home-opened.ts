import type { App } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../../services/index.js";
import { homeView } from "../../views/home.js";

/** app_home_opened on the Home tab → publish a fresh Home view (the Messages tab needs nothing). */
export function registerAppHomeOpened(app: App, services: Services): void {
  app.event("app_home_opened", async ({ event, body, client, context }) => {
    if (event.tab !== "home") return;
    const teamId = context.teamId ?? body.team_id;
    try {
      const [model, t] = await Promise.all([services.home.model(teamId, event.user), services.languages.forUser(teamId, event.user)]);
      await client.views.publish({ user_id: event.user, view: homeView(model, services.clock.now(), t) });
    } catch (error) {
      // Events are acked already; the person sees the previous Home until they open it again.
      (context.log as Logger).error({ err: error instanceof Error ? error.message : String(error) }, "publishing Home failed");
    }
  });
}
