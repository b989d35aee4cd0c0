import type { Services } from "../../../services/index.js";
import { teamIdOf, type EventArgs } from "../../context.js";

type ChannelGoneEvent = "channel_archive" | "channel_deleted" | "group_archive" | "group_deleted";

/**
 * channel_archive / channel_deleted (group_* for private channels): its schedules pause, owners
 * told once.
 */
export function channelGone(services: Services, reason: "channel_archived" | "channel_deleted"): (args: EventArgs<ChannelGoneEvent>) => Promise<void> {
  return async ({ event, context, body }) => {
    const teamId = teamIdOf(context, body);
    if (teamId) await services.inbox.run("channel_gone", { teamId, channelId: event.channel, reason });
  };
}
