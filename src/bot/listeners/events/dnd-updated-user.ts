import type { App } from "@slack/bolt";
import type { DndStatus } from "../../../domain/availability.js";
import type { Services } from "../../../services/index.js";

/** dnd_updated_user: someone changed their Do Not Disturb schedule; deliveries read the stored copy. */
export function registerDndUpdatedUser(app: App, services: Services): void {
  app.event("dnd_updated_user", async ({ event, context, body }) => {
    const teamId = context.teamId ?? body.team_id;
    const e = event as unknown as { user?: unknown; dnd_status?: DndStatus };
    if (!teamId || typeof e.user !== "string" || !e.dnd_status || typeof e.dnd_status !== "object") return;
    await services.inbox.run("dnd_updated", { teamId, userId: e.user, status: e.dnd_status });
  });
}
