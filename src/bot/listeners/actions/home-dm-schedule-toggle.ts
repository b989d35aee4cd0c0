import type { ButtonListener } from "../../context.js";
import type { Services } from "../../../services/index.js";
import { homeButton } from "./home-publish.js";

/** Home: DM reminders on/off (creates a default DM schedule when there is none). */
export function homeDmScheduleToggle(services: Services): ButtonListener {
  return homeButton(services, (teamId, userId) => services.home.toggleDmSchedule(teamId, userId));
}
