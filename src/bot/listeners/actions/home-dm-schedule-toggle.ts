import type { App, BlockButtonAction } from "@slack/bolt";
import type { Services } from "../../../services/index.js";
import { ActionId } from "../../ids.js";
import { homeButton } from "./home-publish.js";

/** Home: DM reminders on/off (creates a default DM schedule when there is none). */
export function registerHomeDmScheduleToggle(app: App, services: Services): void {
  app.action<BlockButtonAction>(ActionId.homeDmScheduleToggle, homeButton(services, (teamId, userId) => services.home.toggleDmSchedule(teamId, userId)));
}
