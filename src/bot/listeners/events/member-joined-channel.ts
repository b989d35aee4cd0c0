import { teamIdOf, type EventArgs } from "../../context.js";
import type { Services } from "../../../services/index.js";

/** member_joined_channel: follow membership (members schedules DM them; channel rates count them). */
export function memberJoinedChannel(services: Services): (args: EventArgs<"member_joined_channel">) => Promise<void> {
  return async ({ event, context, body }) => {
    const teamId = teamIdOf(context, body);
    if (!teamId) return;
    await services.inbox.run("member_joined", { teamId, channelId: event.channel, userId: event.user });
  };
}
