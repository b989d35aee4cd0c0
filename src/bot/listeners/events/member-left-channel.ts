import { teamIdOf, type EventArgs } from "../../context.js";
import type { Services } from "../../../services/index.js";

/** member_left_channel: they no longer get that channel's members-schedule DMs. */
export function memberLeftChannel(services: Services): (args: EventArgs<"member_left_channel">) => Promise<void> {
  return async ({ event, context, body }) => {
    const teamId = teamIdOf(context, body);
    if (!teamId) return;
    await services.inbox.run("member_left", { teamId, channelId: event.channel, userId: event.user });
  };
}
