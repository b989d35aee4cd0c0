import type { Services } from "../../../services/index.js";
import type { BotApp, EventArgs } from "../../context.js";
import { appHomeOpened } from "./app-home-opened.js";
import { appUninstalled } from "./app-uninstalled.js";
import { channelGone } from "./channel-gone.js";
import { dndUpdatedUser } from "./dnd-updated-user.js";
import { memberJoinedChannel } from "./member-joined-channel.js";
import { memberLeftChannel } from "./member-left-channel.js";
import { registerReactionEvents } from "./reactions.js";
import { tokensRevoked } from "./tokens-revoked.js";
import { userChange } from "./user-change.js";
import { userStatus } from "./user-status.js";

interface EventRoute {
  event: string;
  register(app: BotApp, services: Services): void;
}

/** One row of the table: the event type and the listener for it, typed together. */
function on<E extends string>(event: E, listener: (services: Services) => (args: EventArgs<E>) => Promise<void>): EventRoute {
  return { event, register: (app, services) => app.event(event, listener(services)) };
}

/** Every Events API event the app answers: event type → listener (one file per listener beside this one). */
export const EVENTS: readonly EventRoute[] = [
  // Lifecycle
  on("app_uninstalled", appUninstalled),
  on("tokens_revoked", tokensRevoked),
  on("app_home_opened", appHomeOpened),
  // Channel membership and channels going away
  on("member_joined_channel", memberJoinedChannel),
  on("member_left_channel", memberLeftChannel),
  on("channel_archive", (services) => channelGone(services, "channel_archived")),
  on("channel_deleted", (services) => channelGone(services, "channel_deleted")),
  // Private channels send the group_* variants.
  on("group_archive", (services) => channelGone(services, "channel_archived")),
  on("group_deleted", (services) => channelGone(services, "channel_deleted")),
  // People: profile, status, huddles, Do Not Disturb
  on("user_change", userChange),
  on("user_status_changed", userStatus),
  on("user_huddle_changed", userStatus),
  on("dnd_updated_user", dndUpdatedUser),
];

/**
 * Reactions come first, as a global middleware rather than a row of the table (see reactions.ts):
 * they stop there, so Bolt never dispatches them through every listener.
 */
export function registerEvents(app: BotApp, services: Services): void {
  registerReactionEvents(app, services);
  for (const route of EVENTS) route.register(app, services);
}
