
import { computeStreak, type StreakResult } from "../domain/streaks.js";
import { personKey, type PersonKey, type PromptDay, type StreakDayRepository } from "../db/repositories/streak-days.js";
import { localDate, newestDateAnywhere, personToday } from "../time/zones.js";
import { systemClock, type Clock } from "../time/clock.js";

export interface PersonStreak extends StreakResult {
  /** The person's local date the streak was computed for. */
  today: string;
  /** Their prompt days (for callers that need more than the two numbers, e.g. stats). */
  days: PromptDay[];
}

/**
 * Current and best streaks from real rows (Completion + delivered Delivery), for one person or
 * many in one query: leaderboards call `forPeople` with a whole team.
 */
export class StreakService {
  constructor(private readonly days: StreakDayRepository, private readonly clock: Clock = systemClock) {}

  /**
   * Keyed by `personKey` ("T…:U…"). `tz` per person when the caller already has it; otherwise
   * Member.tz is read (UTC when unknown). Today is never before the newest date on their own rows
   * (personToday): the boards' SQL (ParticipationRepository) uses the same rule, so numbers agree.
   */
  async forPeople(people: Array<PersonKey & { tz?: string | null }>, now = this.clock.now()): Promise<Map<string, PersonStreak>> {
    const unique = [...new Map(people.map((p) => [personKey(p), p])).values()];
    const needZone = unique.filter((p) => p.tz === undefined);
    const [days, zones] = await Promise.all([this.days.promptDays(unique), this.days.zones(needZone)]);
    const result = new Map<string, PersonStreak>();
    const newestAnywhere = newestDateAnywhere(now);
    for (const person of unique) {
      const key = personKey(person);
      const personDays = days.get(key) ?? [];
      const zoneToday = localDate(now, person.tz === undefined ? zones.get(key) : person.tz);
      const today = personToday(zoneToday, newestDate(personDays, newestAnywhere));
      result.set(key, { ...streakFromDays(personDays, today), today, days: personDays });
    }
    return result;
  }

  async forPerson(teamId: string, userId: string, now = this.clock.now()): Promise<PersonStreak> {
    const streaks = await this.forPeople([{ teamId, userId }], now);
    return streaks.get(personKey({ teamId, userId }))!;
  }
}

/** The newest date on these rows that can be honest now (not after `newestAnywhere`). */
function newestDate(days: PromptDay[], newestAnywhere: string): string | undefined {
  let newest: string | undefined;
  for (const d of days) if (d.localDate <= newestAnywhere && (newest === undefined || d.localDate > newest)) newest = d.localDate;
  return newest;
}

/** computeStreak over prompt-day rows; `minus` takes completions away (the streak before them). */
export function streakFromDays(days: PromptDay[], today: string, minus: string[] = []): StreakResult {
  const removed = new Map<string, number>();
  for (const date of minus) removed.set(date, (removed.get(date) ?? 0) + 1);
  return computeStreak({
    completedDates: days.filter((d) => d.completions - (removed.get(d.localDate) ?? 0) > 0).map((d) => d.localDate),
    deliveredDates: days.filter((d) => d.delivered).map((d) => d.localDate),
    today,
  });
}
