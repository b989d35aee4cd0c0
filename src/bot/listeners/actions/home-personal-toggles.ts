import type { Services } from "../../../services/index.js";
import type { ButtonListener } from "../../context.js";
import { homeButton } from "./home-publish.js";

/** App Home: seated only, gentle ↔ standard, compact ↔ full prompts; Home is republished with the new state. */
export function homePersonalToggle(services: Services, field: "seated" | "intensity" | "style"): ButtonListener {
  return homeButton(services, async (teamId, userId) => {
    await services.personalSettings.toggle({ teamId, userId, channelId: "D" }, field);
    return services.home.model(teamId, userId);
  });
}
