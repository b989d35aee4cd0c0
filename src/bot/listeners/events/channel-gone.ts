import type { App } from "@slack/bolt";
import type { Services } from "../../../services/index.js";

/** channel_archive / channel_deleted (group_* for private channels): its schedules pause, owners told once. */
export function registerChannelGone(app: App, services: Services): void {
  app.event("channel_archive", async ({ event, context, body }) => {
    const teamId = context.teamId ?? body.team_id;
    if (teamId) await services.inbox.run("channel_gone", { teamId, channelId: event.channel, reason: "channel_archived" });
  });
  app.event("channel_deleted", async ({ event, context, body }) => {
    const teamId = context.teamId ?? body.team_id;
    if (teamId) await services.inbox.run("channel_gone", { teamId, channelId: event.channel, reason: "channel_deleted" });
  });
  // Private channels send the group_* variants.
  app.event("group_archive", async ({ event, context, body }) => {
    const teamId = context.teamId ?? body.team_id;
    if (teamId) await services.inbox.run("channel_gone", { teamId, channelId: event.channel, reason: "channel_archived" });
  });
  app.event("group_deleted", async ({ event, context, body }) => {
    const teamId = context.teamId ?? body.team_id;
    if (teamId) await services.inbox.run("channel_gone", { teamId, channelId: event.channel, reason: "channel_deleted" });
  });
}
