import { toCsv, type CsvCell } from "../domain/csv.js";
import { MIN_TEAM_SIZE } from "../domain/leaderboard.js";
import type { ParticipationReport, TeamSeries } from "../domain/report.js";

export const CSV_HEADER = [
  "week_start",
  "team_id",
  "team_name",
  "people",
  "active_participants",
  "prompts_delivered",
  "completions",
  "participation_rate_percent",
  "median_current_streak_days",
] as const;

/**
 * One row per team per week (teams below the minimum size as one combined row, then the total).
 * The median streak is today's, repeated on each of the team's rows so every row stands alone.
 */
export function reportCsv(report: ParticipationReport, nameOf: (team: string) => string, totalName = "total"): { csv: string; rows: number } {
  const rows: CsvCell[][] = [[...CSV_HEADER]];
  const add = (series: TeamSeries, id: string, name: string) => {
    for (const week of series.weeks) {
      rows.push([
        week.weekStart,
        id,
        name,
        week.people,
        week.active,
        week.deliveries,
        week.completions,
        week.rate === null ? null : Math.round(week.rate * 1000) / 10,
        series.medianStreak,
      ]);
    }
  };
  for (const team of report.teams) add(team, team.team, nameOf(team.team));
  if (report.smallTeams) add(report.smallTeams.series, "", `teams under ${MIN_TEAM_SIZE} people (${report.smallTeams.count}, combined)`);
  add(report.total, "", totalName);
  return { csv: toCsv(rows), rows: rows.length - 1 };
}
