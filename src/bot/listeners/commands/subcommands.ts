import type { Subcommand } from "../../../domain/subcommand.js";
import { helpCommand } from "./help.js";
import { listCommand } from "./list.js";
import { routineCommand } from "./routine.js";
import type { SubcommandHandler } from "./types.js";
import { comingSoon } from "./coming-soon.js";

/** Sub-command → handler. Each handler lives in its own file beside this one. */
export const SUBCOMMAND_HANDLERS: Record<Subcommand | "routine", SubcommandHandler> = {
  routine: routineCommand,
  help: helpCommand,
  list: listCommand,
  schedule: comingSoon,
  pause: comingSoon,
  resume: comingSoon,
  now: comingSoon,
  stats: comingSoon,
  leaderboard: comingSoon,
  managers: comingSoon,
  report: comingSoon,
  optout: comingSoon,
  optin: comingSoon,
  "forget-me": comingSoon,
};
