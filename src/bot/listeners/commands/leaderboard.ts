import { isInvalid } from "../../../domain/problem.js";
import { parseLeaderboardArgs } from "../../../domain/report-args.js";
import { leaderboardMessage, visibilityMessage } from "../../views/leaderboard.js";
import { ackThenLanguage, problemReply } from "./reply.js";
import type { SubcommandHandler } from "./types.js";

/**
 * `/stretch leaderboard [week|month|all] [@group]`, `… hide`, `… show`. Bad input is answered in
 * the ack; anything touching the database is acked first and answered through response_url.
 */
export const leaderboardCommand: SubcommandHandler = async (input) => {
  const { teamId, rest, command, respond, services } = input;
  const args = parseLeaderboardArgs(rest);
  const t = await ackThenLanguage(input);
  if (isInvalid(args)) {
    await respond(problemReply(args, t));
    return;
  }
  if (args.action !== "show") {
    const hidden = args.action === "hide";
    await services.leaderboards.setHidden(teamId, command.user_id, hidden);
    await respond({ response_type: "ephemeral", ...visibilityMessage(hidden, t) });
    return;
  }
  const result = await services.leaderboards.board({
    teamId,
    userId: command.user_id,
    channelId: command.channel_id,
    period: args.period,
    ...(args.target ? { target: args.target } : {}),
  });
  await respond({ response_type: "ephemeral", ...leaderboardMessage(result, t) });
};
