import { teamIdOf, type EventArgs } from "../../context.js";
import type { Services } from "../../../services/index.js";

/**
 * When Slack says this event happened: events can arrive out of order (and retried), so the
 * stored status only moves forward in event time. `event_ts` (seconds, fractional) is the most
 * precise; the envelope's `event_time` otherwise; the machine's clock as a last resort (Slack's
 * time line, not the product's "now": only used to order status events).
 */
export function eventInstant(event: { event_ts?: unknown }, body: { event_time?: unknown }): Date {
  const ts = Number(event.event_ts);
  if (Number.isFinite(ts) && ts > 0) return new Date(ts * 1000);
  const time = Number(body.event_time);
  return Number.isFinite(time) && time > 0 ? new Date(time * 1000) : new Date();
}

/**
 * user_status_changed and user_huddle_changed: someone's status or huddle changed; DM prompts read
 * the stored copy ("In a meeting" until 11:00 → their 10:30 prompt waits until 11:00).
 */
export function userStatus<E extends "user_status_changed" | "user_huddle_changed">(services: Services): (args: EventArgs<E>) => Promise<void> {
  return async ({ event, context, body }) => {
    const teamId = teamIdOf(context, body);
    const user = (event as unknown as { user?: unknown }).user;
    if (!teamId || !user || typeof user !== "object") return;
    const eventAt = eventInstant(event as { event_ts?: unknown }, body as { event_time?: unknown }).getTime();
    await services.inbox.run("user_status", { teamId, user: user as Record<string, unknown>, eventAt });
  };
}
