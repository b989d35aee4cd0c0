import type { App, BlockButtonAction } from "@slack/bolt";
import type { Services } from "../../../services/index.js";
import { ActionId } from "../../ids.js";
import { homeButton } from "./home-publish.js";

/** Home: Snooze for today: no DM prompts until the end of the person's local day (again = end it). */
export function registerHomeSnoozeToday(app: App, services: Services): void {
  app.action<BlockButtonAction>(ActionId.homeSnoozeToday, homeButton(services, (teamId, userId) => services.home.toggleSnoozeToday(teamId, userId)));
}
