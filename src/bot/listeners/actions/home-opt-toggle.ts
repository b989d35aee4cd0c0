import type { App, BlockButtonAction } from "@slack/bolt";
import type { Services } from "../../../services/index.js";
import { ActionId } from "../../ids.js";
import { homeButton } from "./home-publish.js";

/** Home: Opt out / opt back in (the same as /stretch optout|optin). */
export function registerHomeOptToggle(app: App, services: Services): void {
  app.action<BlockButtonAction>(ActionId.homeOptToggle, homeButton(services, (teamId, userId) => services.home.toggleOptOut(teamId, userId)));
}
