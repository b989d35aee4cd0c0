/** Replies to `/stretch leaderboard …`. Pure. */
import type { KnownBlock } from "@slack/types";
import { MIN_TEAM_SIZE, percent, privateCountLabel, textBar } from "../../domain/leaderboard.js";
import type { BoardPeriod } from "../../domain/report-period.js";
import type { BoardResult, BoardScope } from "../../services/leaderboard-service.js";
import type { UsergroupProblem } from "../../services/usergroups.js";
import type { SlackMessage } from "./message.js";
import { capBlocks, context, escapeMrkdwn, section } from "./routine.js";

const PERIOD_TEXT: Readonly<Record<BoardPeriod, string>> = { week: "last 7 days", month: "last 30 days", all: "all time" };

const note = (text: string): SlackMessage => ({ text, blocks: [section(text)] });

function scopeText(scope: BoardScope): string {
  return scope.kind === "channel" ? `<#${scope.channelId}>` : `@${escapeMrkdwn(scope.label ?? scope.usergroupId)}`;
}

export function usergroupProblemMessage(problem: UsergroupProblem): SlackMessage {
  switch (problem) {
    case "missing_scope":
      return note(":lock: I can't read user groups in this workspace: the app needs the `usergroups:read` permission. Ask a Slack admin to reinstall the app, or use the leaderboard in a channel instead.");
    case "not_available":
      return note(":information_source: User groups aren't available on this Slack plan. Use the leaderboard in a channel instead.");
    case "not_found":
      return note(":mag: I couldn't find that user group. Pick it from Slack's autocomplete list when you type `@`.");
    case "failed":
      return note(":warning: Slack didn't answer when I asked for that user group. Please try again in a moment.");
  }
}

export function leaderboardMessage(result: BoardResult): SlackMessage {
  if (result.kind === "not_a_channel") {
    return note("Leaderboards belong to a channel: run `/stretch leaderboard` in the team's channel, or name a group: `/stretch leaderboard @group`.");
  }
  if (result.kind === "usergroup_problem") return usergroupProblemMessage(result.problem);
  const title = `*Stretch leaderboard · ${scopeText(result.scope)} · ${PERIOD_TEXT[result.period]}*`;
  if (result.kind === "empty") {
    return note(`${title}\nNo stretch prompts reached anyone here in that time yet. Set some up with \`/stretch schedule\`.`);
  }
  const { board } = result;
  const t = board.totals;
  const totalsLine = `Participation: *${textBar(t.rate)}* · ${t.completions} of ${t.deliveries} prompts done · ${t.participants} of ${t.people} people joined in`;
  const blocks: KnownBlock[] = [section(title)];
  if (board.totalsOnly) {
    blocks.push(section(totalsLine), context(`Fewer than ${MIN_TEAM_SIZE} people here, so only totals are shown.`));
  } else {
    const lines = board.rows.map(
      (r) => `${r.rank}. <@${r.userId}> · ${r.completions} done · ${percent(r.rate)}${r.streak > 0 ? ` · :fire: ${r.streak}-day streak` : ""}`,
    );
    if (board.hiddenParticipants > 0) lines.push(`+ ${privateCountLabel(board.hiddenParticipants)}`);
    if (lines.length === 0) lines.push("_Nobody has finished a stretch here in that time yet: be the first!_");
    blocks.push(section(lines.join("\n")), section(totalsLine));
  }
  blocks.push(context("Rate = prompts done ÷ prompts received. Keep your stats private with `/stretch leaderboard hide` (`show` to undo)."));
  const text = board.totalsOnly ? `Participation ${percent(t.rate)}` : `Stretch leaderboard: ${board.rows.length} people, participation ${percent(t.rate)}`;
  return { text, blocks: capBlocks(blocks) };
}

export function visibilityMessage(hidden: boolean): SlackMessage {
  return note(
    hidden
      ? ":see_no_evil: Done: your name no longer appears on leaderboards. Your stretches still count in team totals, anonymously. `/stretch leaderboard show` brings you back."
      : ":tada: Done: you can appear on leaderboards again. `/stretch leaderboard hide` keeps your stats private.",
  );
}
