import type { ButtonListener } from "../../context.js";
import type { Services } from "../../../services/index.js";
import { homeButton } from "./home-publish.js";

/** Home: Hide me from / show me on leaderboards (the same as /stretch leaderboard hide|show). */
export function homeLeaderboardVisibility(services: Services): ButtonListener {
  return homeButton(services, (teamId, userId) => services.home.toggleLeaderboardVisibility(teamId, userId));
}
