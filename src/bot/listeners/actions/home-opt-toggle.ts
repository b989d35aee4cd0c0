import type { ButtonListener } from "../../context.js";
import type { Services } from "../../../services/index.js";
import { homeButton } from "./home-publish.js";

/** Home: Opt out / opt back in (the same as /stretch optout|optin). */
export function homeOptToggle(services: Services): ButtonListener {
  return homeButton(services, (teamId, userId) => services.home.toggleOptOut(teamId, userId));
}
