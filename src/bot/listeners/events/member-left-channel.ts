import type { App } from "@slack/bolt";
import type { Services } from "../../../services/index.js";

/** member_left_channel: they no longer get that channel's members-schedule DMs. */
export function registerMemberLeftChannel(app: App, services: Services): void {
  app.event("member_left_channel", async ({ event, context, body }) => {
    const teamId = context.teamId ?? body.team_id;
    if (!teamId) return;
    await services.inbox.run("member_left", { teamId, channelId: event.channel, userId: event.user });
  });
}
