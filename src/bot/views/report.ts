/** Replies to `/stretch report …` (and the export confirmation). Pure. */
import type { KnownBlock } from "@slack/types";
import { MIN_TEAM_SIZE } from "../../domain/leaderboard.js";
import type { ParticipationReport } from "../../domain/report.js";
import type { ExportResult, ReportProblem, ReportResult, ReportScope } from "../../services/report-service.js";
import { EN, formatShortDate, type T } from "../../i18n/index.js";
import { usergroupProblemMessage } from "./leaderboard.js";
import type { SlackMessage } from "./message.js";
import { capBlocks, context, header, section } from "./routine.js";
import { packLines, scopeLabel, teamLabel, teamLine, weeklyTable } from "./participation-text.js";
import { addDays } from "../../time/zones.js";

/** Team lines in one message; the rest are in the CSV export (keeps far under 50 blocks). */
export const MAX_TEAM_LINES = 60;

const note = (text: string): SlackMessage => ({ text, blocks: [section(text)] });

/** The same words for every refusal: no figures, no hint whether the team or report exists. */
export function reportRefusalMessage(t: T = EN): SlackMessage {
  return note(t("report.refused"));
}

function problemMessage(problem: ReportProblem, t: T): SlackMessage {
  switch (problem.kind) {
    case "refused":
      return reportRefusalMessage(t);
    case "usergroup_problem":
      return usergroupProblemMessage(problem.problem, t);
    case "too_small":
      return note(t("report.tooSmall", { scope: capitalized(scopeLabel(problem.scope, t)), count: MIN_TEAM_SIZE }));
    case "empty":
      return note(t("report.empty", { scope: scopeLabel(problem.scope, t) }));
  }
}

/** The report in the manager's language. */
export function reportMessage(result: ReportResult, t: T = EN): SlackMessage {
  if (result.kind !== "report") return problemMessage(result, t);
  const { report, scope } = result;
  const period = periodText(report, t);
  const blocks: KnownBlock[] = [
    header(t("report.title")),
    context(t("report.subtitle", { scope: capitalized(scopeLabel(scope, t)), period })),
    ...reportBody(report, scope, t),
    context(t("report.rateNote", { count: MIN_TEAM_SIZE })),
  ];
  return { text: t("report.fallback", { scope: scopeLabel(scope, t), period }), blocks: capBlocks(blocks, 1) };
}

/** Total with its weekly table, then one line per team (shared with the digest). */
export function reportBody(report: ParticipationReport, scope: ReportScope, t: T = EN): KnownBlock[] {
  const total = report.total;
  const blocks: KnownBlock[] = [
    section(`*${t("report.total")}* · ${teamLine(capitalized(scopeLabel(scope, t)), total, t)}`),
    section(weeklyTable(total, t)),
  ];
  const lines = report.teams.slice(0, MAX_TEAM_LINES).map((team) => teamLine(teamLabel(team.team), team, t));
  if (report.teams.length > MAX_TEAM_LINES) lines.push(t("report.moreTeams", { count: report.teams.length - MAX_TEAM_LINES }));
  if (report.smallTeams) {
    const s = report.smallTeams;
    lines.push(teamLine(t("report.smallTeams", { count: s.count, min: MIN_TEAM_SIZE }), s.series, t));
  }
  if (lines.length > 0 && (scope.kind === "workspace" || scope.kind === "my_teams")) blocks.push({ type: "divider" }, ...packLines(lines));
  return blocks;
}

export function exportMessage(result: ExportResult, t: T = EN): SlackMessage {
  if (result.kind !== "uploaded") return problemMessage(result, t);
  return note(t("report.exported", { filename: result.filename, count: result.rows }));
}

function periodText(report: ParticipationReport, t: T): string {
  const first = report.weeks[0]!;
  const last = addDays(report.weeks.at(-1)!, 6);
  return t("report.period", { count: report.weeks.length, from: formatShortDate(t, first), to: formatShortDate(t, last) });
}

function capitalized(text: string): string {
  return text.startsWith("<") || text.startsWith("@") ? text : text[0]!.toUpperCase() + text.slice(1);
}
