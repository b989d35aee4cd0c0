import type { App } from "@slack/bolt";
import type { Services } from "../../../services/index.js";
import { registerAppHomeOpened } from "./app-home-opened.js";
import { registerAppUninstalled } from "./app-uninstalled.js";
import { registerChannelGone } from "./channel-gone.js";
import { registerDndUpdatedUser } from "./dnd-updated-user.js";
import { registerMemberJoinedChannel } from "./member-joined-channel.js";
import { registerMemberLeftChannel } from "./member-left-channel.js";
import { registerReactionEvents } from "./reactions.js";
import { registerTokensRevoked } from "./tokens-revoked.js";
import { registerUserChange } from "./user-change.js";
import { registerUserStatus } from "./user-status.js";

/**
 * Events API listeners (one file per event kind). Reactions are a global middleware (see
 * reactions.ts): they are registered here like the others but intercept before listener dispatch.
 */
export function registerEvents(app: App, services: Services): void {
  registerReactionEvents(app, services);
  registerAppUninstalled(app, services);
  registerTokensRevoked(app, services);
  registerAppHomeOpened(app, services);
  registerMemberJoinedChannel(app, services);
  registerMemberLeftChannel(app, services);
  registerUserChange(app, services);
  registerUserStatus(app, services);
  registerDndUpdatedUser(app, services);
  registerChannelGone(app, services);
}
