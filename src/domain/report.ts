/**
 * Turns weekly aggregates into a participation report, pure: one series per team with a trend
 * and median streak, teams smaller than MIN_TEAM_SIZE folded into one combined row (so nobody is
 * singled out), and the scope's total.
 */
import { median, MIN_TEAM_SIZE, rate, trend, type Trend } from "./leaderboard.js";

/** One aggregate as the participation repository returns it. team null = the whole scope; week null = the whole range. */
export interface WeeklyAggregate {
  team: string | null;
  week: string | null;
  deliveries: number;
  people: number;
  completions: number;
  active: number;
}

export interface WeekPoint {
  weekStart: string;
  /** People a prompt was delivered to that week. */
  people: number;
  /** People who completed at least one. */
  active: number;
  deliveries: number;
  completions: number;
  rate: number | null;
}

export interface TeamSeries {
  /** Channel id; "" for the combined and total rows. */
  team: string;
  /** Distinct people delivered to over the whole range. */
  size: number;
  weeks: WeekPoint[];
  medianStreak: number | null;
  trend: Trend;
  /** Over the whole range. */
  rate: number | null;
}

export interface ParticipationReport {
  weeks: string[];
  /** Teams with at least MIN_TEAM_SIZE people, best latest rate first. */
  teams: TeamSeries[];
  /**
   * Teams below MIN_TEAM_SIZE, combined; null when there are none or when together they are still
   * below it (then they only count in the total).
   */
  smallTeams: { count: number; series: TeamSeries } | null;
  total: TeamSeries;
}

export interface ReportInput {
  /** Week starts (Mondays), oldest first. */
  weeks: string[];
  aggregates: readonly WeeklyAggregate[];
  /** Current streaks of each team's people (key null = everyone in scope). */
  streaks: ReadonlyMap<string | null, readonly number[]>;
  minTeamSize?: number;
}

export function buildReport(input: ReportInput): ParticipationReport {
  const minTeamSize = input.minTeamSize ?? MIN_TEAM_SIZE;
  const byTeam = new Map<string, WeeklyAggregate[]>();
  const totalRows: WeeklyAggregate[] = [];
  for (const row of input.aggregates) {
    if (row.team === null) totalRows.push(row);
    else byTeam.set(row.team, [...(byTeam.get(row.team) ?? []), row]);
  }
  const series = [...byTeam.entries()].map(([team, rows]) => toSeries(team, rows, input.weeks, input.streaks.get(team) ?? []));
  const teams = series.filter((s) => s.size >= minTeamSize).sort(byLatestRate);
  const small = series.filter((s) => s.size < minTeamSize);
  // Combined small teams must themselves reach the minimum, or "combined" would be one tiny team.
  const combinedSize = small.reduce((n, s) => n + s.size, 0);
  return {
    weeks: input.weeks,
    teams,
    smallTeams: combinedSize >= minTeamSize ? { count: small.length, series: combine(small, input.weeks, input.streaks) } : null,
    total: toSeries("", totalRows, input.weeks, input.streaks.get(null) ?? []),
  };
}

function toSeries(team: string, rows: readonly WeeklyAggregate[], weeks: readonly string[], streaks: readonly number[]): TeamSeries {
  const perWeek = new Map(rows.filter((r) => r.week !== null).map((r) => [r.week!, r]));
  const overall = rows.find((r) => r.week === null);
  const points = weeks.map((weekStart) => point(weekStart, perWeek.get(weekStart)));
  return {
    team,
    size: overall?.people ?? 0,
    weeks: points,
    medianStreak: median(streaks),
    trend: trend(points.map((p) => p.rate)),
    rate: overall ? rate(overall.completions, overall.deliveries) : null,
  };
}

function point(weekStart: string, row: WeeklyAggregate | undefined): WeekPoint {
  const deliveries = row?.deliveries ?? 0;
  const completions = row?.completions ?? 0;
  return { weekStart, people: row?.people ?? 0, active: row?.active ?? 0, deliveries, completions, rate: rate(completions, deliveries) };
}

/** Small teams summed week by week (people may be counted twice if in two small teams: fine for a total). */
function combine(small: readonly TeamSeries[], weeks: readonly string[], streaks: ReadonlyMap<string | null, readonly number[]>): TeamSeries {
  const points = weeks.map((weekStart, i) => {
    const sum = { people: 0, active: 0, deliveries: 0, completions: 0 };
    for (const s of small) {
      const p = s.weeks[i]!;
      sum.people += p.people;
      sum.active += p.active;
      sum.deliveries += p.deliveries;
      sum.completions += p.completions;
    }
    return { weekStart, ...sum, rate: rate(sum.completions, sum.deliveries) };
  });
  const deliveries = points.reduce((n, p) => n + p.deliveries, 0);
  const completions = points.reduce((n, p) => n + p.completions, 0);
  return {
    team: "",
    size: small.reduce((n, s) => n + s.size, 0),
    weeks: points,
    medianStreak: median(small.flatMap((s) => [...(streaks.get(s.team) ?? [])])),
    trend: trend(points.map((p) => p.rate)),
    rate: rate(completions, deliveries),
  };
}

function byLatestRate(a: TeamSeries, b: TeamSeries): number {
  const last = (s: TeamSeries) => [...s.weeks].reverse().find((p) => p.rate !== null)?.rate ?? -1;
  return last(b) - last(a) || (a.team < b.team ? -1 : 1);
}
