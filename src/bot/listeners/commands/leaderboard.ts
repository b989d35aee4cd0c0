import { isParseError, parseLeaderboardArgs } from "../../../domain/report-args.js";
import { leaderboardMessage, visibilityMessage } from "../../views/leaderboard.js";
import { problemText } from "../../views/problem-text.js";
import type { SubcommandHandler } from "./types.js";

/**
 * `/stretch leaderboard [week|month|all] [@group]`, `… hide`, `… show`. Bad input is answered in
 * the ack; anything touching the database is acked first and answered through response_url.
 */
export const leaderboardCommand: SubcommandHandler = async ({ rest, command, ack, respond, services }) => {
  const args = parseLeaderboardArgs(rest);
  if (isParseError(args)) {
    // Acked first: the person's language comes from the database.
    await ack();
    const t = await services.languages.forUser(command.team_id, command.user_id);
    await respond({ response_type: "ephemeral", text: problemText(args.error, t) });
    return;
  }
  await ack();
  const t = await services.languages.forUser(command.team_id, command.user_id);
  if (args.action !== "show") {
    const hidden = args.action === "hide";
    await services.leaderboards.setHidden(command.team_id, command.user_id, hidden);
    await respond({ response_type: "ephemeral", ...visibilityMessage(hidden, t) });
    return;
  }
  const result = await services.leaderboards.board({
    teamId: command.team_id,
    userId: command.user_id,
    channelId: command.channel_id,
    period: args.period,
    ...(args.target ? { target: args.target } : {}),
  });
  await respond({ response_type: "ephemeral", ...leaderboardMessage(result, t) });
};
