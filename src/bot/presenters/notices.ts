import type { Notices } from "../../services/notices.js";
import { milestoneMessage } from "../views/completions.js";
import { digestMessage } from "../views/digest.js";

/** The Block Kit of what services post on their own (the Notices port), from the views. */
export const botNotices: Notices = {
  streakMilestone: milestoneMessage,
  weeklyDigest: digestMessage,
};
