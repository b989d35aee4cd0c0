import type { ButtonListener } from "../../context.js";
import type { Services } from "../../../services/index.js";
import { homeButton } from "./home-publish.js";

/** Home: Snooze for today: no DM prompts until the end of the person's local day (again = end it). */
export function homeSnoozeToday(services: Services): ButtonListener {
  return homeButton(services, (teamId, userId) => services.home.toggleSnoozeToday(teamId, userId));
}
