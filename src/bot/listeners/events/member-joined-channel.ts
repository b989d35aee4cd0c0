import type { App } from "@slack/bolt";
import type { Services } from "../../../services/index.js";

/** member_joined_channel: follow membership (members schedules DM them; channel rates count them). */
export function registerMemberJoinedChannel(app: App, services: Services): void {
  app.event("member_joined_channel", async ({ event, context, body }) => {
    const teamId = context.teamId ?? body.team_id;
    if (!teamId) return;
    await services.inbox.run("member_joined", { teamId, channelId: event.channel, userId: event.user });
  });
}
