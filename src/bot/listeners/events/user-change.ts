import { teamIdOf, type EventArgs } from "../../context.js";
import type { Services } from "../../../services/index.js";
import { eventInstant } from "./user-status.js";

/** user_change: refresh the stored profile (and status); a new time zone moves that person's prompts. */
export function userChange(services: Services): (args: EventArgs<"user_change">) => Promise<void> {
  return async ({ event, context, body }) => {
    const teamId = teamIdOf(context, body);
    if (!teamId) return;
    const user = event.user as unknown as Record<string, unknown>;
    const eventAt = eventInstant(event as { event_ts?: unknown }, body as { event_time?: unknown }).getTime();
    await services.inbox.run("user_change", { teamId, user, eventAt });
  };
}
