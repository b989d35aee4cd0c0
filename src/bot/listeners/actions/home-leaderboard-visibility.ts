import type { App, BlockButtonAction } from "@slack/bolt";
import type { Services } from "../../../services/index.js";
import { ActionId } from "../../ids.js";
import { homeButton } from "./home-publish.js";

/** Home: Hide me from / show me on leaderboards (the same as /stretch leaderboard hide|show). */
export function registerHomeLeaderboardVisibility(app: App, services: Services): void {
  app.action<BlockButtonAction>(ActionId.homeLeaderboardVisibility, homeButton(services, (teamId, userId) => services.home.toggleLeaderboardVisibility(teamId, userId)));
}
