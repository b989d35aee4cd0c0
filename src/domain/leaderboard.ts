/**
 * Leaderboard and report maths, pure: rates, ranking with privacy masking, medians, trends and
 * the text bars Slack can show without images ("▇▇▇▁▁ 62%").
 *
 * Privacy rules live here so every surface (board, report, Home, digest, CSV) applies the same
 * ones: a hidden person is never named, only counted; a team smaller than MIN_TEAM_SIZE people
 * is never shown on its own, so nobody can be singled out.
 */

/** Teams with fewer people than this are shown only as totals (never per person or per team). */
export const MIN_TEAM_SIZE = 3;
/** How many named people a board shows. */
export const BOARD_SIZE = 10;

/** One person's figures over a period. */
export interface PersonTally {
  userId: string;
  completions: number;
  deliveries: number;
  /** Current streak in days (computeStreak), 0 when unknown. */
  streak: number;
  /** True when the person asked not to be named (leaderboardHidden) or opted out of tracking. */
  hidden: boolean;
}

export interface BoardRow {
  rank: number;
  userId: string;
  completions: number;
  deliveries: number;
  /** completions / deliveries in [0, 1], or null with no deliveries. */
  rate: number | null;
  streak: number;
}

export interface Totals {
  /** Everyone counted, hidden people included. */
  people: number;
  /** People with at least one completion. */
  participants: number;
  completions: number;
  deliveries: number;
  rate: number | null;
}

export interface Board {
  /** Named rows (never a hidden person); empty when `totalsOnly`. */
  rows: BoardRow[];
  /** People with at least one completion who keep their stats private (counted, never named). */
  hiddenParticipants: number;
  totals: Totals;
  /** True when the team is too small to show anyone individually. */
  totalsOnly: boolean;
}

/**
 * completions / deliveries, capped at 1: a channel prompt can be completed by a member it was
 * never delivered to (they joined after it was posted), and "130 %" would only confuse.
 */
export function rate(completions: number, deliveries: number): number | null {
  if (deliveries <= 0) return completions > 0 ? 1 : null;
  return Math.min(1, completions / deliveries);
}

export function totalsOf(tallies: readonly PersonTally[]): Totals {
  let completions = 0;
  let deliveries = 0;
  let participants = 0;
  for (const t of tallies) {
    completions += t.completions;
    deliveries += t.deliveries;
    if (t.completions > 0) participants += 1;
  }
  return { people: tallies.length, participants, completions, deliveries, rate: rate(completions, deliveries) };
}

/** Most completions first, then best rate, then longest streak; userId keeps ties stable. */
export function compareTallies(a: PersonTally, b: PersonTally): number {
  return (
    b.completions - a.completions ||
    (rate(b.completions, b.deliveries) ?? 0) - (rate(a.completions, a.deliveries) ?? 0) ||
    b.streak - a.streak ||
    (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0)
  );
}

/**
 * The board: top `limit` named people with at least one completion (nobody is listed for doing
 * nothing), hidden people only counted, and totals over everyone.
 */
export function buildBoard(tallies: readonly PersonTally[], options: { limit?: number; minTeamSize?: number } = {}): Board {
  const limit = options.limit ?? BOARD_SIZE;
  const minTeamSize = options.minTeamSize ?? MIN_TEAM_SIZE;
  const totals = totalsOf(tallies);
  const active = tallies.filter((t) => t.completions > 0);
  const hiddenParticipants = active.filter((t) => t.hidden).length;
  if (tallies.length < minTeamSize) return { rows: [], hiddenParticipants, totals, totalsOnly: true };
  const rows = active
    .filter((t) => !t.hidden)
    .sort(compareTallies)
    .slice(0, limit)
    .map((t, i) => ({
      rank: i + 1,
      userId: t.userId,
      completions: t.completions,
      deliveries: t.deliveries,
      rate: rate(t.completions, t.deliveries),
      streak: t.streak,
    }));
  return { rows, hiddenParticipants, totals, totalsOnly: false };
}

/** Median of the values (mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export type TrendArrow = "↑" | "↓" | "→";

export interface Trend {
  arrow: TrendArrow;
  /** Change in percentage points between the last two weeks with data; null with fewer than two. */
  deltaPoints: number | null;
}

/** Changes smaller than this (percentage points) read as steady: week-to-week noise is normal. */
export const TREND_STEADY_POINTS = 3;

/** Direction between the last two known rates (null rates = weeks without prompts, skipped). */
export function trend(rates: readonly (number | null)[], steadyPoints = TREND_STEADY_POINTS): Trend {
  const known = rates.filter((r): r is number => r !== null);
  if (known.length < 2) return { arrow: "→", deltaPoints: null };
  const delta = Math.round((known[known.length - 1]! - known[known.length - 2]!) * 100);
  const arrow: TrendArrow = delta >= steadyPoints ? "↑" : delta <= -steadyPoints ? "↓" : "→";
  return { arrow, deltaPoints: delta };
}

/** "62%", or "–" when there is nothing to divide by. */
export function percent(value: number | null): string {
  return value === null ? "–" : `${Math.round(value * 100)}%`;
}

const FULL = "▇";
const EMPTY = "▁";

/** "▇▇▇▁▁ 62%": a bar of `width` cells (default 5) then the percentage; "▁▁▁▁▁ –" for no data. */
export function textBar(value: number | null, width = 5): string {
  const cells = value === null ? 0 : Math.max(0, Math.min(width, Math.round(value * width)));
  return `${FULL.repeat(cells)}${EMPTY.repeat(width - cells)} ${percent(value)}`;
}

const SPARK = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] as const;

/** One character per week, height = rate ("▂▃▅▇"); a gap "·" for a week without prompts. */
export function sparkline(values: readonly (number | null)[]): string {
  return values
    .map((v) => (v === null ? "·" : SPARK[Math.max(0, Math.min(SPARK.length - 1, Math.round(v * (SPARK.length - 1))))]!))
    .join("");
}
