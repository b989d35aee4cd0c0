/** Replies to `/stretch report …` (and the export confirmation). Pure. */
import type { KnownBlock } from "@slack/types";
import { MIN_TEAM_SIZE } from "../../domain/leaderboard.js";
import type { ParticipationReport } from "../../domain/report.js";
import { addDays, shortDate } from "../../domain/report-period.js";
import type { ExportResult, ReportProblem, ReportResult, ReportScope } from "../../services/report-service.js";
import { usergroupProblemMessage } from "./leaderboard.js";
import type { SlackMessage } from "./message.js";
import { capBlocks, context, header, section } from "./routine.js";
import { packLines, scopeLabel, teamLabel, teamLine, weeklyTable } from "./participation-text.js";

/** Team lines in one message; the rest are in the CSV export (keeps far under 50 blocks). */
export const MAX_TEAM_LINES = 60;

const note = (text: string): SlackMessage => ({ text, blocks: [section(text)] });

/** The same words for every refusal: no figures, no hint whether the team or report exists. */
export function reportRefusalMessage(): SlackMessage {
  return note(
    ":lock: Participation reports are for managers: workspace admins and owners, and people an admin adds with `/stretch managers add @person`. Your own figures are always in `/stretch stats`.",
  );
}

function problemMessage(problem: ReportProblem): SlackMessage {
  switch (problem.kind) {
    case "refused":
      return reportRefusalMessage();
    case "usergroup_problem":
      return usergroupProblemMessage(problem.problem);
    case "too_small":
      return note(`${capitalized(scopeLabel(problem.scope))} has fewer than ${MIN_TEAM_SIZE} people, so I don't report on it separately: it only counts in workspace totals, so nobody is singled out.`);
    case "empty":
      return note(`No stretch prompts reached ${scopeLabel(problem.scope)} in that time yet, so there is nothing to report.`);
  }
}

export function reportMessage(result: ReportResult): SlackMessage {
  if (result.kind !== "report") return problemMessage(result);
  const { report, scope } = result;
  const blocks: KnownBlock[] = [
    header("Stretch participation report"),
    context(`${capitalized(scopeLabel(scope))} · ${periodText(report)} · weeks start on Monday, in each person's own time zone`),
    ...reportBody(report, scope),
    context(
      `Rate = prompts done ÷ prompts delivered. Teams under ${MIN_TEAM_SIZE} people are combined; people who keep their stats private still count, anonymously. \`/stretch report export\` sends this as CSV.`,
    ),
  ];
  return { text: `Stretch participation report: ${scopeLabel(scope)}, ${periodText(report)}`, blocks: capBlocks(blocks, 1) };
}

/** Total with its weekly table, then one line per team (shared with the digest). */
export function reportBody(report: ParticipationReport, scope: ReportScope): KnownBlock[] {
  const total = report.total;
  const blocks: KnownBlock[] = [
    section(`*Total* · ${teamLine(capitalized(scopeLabel(scope)), total)}`),
    section(weeklyTable(total)),
  ];
  const lines = report.teams.slice(0, MAX_TEAM_LINES).map((t) => teamLine(teamLabel(t.team), t));
  if (report.teams.length > MAX_TEAM_LINES) lines.push(`_…and ${report.teams.length - MAX_TEAM_LINES} more teams: \`/stretch report export\` has them all._`);
  if (report.smallTeams) {
    const s = report.smallTeams;
    lines.push(teamLine(`_${s.count} team${s.count === 1 ? "" : "s"} under ${MIN_TEAM_SIZE} people, combined_`, s.series));
  }
  if (lines.length > 0 && (scope.kind === "workspace" || scope.kind === "my_teams")) blocks.push({ type: "divider" }, ...packLines(lines));
  return blocks;
}

export function exportMessage(result: ExportResult): SlackMessage {
  if (result.kind !== "uploaded") return problemMessage(result);
  return note(`:page_facing_up: I sent you \`${result.filename}\` in our DM: ${result.rows} rows, one per team per week.`);
}

function periodText(report: ParticipationReport): string {
  const first = report.weeks[0]!;
  const last = addDays(report.weeks.at(-1)!, 6);
  return `${report.weeks.length} week${report.weeks.length === 1 ? "" : "s"}, ${shortDate(first)} – ${shortDate(last)}`;
}

function capitalized(text: string): string {
  return text.startsWith("<") || text.startsWith("@") ? text : text[0]!.toUpperCase() + text.slice(1);
}
