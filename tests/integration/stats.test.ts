import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PersonalStatsRepository } from "../../src/db/repositories/personal-stats.js";
import { StreakDayRepository } from "../../src/db/repositories/streak-days.js";
import { StatsService } from "../../src/services/stats-service.js";
import { StreakService } from "../../src/services/streak-service.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { ensureWorkspace, insertDeliveries, insertPostedPrompt } from "../helpers/factories.js";

const TEAM = "T0STATS001";
const ME = "U0ALICE001";
/** Thursday 19 November 2026, noon UTC. */
const NOW = new Date("2026-11-19T12:00:00Z");

describe("personal stats and streaks from real rows", () => {
  let database: TestDatabase;
  let stats: StatsService;
  let streaks: StreakService;

  /** One prompt on `localDate`: delivered (or skipped, or not delivered at all) and maybe completed. */
  async function day(localDate: string, opts: { delivery?: "delivered" | "skipped" | "none"; completed: boolean; area?: string; userId?: string }) {
    const userId = opts.userId ?? ME;
    const prompt = await insertPostedPrompt(database.db, { teamId: TEAM, channelId: "C0GENERAL1", postedAt: new Date(`${localDate}T10:00:00Z`), area: opts.area ?? "neck" });
    if ((opts.delivery ?? "delivered") !== "none") await insertDeliveries(database.db, prompt, [userId], localDate, opts.delivery === "skipped" ? "skipped" : "delivered");
    if (opts.completed) {
      await database.db.completion.create({
        data: { teamId: TEAM, promptId: prompt.id, userId, channelId: "C0GENERAL1", source: "reaction", area: opts.area ?? "neck", localDate },
      });
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase("stats");
    streaks = new StreakService(new StreakDayRepository(database.db));
    stats = new StatsService(new PersonalStatsRepository(database.db), streaks);
    await ensureWorkspace(database.db, TEAM);
    await database.db.member.create({ data: { teamId: TEAM, userId: ME, tz: "UTC" } });
    await day("2026-10-30", { completed: true, area: "hips" });
    await day("2026-11-05", { completed: true, area: "hips" });
    await day("2026-11-10", { completed: true });
    await day("2026-11-16", { completed: false }); // missed: breaks the streak
    await day("2026-11-17", { completed: true });
    await day("2026-11-18", { completed: true });
    await day("2026-11-18", { completed: false });
    await day("2026-11-18", { delivery: "skipped", completed: false }); // never reached me
    await day("2026-11-18", { delivery: "none", completed: true, area: "shoulders" }); // a channel prompt without my delivery
    await day("2026-11-19", { completed: false }); // today, not done yet: does not break it
    await day("2026-11-18", { completed: true, userId: "U0BOB00001" }); // someone else
  });
  afterAll(async () => database?.drop());

  it("counts this week, this month and all time, with the rate over prompts delivered to me", async () => {
    const mine = await stats.personal(TEAM, ME, NOW);
    expect(mine.today).toBe("2026-11-19");
    expect(mine.week).toEqual({ completed: 3, delivered: 5, completedOfDelivered: 2, rate: 0.4 });
    expect(mine.month).toEqual({ completed: 5, delivered: 7, completedOfDelivered: 4, rate: 4 / 7 });
    expect(mine.allTime).toEqual({ completed: 6, delivered: 8, completedOfDelivered: 5, rate: 5 / 8 });
    expect(mine.streak).toEqual({ current: 2, best: 3 });
    expect(mine.topAreas).toEqual([
      { area: "neck", count: 3 },
      { area: "hips", count: 2 },
      { area: "shoulders", count: 1 },
    ]);
    expect(mine.empty).toBe(false);
  });

  it("is empty for someone with no rows", async () => {
    const nobody = await stats.personal(TEAM, "U0NOBODY01", NOW);
    expect(nobody.empty).toBe(true);
    expect(nobody.streak).toEqual({ current: 0, best: 0 });
    expect(nobody.week.rate).toBeNull();
  });

  it("computes a whole team's streaks in one call", async () => {
    const team = await streaks.forPeople([{ teamId: TEAM, userId: ME }, { teamId: TEAM, userId: "U0BOB00001" }, { teamId: TEAM, userId: "U0NOBODY01" }], NOW);
    expect([...team.entries()].map(([k, s]) => [k, s.current, s.best])).toEqual([
      [`${TEAM}:${ME}`, 2, 3],
      [`${TEAM}:U0BOB00001`, 1, 1],
      [`${TEAM}:U0NOBODY01`, 0, 0],
    ]);
  });
});
