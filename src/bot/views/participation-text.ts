/**
 * Text pieces shared by the leaderboard, report, Home and digest views. Pure.
 * Slack renders no charts in messages, so trends are text: bars "▇▇▇▁▁ 62%", sparklines "▂▃▅▇".
 */
import type { SectionBlock } from "@slack/types";
import { percent, sparkline, textBar } from "../../domain/leaderboard.js";
import type { TeamSeries, WeekPoint } from "../../domain/report.js";
import { shortDate } from "../../domain/report-period.js";
import type { ReportScope } from "../../services/report-service.js";
import { EN, type T } from "../../i18n/index.js";
import { escapeMrkdwn, section } from "./routine.js";

/** Room left under Slack's 3000-character section limit for safety. */
const SECTION_CHARS = 2800;

/**
 * How a scope is named. User groups are named as text, never as a <!subteam^…> mention: a report
 * must not notify the whole group.
 */
export function scopeLabel(scope: ReportScope, t: T = EN): string {
  switch (scope.kind) {
    case "workspace":
      return t("report.scope.workspace");
    case "my_teams":
      return t("report.scope.myTeams");
    case "channel":
      return `<#${scope.channelId}>`;
    case "usergroup":
      return `@${escapeMrkdwn(scope.label ?? scope.usergroupId)}`;
  }
}

export const teamLabel = (team: string) => `<#${team}>`;

function lastWithData(series: TeamSeries): WeekPoint | undefined {
  return [...series.weeks].reverse().find((w) => w.deliveries > 0 || w.completions > 0);
}

/** "+5 pts" / "−3 pts" / "" */
export function deltaText(series: TeamSeries): string {
  const d = series.trend.deltaPoints;
  if (d === null || d === 0) return "";
  return ` ${d > 0 ? "+" : "−"}${Math.abs(d)} pts`;
}

export function streakText(days: number | null): string {
  if (days === null) return "median streak –";
  const rounded = Math.round(days * 10) / 10;
  return `median streak ${rounded} day${rounded === 1 ? "" : "s"}`;
}

/** One line per team: trend sparkline, latest week's rate and arrow, people, prompts, streak. */
export function teamLine(label: string, series: TeamSeries): string {
  const latest = series.weeks.at(-1);
  const shown = latest && latest.deliveries > 0 ? latest : lastWithData(series);
  return (
    `${label}  \`${sparkline(series.weeks.map((w) => w.rate))}\` *${percent(shown?.rate ?? null)}* ${series.trend.arrow}${deltaText(series)}` +
    ` · ${shown?.active ?? 0}/${shown?.people ?? 0} active · ${shown?.deliveries ?? 0} prompts · ${streakText(series.medianStreak)}`
  );
}

/** A monospace table, one row per week: bar, rate, active people, prompts delivered. */
export function weeklyTable(series: TeamSeries): string {
  const rows = series.weeks.map((w) => {
    const label = shortDate(w.weekStart).padEnd(7);
    return `${label} ${textBar(w.rate, 10).padEnd(16)} ${String(w.active).padStart(6)} ${String(w.deliveries).padStart(8)}`;
  });
  return "```\n" + [`${"Week of".padEnd(7)} ${"Rate".padEnd(16)} ${"Active".padStart(6)} ${"Prompts".padStart(8)}`, ...rows].join("\n") + "\n```";
}

/** Lines packed into as few sections as fit (each under the 3000-character limit). */
export function packLines(lines: readonly string[], maxChars = SECTION_CHARS): SectionBlock[] {
  const blocks: SectionBlock[] = [];
  let current = "";
  for (const line of lines) {
    const clipped = line.length > maxChars ? `${line.slice(0, maxChars - 1)}…` : line;
    if (current && current.length + 1 + clipped.length > maxChars) {
      blocks.push(section(current));
      current = "";
    }
    current = current ? `${current}\n${clipped}` : clipped;
  }
  if (current) blocks.push(section(current));
  return blocks;
}
