/** Replies to `/stretch leaderboard …`. Pure. */
import type { KnownBlock } from "@slack/types";
import { MIN_TEAM_SIZE, percent, textBar } from "../../domain/leaderboard.js";
import type { BoardPeriod } from "../../domain/report-period.js";
import type { BoardResult, BoardScope } from "../../services/leaderboard-service.js";
import type { UsergroupProblem } from "../../services/usergroups.js";
import { EN, type T } from "../../i18n/index.js";
import type { SlackMessage } from "./message.js";
import { capBlocks, context, escapeMrkdwn, section } from "./routine.js";

const PERIOD_KEY: Readonly<Record<BoardPeriod, string>> = { week: "leaderboard.periods.week", month: "leaderboard.periods.month", all: "leaderboard.periods.all" };

const note = (text: string): SlackMessage => ({ text, blocks: [section(text)] });

function scopeText(scope: BoardScope): string {
  return scope.kind === "channel" ? `<#${scope.channelId}>` : `@${escapeMrkdwn(scope.label ?? scope.usergroupId)}`;
}

const USERGROUP_PROBLEM_KEY: Readonly<Record<UsergroupProblem, string>> = {
  missing_scope: "leaderboard.usergroup.missingScope",
  not_available: "leaderboard.usergroup.notAvailable",
  not_found: "leaderboard.usergroup.notFound",
  failed: "leaderboard.usergroup.failed",
};

export function usergroupProblemMessage(problem: UsergroupProblem, t: T = EN): SlackMessage {
  return note(t(USERGROUP_PROBLEM_KEY[problem]));
}

export function leaderboardMessage(result: BoardResult, t: T = EN): SlackMessage {
  if (result.kind === "not_a_channel") return note(t("leaderboard.notAChannel"));
  if (result.kind === "usergroup_problem") return usergroupProblemMessage(result.problem, t);
  const title = t("leaderboard.title", { scope: scopeText(result.scope), period: t(PERIOD_KEY[result.period]) });
  if (result.kind === "empty") return note(`${title}\n${t("leaderboard.empty")}`);
  const { board } = result;
  const totals = board.totals;
  const totalsLine = t("leaderboard.totals", {
    bar: textBar(totals.rate),
    completions: totals.completions,
    deliveries: totals.deliveries,
    participants: totals.participants,
    count: totals.people,
  });
  const blocks: KnownBlock[] = [section(title)];
  if (board.totalsOnly) {
    blocks.push(section(totalsLine), context(t("leaderboard.totalsOnly", { count: MIN_TEAM_SIZE })));
  } else {
    const lines = board.rows.map(
      (r) => `${r.rank}. <@${r.userId}> · ${t("leaderboard.done", { count: r.completions })} · ${percent(r.rate)}${r.streak > 0 ? ` · ${t("leaderboard.streak", { count: r.streak })}` : ""}`,
    );
    if (board.hiddenParticipants > 0) lines.push(`+ ${t("leaderboard.private", { count: board.hiddenParticipants })}`);
    if (lines.length === 0) lines.push(t("leaderboard.nobody"));
    blocks.push(section(lines.join("\n")), section(totalsLine));
  }
  blocks.push(context(t("leaderboard.rateNote")));
  const text = board.totalsOnly
    ? t("leaderboard.fallbackTotals", { percent: percent(totals.rate) })
    : t("leaderboard.fallback", { count: board.rows.length, percent: percent(totals.rate) });
  return { text, blocks: capBlocks(blocks) };
}

export function visibilityMessage(hidden: boolean, t: T = EN): SlackMessage {
  return note(t(hidden ? "leaderboard.hidden" : "leaderboard.shown"));
}
