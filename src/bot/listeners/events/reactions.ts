import type { BotApp } from "../../context.js";
import { parseReactionEvent } from "../../../domain/reaction-event.js";
import type { Services } from "../../../services/index.js";

/**
 * reaction_added and reaction_removed, as a global middleware rather than app.event(): Bolt runs
 * every registered listener's middleware chain for every request, copying the whole argument
 * object at each step; with ~25 listeners that dispatch was the largest CPU cost per event at
 * 1,000 reactions/s (bench/reaction-events.ts). Reactions stop here; everything else goes on.
 * Consequence: an `app.event("reaction_added")` elsewhere would never run; add to this instead.
 *
 * Bolt has already acknowledged the event when middleware runs, so the batched database work is
 * off the ack path. Retries (x-slack-retry-num) carry the same event_id and drop out there.
 */
export function registerReactionEvents(app: BotApp, services: Services): void {
  app.use(async ({ body, context, next }) => {
    const envelope = body as { type?: unknown; event?: { type?: unknown }; event_id?: unknown };
    const type = envelope.event?.type;
    if (envelope.type !== "event_callback" || (type !== "reaction_added" && type !== "reaction_removed")) {
      await next();
      return;
    }
    const outcome = await services.completions.recordReaction(parseReactionEvent(body, context.teamId, services.clock.now()), context.botUserId, context.botId);
    // Debug only: at 1,000 reactions/s an info line each would be most of the log volume.
    context.log.debug({ outcome, eventId: envelope.event_id, retryNum: context.retryNum }, type);
  });
}
