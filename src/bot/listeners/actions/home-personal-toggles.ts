import type { App, BlockButtonAction } from "@slack/bolt";
import type { Services } from "../../../services/index.js";
import { ActionId } from "../../ids.js";
import { homeButton } from "./home-publish.js";

/** App Home: seated only, gentle ↔ standard, compact ↔ full prompts; Home is republished with the new state. */
export function registerHomePersonalToggles(app: App, services: Services): void {
  const toggles = [
    [ActionId.homeSeatedToggle, "seated"],
    [ActionId.homeIntensityToggle, "intensity"],
    [ActionId.homePromptStyleToggle, "style"],
  ] as const;
  for (const [actionId, field] of toggles) {
    app.action<BlockButtonAction>(
      actionId,
      homeButton(services, async (teamId, userId) => {
        await services.personalSettings.toggle({ teamId, userId, channelId: "D" }, field);
        return services.home.model(teamId, userId);
      }),
    );
  }
}
