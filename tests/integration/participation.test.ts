import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManagerRepository } from "../../src/db/repositories/managers.js";
import { ParticipationRepository } from "../../src/db/repositories/participation.js";
import type { Db } from "../../src/db/client.js";
import { currentStreaks } from "../../src/services/streaks.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";

const TEAM = "T0PARTICIP1";
const OTHER = "T0OTHERWS01";
const ENG = "C0ENGTEAM01";
const OPS = "C0OPSTEAM01";
const W1 = "2026-11-09";
const W2 = "2026-11-16";
const day = (week: string, offset: number) => new Date(Date.parse(`${week}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

interface PromptSeed {
  teamId?: string;
  scheduleId?: string | null;
  date: string;
  target: string;
  recipientUserId?: string | null;
  delivered: string[];
  completed: string[];
}

/** One prompt with its Delivery and Completion rows, inserted directly (what the engine and completions code write). */
async function seedPrompt(db: Db, p: PromptSeed): Promise<void> {
  const teamId = p.teamId ?? TEAM;
  const id = randomUUID();
  await db.prompt.create({
    data: {
      id,
      teamId,
      scheduleId: p.scheduleId ?? null,
      slotKey: `${p.date}T10:00:00.000Z|${id}`,
      slotAt: new Date(`${p.date}T10:00:00Z`),
      target: p.target,
      recipientUserId: p.recipientUserId ?? null,
      status: "posted",
      channelId: p.recipientUserId ? `D${p.recipientUserId}` : p.target,
      messageTs: `${Date.parse(p.date) / 1000}.${id.slice(0, 6)}`,
    },
  });
  await db.delivery.createMany({ data: p.delivered.map((userId) => ({ teamId, promptId: id, userId, localDate: p.date })) });
  await db.completion.createMany({
    data: p.completed.map((userId) => ({ teamId, promptId: id, userId, channelId: p.target, source: "reaction", localDate: p.date })),
  });
}

describe("ParticipationRepository on Postgres", () => {
  let database: TestDatabase;
  let repo: ParticipationRepository;
  const engSchedule = randomUUID();
  const opsSchedule = randomUUID();
  const dmSchedule = randomUUID();

  beforeAll(async () => {
    database = await createTestDatabase("participation");
    const db = database.db;
    repo = new ParticipationRepository(db);
    await db.workspace.createMany({ data: [{ teamId: TEAM }, { teamId: OTHER }] });
    const schedule = (id: string, kind: "channel" | "members" | "dm", key: string, extra: object) =>
      db.schedule.create({ data: { id, teamId: TEAM, kind, targetKey: key, createdBy: "U0CREATOR", tz: "UTC", ...extra } });
    await schedule(engSchedule, "channel", `channel:${ENG}`, { channelId: ENG, createdBy: "U0MANAGER" });
    await schedule(opsSchedule, "members", `members:${OPS}`, { channelId: OPS });
    await schedule(dmSchedule, "dm", "dm:U0ANN", { userId: "U0ANN" });
    await db.channelMember.create({ data: { teamId: TEAM, channelId: OPS, userId: "U0MANAGER" } });
    await db.member.createMany({
      data: [
        { teamId: TEAM, userId: "U0ANN", tz: "Europe/Warsaw" },
        { teamId: TEAM, userId: "U0BOB", tz: "America/Denver", leaderboardHidden: true },
        { teamId: TEAM, userId: "U0CAT", optedOut: true },
        { teamId: TEAM, userId: "U0MANAGER", isManager: true },
        { teamId: TEAM, userId: "U0ADMIN", isAdmin: true },
        { teamId: TEAM, userId: "U0BOTMGR", isAdmin: true, isBot: true },
        { teamId: OTHER, userId: "U0ANN", isOwner: true },
      ],
    });

    const eng = ["U0ANN", "U0BOB", "U0CAT", "U0DAN"];
    // #eng, a channel schedule: one prompt a day Mon–Wed of W1 and Mon–Tue of W2.
    await seedPrompt(db, { scheduleId: engSchedule, date: day(W1, 0), target: ENG, delivered: eng, completed: ["U0ANN", "U0BOB"] });
    await seedPrompt(db, { scheduleId: engSchedule, date: day(W1, 1), target: ENG, delivered: eng, completed: ["U0ANN"] });
    await seedPrompt(db, { scheduleId: engSchedule, date: day(W1, 2), target: ENG, delivered: eng, completed: ["U0ANN", "U0CAT"] });
    await seedPrompt(db, { scheduleId: engSchedule, date: day(W2, 0), target: ENG, delivered: eng, completed: ["U0ANN", "U0BOB", "U0CAT"] });
    // A member who joined late completed without a delivery: counts as a completion.
    await seedPrompt(db, { scheduleId: engSchedule, date: day(W2, 1), target: ENG, delivered: eng, completed: ["U0ANN", "U0NEWBIE"] });
    // An ad-hoc prompt posted in #eng (no schedule).
    await seedPrompt(db, { scheduleId: null, date: day(W2, 2), target: ENG, delivered: ["U0ANN"], completed: ["U0ANN"] });
    // #ops, a members schedule: DMs to each member.
    for (const userId of ["U0EVE", "U0FAY", "U0GUS"]) {
      await seedPrompt(db, { scheduleId: opsSchedule, date: day(W2, 0), target: userId, recipientUserId: userId, delivered: [userId], completed: userId === "U0GUS" ? [] : [userId] });
    }
    // Ann's personal DM schedule: no team, workspace totals only.
    await seedPrompt(db, { scheduleId: dmSchedule, date: day(W2, 3), target: "U0ANN", recipientUserId: "U0ANN", delivered: ["U0ANN"], completed: [] });
    // Another workspace using the same channel id must never leak in.
    await seedPrompt(db, { teamId: OTHER, date: day(W2, 0), target: ENG, delivered: ["U0ANN", "U0ZED"], completed: ["U0ANN", "U0ZED"] });
  });
  afterAll(async () => {
    await database?.drop();
  });

  const range = { from: W1, before: day(W2, 7) };

  it("per-person totals of one channel: its channel prompts and ad-hoc prompts there", async () => {
    const rows = await repo.personTotals(TEAM, { kind: "channels", channelIds: [ENG] }, range);
    const byUser = Object.fromEntries(rows.map((r) => [r.userId, [r.deliveries, r.completions]]));
    expect(byUser).toEqual({ U0ANN: [6, 6], U0BOB: [5, 2], U0CAT: [5, 2], U0DAN: [5, 0], U0NEWBIE: [0, 1] });
    expect(rows.filter((r) => r.hidden).map((r) => r.userId).sort()).toEqual(["U0BOB", "U0CAT"]);
  });

  it("a members schedule's DMs belong to its channel", async () => {
    const rows = await repo.personTotals(TEAM, { kind: "channels", channelIds: [OPS] }, range);
    expect(rows.map((r) => [r.userId, r.deliveries, r.completions]).sort()).toEqual([
      ["U0EVE", 1, 1],
      ["U0FAY", 1, 1],
      ["U0GUS", 1, 0],
    ]);
  });

  it("the local-date range is half-open and exact", async () => {
    const rows = await repo.personTotals(TEAM, { kind: "channels", channelIds: [ENG] }, { from: W2, before: day(W2, 1) });
    expect(rows.find((r) => r.userId === "U0ANN")).toEqual({ userId: "U0ANN", deliveries: 1, completions: 1, hidden: false, tz: "Europe/Warsaw" });
  });

  it("own days: each person's window ends on their own today; people without a known zone use the default", async () => {
    // Ann (Warsaw) is on W2 Tuesday, Bob (Denver) still on Monday; Cat (no zone) and Dan (no Member row) on Wednesday.
    const todayByZone = new Map([["Europe/Warsaw", day(W2, 1)], ["America/Denver", day(W2, 0)]]);
    const totals = async (days?: number) =>
      Object.fromEntries(
        (await repo.personTotals(TEAM, { kind: "channels", channelIds: [ENG] }, { todayByZone, defaultToday: day(W2, 2), ...(days === undefined ? {} : { days }) }))
          .map((r) => [r.userId, [r.deliveries, r.completions]]),
      );
    // One day: Ann's Tuesday, Bob's Monday; Wednesday's ad-hoc prompt reached Ann only (not her today yet).
    expect(await totals(1)).toEqual({ U0ANN: [1, 1], U0BOB: [1, 1] });
    // Two days: Ann Mon–Tue, Bob Sun–Mon (nothing on Sunday), Cat, Dan and Newbie Tue–Wed.
    expect(await totals(2)).toEqual({ U0ANN: [2, 2], U0BOB: [1, 1], U0CAT: [1, 0], U0DAN: [1, 0], U0NEWBIE: [0, 1] });
    // All time still stops at each person's own today.
    expect((await totals())["U0ANN"]).toEqual([5, 5]);
  });

  it("a people scope (user group) counts all their prompts, DM ones included", async () => {
    const rows = await repo.personTotals(TEAM, { kind: "people", userIds: ["U0ANN", "U0EVE", "U0NOBODY"] }, range);
    expect(rows.map((r) => [r.userId, r.deliveries, r.completions]).sort()).toEqual([
      ["U0ANN", 7, 6],
      ["U0EVE", 1, 1],
    ]);
  });

  it("weekly aggregates per team and week, per team, per week and overall (distinct people exact)", async () => {
    const { aggregates: rows, teamPeople } = await repo.weekly(TEAM, { kind: "workspace" }, range);
    const find = (team: string | null, week: string | null) => rows.find((r) => r.team === team && r.week === week);
    expect(find(ENG, W1)).toEqual({ team: ENG, week: W1, deliveries: 12, people: 4, completions: 5, active: 3 });
    expect(find(ENG, W2)).toEqual({ team: ENG, week: W2, deliveries: 9, people: 4, completions: 6, active: 4 });
    expect(find(ENG, null)).toMatchObject({ deliveries: 21, people: 4, completions: 11, active: 4 });
    expect(find(OPS, null)).toMatchObject({ deliveries: 3, people: 3, completions: 2, active: 2 });
    // Totals include Ann's personal DM prompt, which belongs to no team.
    expect(find(null, W2)).toMatchObject({ deliveries: 13, people: 7, completions: 8 });
    expect(find(null, null)).toMatchObject({ deliveries: 25, people: 7, completions: 13, active: 6 });
    expect(rows.filter((r) => r.team !== null).map((r) => r.team).every((t) => t === ENG || t === OPS)).toBe(true);
    expect([...(teamPeople.get(ENG) ?? [])].sort()).toEqual(["U0ANN", "U0BOB", "U0CAT", "U0DAN"]);
    expect([...(teamPeople.get(OPS) ?? [])].sort()).toEqual(["U0EVE", "U0FAY", "U0GUS"]);
    expect(teamPeople.get(null)).toHaveLength(7);
  });

  it("weekly aggregates of a people scope", async () => {
    const { aggregates: rows, teamPeople } = await repo.weekly(TEAM, { kind: "people", userIds: ["U0ANN", "U0BOB"] }, range);
    expect([...(teamPeople.get(null) ?? [])].sort()).toEqual(["U0ANN", "U0BOB"]);
    expect(rows.find((r) => r.week === W1)).toMatchObject({ team: null, deliveries: 6, people: 2, completions: 4, active: 2 });
    expect(rows.find((r) => r.week === null)).toMatchObject({ deliveries: 12, completions: 8 });
  });

  it("weekly of a few channels: the same figures as the workspace-wide query", async () => {
    const few = await repo.weekly(TEAM, { kind: "channels", channelIds: [ENG, OPS] }, range);
    const all = await repo.weekly(TEAM, { kind: "workspace" }, range);
    const teamRows = (rows: typeof few.aggregates) => rows.filter((r) => r.team !== null).sort((a, b) => `${a.team}${a.week}`.localeCompare(`${b.team}${b.week}`));
    expect(teamRows(few.aggregates)).toEqual(teamRows(all.aggregates));
    expect(few.teamPeople.get(ENG)?.sort()).toEqual(all.teamPeople.get(ENG)?.sort());
  });

  it("current streaks from the same rows", async () => {
    const now = new Date(`${day(W2, 3)}T12:00:00Z`);
    const streaks = await currentStreaks(repo, TEAM, ["U0ANN", "U0BOB", "U0DAN"], now);
    // Ann completed every prompt day; today's DM is not done yet, which does not break it.
    expect(Object.fromEntries(streaks)).toEqual({ U0ANN: 6, U0BOB: 0, U0DAN: 0 });
  });

  it("teams of a manager: schedules they created or channels they belong to", async () => {
    expect(await repo.teamChannels(TEAM)).toEqual([ENG, OPS]);
    expect(await repo.teamChannels(TEAM, "U0MANAGER")).toEqual([ENG, OPS]);
    expect(await repo.teamChannels(TEAM, "U0ANN")).toEqual([]);
  });

  it("one person's days, for Home and stats", async () => {
    const days = await repo.personDays(TEAM, "U0BOB");
    expect(days).toEqual([
      { date: day(W1, 0), completions: 1, deliveries: 1 },
      { date: day(W1, 1), completions: 0, deliveries: 1 },
      { date: day(W1, 2), completions: 0, deliveries: 1 },
      { date: day(W2, 0), completions: 1, deliveries: 1 },
      { date: day(W2, 1), completions: 0, deliveries: 1 },
    ]);
  });
});

describe("ManagerRepository on Postgres", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("managers");
    await database.db.workspace.createMany({ data: [{ teamId: TEAM }, { teamId: OTHER, active: false }] });
    await database.db.member.createMany({
      data: [
        { teamId: TEAM, userId: "U0MGR", isManager: true, displayName: "b" },
        { teamId: TEAM, userId: "U0ADM", isAdmin: true, displayName: "a" },
        { teamId: TEAM, userId: "U0GONE", isAdmin: true, deleted: true },
        { teamId: TEAM, userId: "U0PLAIN" },
        { teamId: OTHER, userId: "U0OWNER", isOwner: true },
      ],
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("lists managers of a workspace and of every active workspace", async () => {
    const repo = new ManagerRepository(database.db);
    expect((await repo.listForTeam(TEAM)).map((m) => m.userId)).toEqual(["U0ADM", "U0MGR"]);
    expect((await repo.listAllActive()).map((m) => m.userId)).toEqual(["U0ADM", "U0MGR"]);
  });

  it("claims a digest once per manager and week, and can give the claim back", async () => {
    const repo = new ManagerRepository(database.db);
    const claims = await Promise.all([1, 2, 3].map(() => repo.claimDigest(TEAM, "U0MGR", W1)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await repo.claimDigest(TEAM, "U0MGR", W2)).toBe(true);
    await repo.releaseDigest(TEAM, "U0MGR", W1);
    expect(await repo.claimDigest(TEAM, "U0MGR", W1)).toBe(true);
  });
});

describe("currentStreaks in SQL agrees with computeStreak", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("streak_sql");
    await database.db.workspace.create({ data: { teamId: TEAM } });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("on random histories, with people in several zones and histories longer than the first window", async () => {
    const { computeStreak } = await import("../../src/domain/streaks.js");
    const { localDate: localDateIn, newestDateAnywhere, personToday } = await import("../../src/time/zones.js");
    const db = database.db;
    const repo = new ParticipationRepository(db);
    const zones = ["Europe/Warsaw", "Asia/Tokyo", "America/Los_Angeles", null];
    const now = new Date("2026-11-20T22:30:00Z"); // already the 21st in Tokyo, still the 20th in LA
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const people = Array.from({ length: 40 }, (_, i) => `U0P${String(i).padStart(4, "0")}`);
    const expected = new Map<string, number>();
    let movedToday = 0;
    // Batched inserts: one prompt per person and day keeps (promptId, userId) unique.
    const rows = { members: [] as object[], prompts: [] as object[], deliveries: [] as object[], completions: [] as object[] };
    for (const [i, userId] of people.entries()) {
      const tz = zones[i % zones.length]!;
      rows.members.push({ teamId: TEAM, userId, tz });
      const today = localDateIn(now, tz);
      const completedRate = i % 5 === 0 ? 1 : 0.3 + random() * 0.7; // every 5th person never misses: long streaks
      const delivered: string[] = [];
      const completed: string[] = [];
      for (let d = 60; d >= -1; d--) {
        const date = new Date(Date.parse(`${today}T00:00:00Z`) - d * 86_400_000).toISOString().slice(0, 10);
        if (random() < 0.25) continue; // days off: no prompt
        if (random() < 0.9) delivered.push(date);
        if (random() < completedRate) completed.push(date);
      }
      for (const date of new Set([...delivered, ...completed])) {
        const pid = randomUUID();
        rows.prompts.push({ id: pid, teamId: TEAM, slotKey: pid, slotAt: now, target: userId, recipientUserId: userId });
        if (delivered.includes(date)) rows.deliveries.push({ teamId: TEAM, promptId: pid, userId, localDate: date });
        if (completed.includes(date)) rows.completions.push({ teamId: TEAM, promptId: pid, userId, channelId: "D1", source: "button", localDate: date });
      }
      // Rows dated "tomorrow" in the person's zone: honest (their day was dated in a zone further
      // east, e.g. the schedule's before their zone was known) when that day has begun somewhere
      // (personToday moves their today to it); junk after newestDateAnywhere is ignored.
      const honest = [...delivered, ...completed].filter((d) => d <= newestDateAnywhere(now)).sort();
      const own = personToday(today, honest.at(-1));
      if (own !== today) movedToday += 1;
      expected.set(userId, computeStreak({ completedDates: completed, deliveredDates: delivered, today: own }).current);
    }
    await db.member.createMany({ data: rows.members as never });
    await db.prompt.createMany({ data: rows.prompts as never });
    await db.delivery.createMany({ data: rows.deliveries as never });
    await db.completion.createMany({ data: rows.completions as never });
    const got = await currentStreaks(repo, TEAM, [...people, "U0NOBODY"], now);
    expect(Object.fromEntries([...got].filter(([u]) => u !== "U0NOBODY"))).toEqual(Object.fromEntries(expected));
    expect(got.get("U0NOBODY")).toBe(0);
    expect([...expected.values()].some((n) => n > 21)).toBe(true);
    expect(movedToday).toBeGreaterThan(0); // the personToday rule is exercised, not only the zones' todays
  });
});
