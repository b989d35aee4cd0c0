/**
 * Text pieces shared by the leaderboard, report, Home and digest views. Pure.
 * Slack renders no charts in messages, so trends are text: bars "▇▇▇▁▁ 62%", sparklines "▂▃▅▇".
 */
import type { SectionBlock } from "@slack/types";
import { percent, sparkline, textBar } from "../../domain/leaderboard.js";
import type { TeamSeries, WeekPoint } from "../../domain/report.js";
import type { ReportScope } from "../../services/report-service.js";
import { EN, formatShortDate, type T } from "../../i18n/index.js";
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

/** "+5 pts" / "−3 pkt" / "" */
export function deltaText(series: TeamSeries, t: T = EN): string {
  const d = series.trend.deltaPoints;
  if (d === null || d === 0) return "";
  return ` ${t("report.team.delta", { sign: d > 0 ? "+" : "−", points: Math.abs(d) })}`;
}

export function streakText(days: number | null, t: T = EN): string {
  if (days === null) return t("report.team.streakNone");
  const rounded = Math.round(days * 10) / 10;
  const shown = rounded.toLocaleString(t.lng === "en" ? "en-US" : t.lng);
  return t("report.team.streak", { count: rounded, days: shown });
}

/** One line per team: trend sparkline, latest week's rate and arrow, people, prompts, streak. */
export function teamLine(label: string, series: TeamSeries, t: T = EN): string {
  const latest = series.weeks.at(-1);
  const shown = latest && latest.deliveries > 0 ? latest : lastWithData(series);
  const head = `${label}  \`${sparkline(series.weeks.map((w) => w.rate))}\` *${percent(shown?.rate ?? null)}* ${series.trend.arrow}${deltaText(series, t)}`;
  return `${head} · ${t("report.team.figures", { active: shown?.active ?? 0, people: shown?.people ?? 0, count: shown?.deliveries ?? 0 })} · ${streakText(series.medianStreak, t)}`;
}

/** A monospace table, one row per week: bar, rate, active people, prompts delivered. Columns fit the language's headings. */
export function weeklyTable(series: TeamSeries, t: T = EN): string {
  const heads = [t("report.table.week"), t("report.table.rate"), t("report.table.active"), t("report.table.prompts")];
  const dates = series.weeks.map((w) => formatShortDate(t, w.weekStart));
  const width = [Math.max(heads[0]!.length, ...dates.map((d) => d.length)), Math.max(heads[1]!.length, 16), Math.max(heads[2]!.length, 6), Math.max(heads[3]!.length, 8)] as const;
  const rows = series.weeks.map((w, i) => {
    return `${dates[i]!.padEnd(width[0])} ${textBar(w.rate, 10).padEnd(width[1])} ${String(w.active).padStart(width[2])} ${String(w.deliveries).padStart(width[3])}`;
  });
  return "```\n" + [`${heads[0]!.padEnd(width[0])} ${heads[1]!.padEnd(width[1])} ${heads[2]!.padStart(width[2])} ${heads[3]!.padStart(width[3])}`, ...rows].join("\n") + "\n```";
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
