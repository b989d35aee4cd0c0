/**
 * What the charts plot and what their alt text says, pure. The alt text states the numbers the
 * picture shows, so someone using a screen reader (or a client that does not load images) gets
 * the same information. Every word comes from ChartWords (src/charts/words.ts builds them in the
 * viewer's language), so this stays language-free.
 */
import { percent } from "./leaderboard.js";
import type { ParticipationReport, TeamSeries } from "./report.js";
import { mondayOf } from "./report-period.js";
import { addDays, isoWeekday } from "../time/zones.js";

/** The words a chart uses, in one language. */
export interface ChartWords {
  /** A calendar date as an axis label: "Nov 16" / "16 lis". */
  date(isoDate: string): string;
  /** ISO weekday 1–7 as a row label: "Mon" / "pon.". */
  weekday(isoWeekday: number): string;
  allTeams: string;
  smallTeams(count: number): string;
  participationHead(p: { weeks: number; from: string; to: string }): string;
  heatmapHead(p: { weeks: number; from: string; to: string; total: number; activeDays: number; days: number; best: { count: number; week: string } | null }): string;
  perWeek(list: string): string;
  /** "…and 3 more teams (see the text report)." */
  more(count: number, kind: "teams" | "weeks"): string;
}

/** Slack's limit for an image block's alt_text is 2000 characters. */
export const ALT_TEXT_MAX = 2000;

/** One point of the participation chart: a team's rate (0–1) in one week. */
export interface ParticipationPoint {
  week: string;
  /** Axis label, e.g. "Nov 16" (ChartWords.date). */
  label: string;
  team: string;
  rate: number;
  /** Draw order: the total first (thick, dark), then teams as listed. */
  order: number;
}

export interface ParticipationChartData {
  points: ParticipationPoint[];
  /** Series names in legend order. */
  series: string[];
  weeks: string[];
  altText: string;
}

/**
 * Lines per team (teams big enough to be shown, in the report's order), the combined small teams,
 * and the total. `nameOf` turns a channel id into what the chart prints ("#design"). Weeks with
 * no prompts have no point (a gap, not a zero).
 */
export function participationChartData(report: ParticipationReport, nameOf: (team: string) => string, words: ChartWords): ParticipationChartData {
  const series: Array<{ name: string; s: TeamSeries }> = [
    { name: words.allTeams, s: report.total },
    ...report.teams.map((t) => ({ name: nameOf(t.team), s: t })),
    ...(report.smallTeams ? [{ name: words.smallTeams(report.smallTeams.count), s: report.smallTeams.series }] : []),
  ];
  const unique = uniqueNames(series.map((x) => x.name));
  const points: ParticipationPoint[] = [];
  series.forEach(({ s }, order) => {
    for (const w of s.weeks) {
      if (w.rate !== null) points.push({ week: w.weekStart, label: words.date(w.weekStart), team: unique[order]!, rate: w.rate, order });
    }
  });
  const weeks = report.weeks;
  const head = words.participationHead({ weeks: weeks.length, from: words.date(weeks[0]!), to: words.date(weeks.at(-1)!) });
  const lines = series.map(({ s }, i) => `${unique[i]}: ${s.weeks.map((w) => percent(w.rate)).join(", ")}`);
  return { points, series: unique, weeks, altText: fitAltText(head, lines, (n) => words.more(n, "teams")) };
}

/** One cell of the calendar heatmap. */
export interface HeatmapCell {
  date: string;
  /** Monday of the cell's week (the column). */
  week: string;
  /** Column label: the week's Monday, "Sep 14" (ChartWords.date). */
  weekLabel: string;
  /** "Mon" … "Sun" (the row; ChartWords.weekday). */
  weekday: string;
  count: number;
  /** Colour bucket: "0", "1", "2", "3", "4+". */
  level: string;
}

export interface HeatmapData {
  cells: HeatmapCell[];
  weeks: string[];
  total: number;
  activeDays: number;
  altText: string;
}

export const HEATMAP_WEEKS = 12;
export const HEATMAP_LEVELS = ["0", "1", "2", "3", "4+"] as const;

/**
 * A GitHub-style grid: 12 columns (weeks, Monday first, the last one holding `today`), 7 rows
 * (weekdays); days after today are left out. `byDay` maps local dates to completions.
 */
export function heatmapData(today: string, byDay: ReadonlyMap<string, number>, words: ChartWords, weeks = HEATMAP_WEEKS): HeatmapData {
  const lastMonday = mondayOf(today);
  const mondays = Array.from({ length: weeks }, (_, i) => addDays(lastMonday, -7 * (weeks - 1 - i)));
  const cells: HeatmapCell[] = [];
  const perWeek: number[] = [];
  for (const monday of mondays) {
    const weekLabel = words.date(monday);
    let weekTotal = 0;
    for (let d = 0; d < 7; d++) {
      const date = addDays(monday, d);
      if (date > today) break;
      const count = byDay.get(date) ?? 0;
      weekTotal += count;
      cells.push({ date, week: monday, weekLabel, weekday: words.weekday(isoWeekday(date)), count, level: HEATMAP_LEVELS[Math.min(count, 4)]! });
    }
    perWeek.push(weekTotal);
  }
  const total = perWeek.reduce((a, b) => a + b, 0);
  const activeDays = cells.filter((c) => c.count > 0).length;
  const best = perWeek.indexOf(Math.max(...perWeek));
  const head = words.heatmapHead({
    weeks,
    from: words.date(mondays[0]!),
    to: words.date(today),
    total,
    activeDays,
    days: cells.length,
    best: total > 0 ? { count: perWeek[best]!, week: words.date(mondays[best]!) } : null,
  });
  const lines = [words.perWeek(perWeek.join(", "))];
  return { cells, weeks: mondays, total, activeDays, altText: fitAltText(head, lines, (n) => words.more(n, "weeks")) };
}

/** Head, then as many lines as fit in Slack's limit, then how many were left out. */
function fitAltText(head: string, lines: string[], more: (count: number) => string): string {
  let text = head;
  for (const [i, line] of lines.entries()) {
    const rest = lines.length - i;
    const candidate = `${text} ${line}.`;
    const tail = rest > 1 ? ` ${more(rest - 1)}` : "";
    if (candidate.length + tail.length > ALT_TEXT_MAX) return `${text} ${more(rest)}`;
    text = candidate;
  }
  return text;
}

/** Two channels may share a display name (e.g. a lookup failed): keep every series distinct. */
function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const count = (seen.get(n) ?? 0) + 1;
    seen.set(n, count);
    return count === 1 ? n : `${n} (${count})`;
  });
}
