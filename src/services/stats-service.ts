import { weekAndMonthStart } from "../domain/completion-window.js";
import type { StreakResult } from "../domain/streaks.js";
import type { PeriodCounts, PersonalStatsRepository } from "../db/repositories/personal-stats.js";
import type { StreakService } from "./streak-service.js";
import { systemClock, type Clock } from "../time/clock.js";

export interface PeriodStats extends PeriodCounts {
  /** completedOfDelivered / delivered, 0–1; null when nothing was delivered. */
  rate: number | null;
}

export interface PersonalStats {
  /** The person's local date the figures are for. */
  today: string;
  /** Since Monday (ISO week, the person's zone). */
  week: PeriodStats;
  /** Since the 1st of this month. */
  month: PeriodStats;
  allTime: PeriodStats;
  streak: StreakResult;
  topAreas: Array<{ area: string; count: number }>;
  /** Nothing delivered and nothing completed yet: the view shows a friendly start. */
  empty: boolean;
}

const ALL_TIME = "0000-00-00";

/**
 * `/stretch stats`: one person's figures, all from real rows. The completion rate only counts
 * prompts delivered to the person (Delivery rows with status delivered; skipped deliveries never
 * reached them), so reacting to a channel prompt they had no delivery for adds to their
 * completions but cannot push the rate over 100 %.
 */
export class StatsService {
  constructor(
    private readonly stats: PersonalStatsRepository,
    private readonly streaks: StreakService,
    /** "Now" of the product (the composition root's one clock; tests and the demo set it). */
    private readonly clock: Clock = systemClock,
  ) {}

  async personal(teamId: string, userId: string, now = this.clock.now()): Promise<PersonalStats> {
    const streak = await this.streaks.forPerson(teamId, userId, now);
    const { weekStart, monthStart } = weekAndMonthStart(streak.today);
    const [periods, topAreas] = await Promise.all([
      this.stats.periods(teamId, userId, [weekStart, monthStart, ALL_TIME]),
      this.stats.topAreas(teamId, userId),
    ]);
    const [week, month, allTime] = periods.map(withRate) as [PeriodStats, PeriodStats, PeriodStats];
    return {
      today: streak.today,
      week,
      month,
      allTime,
      streak: { current: streak.current, best: streak.best },
      topAreas,
      empty: allTime.completed === 0 && allTime.delivered === 0,
    };
  }
}

function withRate(counts: PeriodCounts): PeriodStats {
  return { ...counts, rate: counts.delivered > 0 ? counts.completedOfDelivered / counts.delivered : null };
}
