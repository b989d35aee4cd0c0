import type { Subcommand } from "../../../domain/subcommand.js";
import { forgetMeCommand } from "./forget-me.js";
import { helpCommand } from "./help.js";
import { leaderboardCommand } from "./leaderboard.js";
import { listCommand } from "./list.js";
import { managersCommand } from "./managers.js";
import { nowCommand } from "./now.js";
import { optinCommand } from "./optin.js";
import { optoutCommand } from "./optout.js";
import { pauseCommand } from "./pause.js";
import { quietStatusesCommand } from "./quiet-statuses.js";
import { languageCommand } from "./language.js";
import { meCommand } from "./me.js";
import { reactionsCommand } from "./reactions.js";
import { reportCommand } from "./report.js";
import { resumeCommand } from "./resume.js";
import { routineCommand } from "./routine.js";
import { scheduleCommand } from "./schedule.js";
import { statsCommand } from "./stats.js";
import type { SubcommandHandler } from "./types.js";

/** Sub-command → handler. Each handler lives in its own file beside this one. */
export const SUBCOMMAND_HANDLERS: Record<Subcommand | "routine", SubcommandHandler> = {
  routine: routineCommand,
  help: helpCommand,
  list: listCommand,
  schedule: scheduleCommand,
  pause: pauseCommand,
  resume: resumeCommand,
  now: nowCommand,
  stats: statsCommand,
  leaderboard: leaderboardCommand,
  managers: managersCommand,
  report: reportCommand,
  optout: optoutCommand,
  optin: optinCommand,
  "forget-me": forgetMeCommand,
  reactions: reactionsCommand,
  "quiet-statuses": quietStatusesCommand,
  me: meCommand,
  language: languageCommand,
};
