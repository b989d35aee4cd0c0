import { teamIdOf, type EventArgs } from "../../context.js";
import type { DndStatus } from "../../../domain/availability.js";
import type { Services } from "../../../services/index.js";

/** dnd_updated_user: someone changed their Do Not Disturb schedule; deliveries read the stored copy. */
export function dndUpdatedUser(services: Services): (args: EventArgs<"dnd_updated_user">) => Promise<void> {
  return async ({ event, context, body }) => {
    const teamId = teamIdOf(context, body);
    const e = event as unknown as { user?: unknown; dnd_status?: DndStatus };
    if (!teamId || typeof e.user !== "string" || !e.dnd_status || typeof e.dnd_status !== "object") return;
    await services.inbox.run("dnd_updated", { teamId, userId: e.user, status: e.dnd_status });
  };
}
