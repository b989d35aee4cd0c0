import { Prisma } from "../../generated/prisma/client.js";
import type { WeeklyAggregate } from "../../domain/report.js";
import type { Db } from "../client.js";
import { addDays } from "../../time/zones.js";

export type { WeeklyAggregate };

/**
 * Participation figures, aggregated in Postgres (one query per figure, never one per person).
 *
 * A "team" is a channel. A prompt belongs to channel C when it was posted in C (a channel
 * schedule or an ad-hoc prompt there: recipientUserId null, target = C), or when it is a DM sent by
 * C's `members` schedule (Schedule.channelId = C). Personal `dm` schedules belong to no team: they
 * count only in workspace totals. A user-group scope is a set of people: all their prompts count.
 *
 * Periods are half-open ranges of local dates (each person's own calendar day). Query shapes, as
 * measured by bench/stats-queries.ts:
 * - one or a few channels: their prompts in the period (slotAt with a day of margin either side,
 *   zones span UTC−12…+14), then each prompt's rows by promptId (a forced nested loop);
 * - the whole workspace: rows by (teamId, localDate) from covering partial indexes, joined to the
 *   period's prompts;
 * - people: rows by (teamId, userId, localDate).
 */
export type ParticipationScope =
  | { kind: "channels"; channelIds: string[] }
  | { kind: "people"; userIds: string[] }
  | { kind: "workspace" };

export interface LocalDateRange {
  /** Inclusive; undefined = since the beginning. */
  from?: string;
  /** Exclusive. */
  before: string;
}

/**
 * A rolling period judged on each person's own calendar: the `days` local days up to and
 * including their own today (all their days up to today when `days` is undefined). Rows carry the
 * completer's local date, so one date range for everyone would cut off people already on tomorrow
 * (east of the viewer) and shift the window of people still on yesterday.
 */
export interface OwnDays {
  days?: number;
  /** Member.tz → that zone's local date now. */
  todayByZone: ReadonlyMap<string, string>;
  /** Today of people whose zone is unknown (no Member row, no tz, or not in todayByZone). */
  defaultToday: string;
  /**
   * newestDateAnywhere(now). With it, a person's today is never before the newest date on their
   * rows in scope (personToday in time/zones.ts: a row's date has begun for them); without it
   * (fixed ranges, callers with made-up todays) each person's today is exactly as given.
   */
  newestAnywhere?: string;
}

export interface PersonTotals {
  userId: string;
  deliveries: number;
  completions: number;
  /** Member.leaderboardHidden or optedOut (false without a Member row): never named on a board. */
  hidden: boolean;
  /** Member.tz, for their streak's "today". */
  tz: string | null;
}

export interface WeeklyResult {
  aggregates: WeeklyAggregate[];
  /** People delivered a prompt in the range, per team; key null = everyone in scope. */
  teamPeople: Map<string | null, string[]>;
}

export interface DayCount {
  date: string;
  completions: number;
  deliveries: number;
}

const DAY_MS = 86_400_000;
const EARLIEST = "0000-01-01";
/**
 * First pass of currentStreaks (default 21 days): most people miss a prompt within three weeks,
 * so one short scan settles them; only people with no miss in it get a second, full-history look.
 */
const STREAK_FIRST_WINDOW_DAYS = 21;

type Table = "Delivery" | "Completion";
/** What the queries need from Prisma: the client itself, or an interactive transaction's client. */
type SqlClient = Pick<Db, "$queryRaw">;
type RawWeekly = { team: string | null; week: string | null; n: number; people: number; g: number; users: string[] | null };

export class ParticipationRepository {
  constructor(
    private readonly db: Db,
    /** Set inside `session`: queries run on that transaction, planner settings already applied. */
    private readonly tx?: SqlClient,
  ) {}

  /**
   * Several queries in one transaction with the planner settings applied once: a board's totals
   * then streaks cost one BEGIN/SET/COMMIT instead of one per query (round trips add up at 20 ms).
   */
  async session<T>(work: (repo: ParticipationRepository) => Promise<T>): Promise<T> {
    if (this.tx) return work(this);
    return this.db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true)`;
      return work(new ParticipationRepository(this.db, tx));
    });
  }

  /**
   * Per-person deliveries and completions in the scope, with their privacy flag and zone. A fixed
   * range is the same dates for everyone; OwnDays is each person's own window. Rows are read for
   * the union of the windows (at most a day wider at each end: zones span UTC−12…+14), folded to
   * one per person and day, then clipped to the person's window after one Member probe per person.
   */
  async personTotals(teamId: string, scope: ParticipationScope, period: LocalDateRange | OwnDays): Promise<PersonTotals[]> {
    const own = "todayByZone" in period ? period : sameDaysForEveryone(period);
    const zones = [...own.todayByZone.keys()];
    const todays = zones.map((z) => own.todayByZone.get(z)!);
    const allTodays = [...todays, own.defaultToday, ...(own.newestAnywhere ? [own.newestAnywhere] : [])].sort();
    // Today only ever moves later (personToday), so the earliest zone today bounds every window's start.
    const range: LocalDateRange = { before: addDays(allTodays.at(-1)!, 1), ...(own.days === undefined ? {} : { from: addDays(allTodays[0]!, 1 - own.days) }) };
    const since = own.days === undefined ? Prisma.sql`${EARLIEST}` : Prisma.sql`to_char(p.today::date - ${own.days - 1}::int, 'YYYY-MM-DD')`;
    return this.planned<PersonTotals>(Prisma.sql`
      WITH ${this.teamPrompts(teamId, scope, range)},
      x AS (
        SELECT "userId", "localDate", 1 AS d, 0 AS c FROM (${this.rows("Delivery", teamId, scope, range)}) r
        UNION ALL
        SELECT "userId", "localDate", 0, 1 FROM (${this.rows("Completion", teamId, scope, range)}) r),
      pd AS MATERIALIZED (SELECT "userId", "localDate", sum(d)::int AS d, sum(c)::int AS c FROM x GROUP BY 1, 2),
      p AS (
        -- Today: the zone's (UTC when unknown), or the newest date on their rows if later (personToday).
        SELECT u."userId", COALESCE(m."leaderboardHidden" OR m."optedOut", false) AS hidden, m.tz,
          GREATEST(COALESCE(z.today, ${own.defaultToday}), CASE WHEN u.newest <= ${own.newestAnywhere ?? null}::text THEN u.newest END) AS today
        FROM (SELECT "userId", max("localDate") AS newest FROM pd GROUP BY 1) u
        -- A primary-key probe per person (OFFSET 0 keeps it one): a hash join would read every Member of the workspace.
        LEFT JOIN LATERAL (SELECT * FROM "Member" m WHERE m."teamId" = ${teamId} AND m."userId" = u."userId" OFFSET 0) m ON true
        LEFT JOIN unnest(${zones}::text[], ${todays}::text[]) AS z(tz, today) ON z.tz = m.tz)
      SELECT p."userId", sum(pd.d)::int AS deliveries, sum(pd.c)::int AS completions, p.hidden, p.tz
      FROM p JOIN pd ON pd."userId" = p."userId" AND pd."localDate" >= ${since} AND pd."localDate" <= p.today
      GROUP BY p."userId", p.hidden, p.tz`);
  }

  /**
   * Weekly aggregates (weeks start on Monday, of local dates) at four levels: per team and week,
   * per team, per week (whole scope) and overall, so distinct-people counts are exact at each;
   * plus the people of each team. Rows are first folded to one per team, week and person.
   */
  async weekly(teamId: string, scope: ParticipationScope, range: LocalDateRange): Promise<WeeklyResult> {
    const grouped = (table: Table) => Prisma.sql`
      WITH ${this.teamPrompts(teamId, scope, range)},
      y AS MATERIALIZED (
        SELECT team, week, "userId", count(*)::int AS n FROM (${this.rows(table, teamId, scope, range)}) r GROUP BY 1, 2, 3)
      SELECT team, week::text AS week, sum(n)::int AS n, count(DISTINCT "userId")::int AS people, GROUPING(team, week)::int AS g, NULL::text[] AS users
      FROM y GROUP BY GROUPING SETS ((team, week), (team), (week), ())
      ${
        table === "Delivery"
          ? Prisma.sql`UNION ALL SELECT team, NULL, 0, 0, -1, array_agg(DISTINCT "userId") FROM y WHERE team IS NOT NULL GROUP BY team
             UNION ALL SELECT NULL, NULL, 0, 0, -2, array_agg(DISTINCT "userId") FROM y`
          : Prisma.empty
      }`;
    const [deliveries, completions] = await Promise.all([this.planned<RawWeekly>(grouped("Delivery")), this.planned<RawWeekly>(grouped("Completion"))]);
    const teamPeople = new Map<string | null, string[]>();
    for (const r of deliveries) {
      if (r.g === -1) teamPeople.set(r.team, r.users ?? []);
      if (r.g === -2 && r.users) teamPeople.set(null, r.users);
    }
    return { aggregates: mergeWeekly(deliveries.filter((r) => r.g >= 0), completions), teamPeople };
  }

  /**
   * Current streaks with computeStreak's rule (domain/streaks.ts), in SQL so a whole workspace
   * takes two scans instead of shipping everyone's dates: prompt days are delivered or completed
   * local dates up to the person's today; the streak is the completed days after the last prompt
   * day without a completion, an unfinished today excepted.
   *
   * `todayByZone` maps Member.tz values to that zone's local date; unknown zones use `utcToday`.
   * A person's today is never before the newest date on their rows up to `newestAnywhere`
   * (personToday in time/zones.ts, as StreakService does for /stretch stats).
   */
  async currentStreaks(
    teamId: string,
    userIds: string[],
    todayByZone: ReadonlyMap<string, string>,
    utcToday: string,
    newestAnywhere: string,
  ): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    if (userIds.length === 0) return result;
    const firstSince = addDays(utcToday, -STREAK_FIRST_WINDOW_DAYS);
    const first = await this.streakPass(teamId, userIds, todayByZone, utcToday, newestAnywhere, firstSince, userIds.length <= 200);
    const open: string[] = [];
    for (const row of first) {
      result.set(row.userId, row.current);
      // No miss inside the window (or no prompt days at all): the streak may reach further back.
      if (!row.broken) open.push(row.userId);
    }
    if (open.length > 0) {
      for (const row of await this.streakPass(teamId, open, todayByZone, utcToday, newestAnywhere, EARLIEST, true)) result.set(row.userId, row.current);
    }
    return result;
  }

  /** The distinct time zones of a workspace's people (a handful: "today" is computed once per zone). */
  async zones(teamId: string): Promise<string[]> {
    const rows = await (this.tx ?? this.db).$queryRaw<Array<{ tz: string }>>`SELECT DISTINCT tz FROM "Member" WHERE "teamId" = ${teamId} AND tz IS NOT NULL`;
    return rows.map((r) => r.tz);
  }

  /** One person's completions and deliveries per local day, all time, oldest first. */
  async personDays(teamId: string, userId: string): Promise<DayCount[]> {
    return this.db.$queryRaw<DayCount[]>`
      SELECT "localDate" AS date, sum(c)::int AS completions, sum(d)::int AS deliveries FROM (
        SELECT "localDate", 1 AS c, 0 AS d FROM "Completion" WHERE "teamId" = ${teamId} AND "userId" = ${userId}
        UNION ALL
        SELECT "localDate", 0, 1 FROM "Delivery" WHERE "teamId" = ${teamId} AND "userId" = ${userId} AND status = 'delivered'
      ) x GROUP BY 1 ORDER BY 1`;
  }

  /**
   * Channels with a channel or members schedule: the workspace's teams. With `userId`, only the
   * ones that person created or belongs to (ChannelMember).
   */
  async teamChannels(teamId: string, userId?: string): Promise<string[]> {
    const rows = await this.db.$queryRaw<Array<{ channelId: string }>>`
      SELECT DISTINCT s."channelId" FROM "Schedule" s
      WHERE s."teamId" = ${teamId} AND s."channelId" IS NOT NULL AND s.kind IN ('channel', 'members')
        ${userId === undefined ? Prisma.empty : Prisma.sql`AND (s."createdBy" = ${userId} OR EXISTS (
          SELECT 1 FROM "ChannelMember" cm WHERE cm."teamId" = ${teamId} AND cm."channelId" = s."channelId" AND cm."userId" = ${userId}))`}
      ORDER BY 1`;
    return rows.map((r) => r.channelId);
  }

  private async streakPass(
    teamId: string,
    userIds: string[],
    todayByZone: ReadonlyMap<string, string>,
    utcToday: string,
    newestAnywhere: string,
    since: string,
    /** Few people: their rows by (teamId, userId, localDate); many: the window by (teamId, localDate). */
    byUser: boolean,
  ): Promise<Array<{ userId: string; current: number; broken: boolean }>> {
    const zones = [...todayByZone.keys()];
    const todays = zones.map((z) => todayByZone.get(z)!);
    // Dates after newestAnywhere cannot be honest now (junk): never read, so they never move today.
    const source = byUser
      ? Prisma.sql`"teamId" = ${teamId} AND "userId" = ANY(${userIds}::text[]) AND "localDate" >= ${since} AND "localDate" <= ${newestAnywhere}`
      : Prisma.sql`"teamId" = ${teamId} AND "localDate" >= ${since} AND "localDate" <= ${newestAnywhere}`;
    // Every row read is on or before the person's today (today >= their newest row), so no row is
    // "in the future"; today only decides which undone day is still open.
    return this.planned(Prisma.sql`
      WITH people AS (
        SELECT u."userId", COALESCE(z.today, ${utcToday}) AS "zoneToday"
        FROM unnest(${userIds}::text[]) AS u("userId")
        LEFT JOIN "Member" m ON m."teamId" = ${teamId} AND m."userId" = u."userId"
        LEFT JOIN unnest(${zones}::text[], ${todays}::text[]) AS z(tz, today) ON z.tz = m.tz),
      days AS (
        SELECT x."userId", x."localDate", bool_or(x.done) AS done
        FROM (
          SELECT "userId", "localDate", false AS done FROM "Delivery" WHERE ${source} AND status = 'delivered'
          UNION ALL
          SELECT "userId", "localDate", true FROM "Completion" WHERE ${source}
        ) x JOIN people p ON p."userId" = x."userId"
        GROUP BY x."userId", x."localDate"),
      own AS (
        SELECT p."userId", GREATEST(p."zoneToday", max(d."localDate")) AS today
        FROM people p LEFT JOIN days d ON d."userId" = p."userId" GROUP BY p."userId", p."zoneToday"),
      miss AS (
        SELECT d."userId", max(d."localDate") AS at FROM days d JOIN own o ON o."userId" = d."userId"
        WHERE NOT d.done AND d."localDate" < o.today GROUP BY 1)
      SELECT p."userId", (count(*) FILTER (WHERE d.done AND d."localDate" > COALESCE(miss.at, '')))::int AS current, miss.at IS NOT NULL AS broken
      FROM people p LEFT JOIN days d ON d."userId" = p."userId" LEFT JOIN miss ON miss."userId" = p."userId"
      GROUP BY p."userId", miss.at`);
  }

  /**
   * Runs a report query with JIT off and room to hash: the planner's cost estimates for these
   * queries cross jit_above_cost, and compiling then takes longer (50–150 ms) than the query itself.
   */
  private async planned<T>(query: Prisma.Sql): Promise<T[]> {
    if (this.tx) return this.tx.$queryRaw<T[]>(query);
    const [, rows] = await this.db.$transaction([
      // One statement for both settings (is_local = true: they end with the transaction).
      this.db.$queryRaw`SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true)`,
      this.db.$queryRaw<T[]>(query),
    ]);
    return rows;
  }

  /** (team, week, userId, localDate) rows of one table in scope: see the class comment for the shapes. */
  private rows(table: Table, teamId: string, scope: ParticipationScope, range: LocalDateRange): Prisma.Sql {
    const from = range.from ?? EARLIEST;
    const t = Prisma.raw(`"${table}"`);
    const delivered = table === "Delivery" ? Prisma.sql`AND x.status = 'delivered'` : Prisma.empty;
    const week = Prisma.sql`date_trunc('week', x."localDate"::date)::date`;
    if (scope.kind === "people") {
      return Prisma.sql`SELECT NULL::text AS team, ${week} AS week, x."userId", x."localDate" FROM ${t} x
        WHERE x."teamId" = ${teamId} AND x."userId" = ANY(${scope.userIds}::text[]) AND x."localDate" >= ${from} AND x."localDate" < ${range.before} ${delivered}`;
    }
    if (scope.kind === "workspace") {
      return Prisma.sql`SELECT tp.team, ${week} AS week, x."userId", x."localDate" FROM ${t} x JOIN tp ON tp.id = x."promptId"
        WHERE x."teamId" = ${teamId} AND x."localDate" >= ${from} AND x."localDate" < ${range.before} ${delivered}`;
    }
    // OFFSET 0 keeps the subquery from being flattened: one index probe per prompt, never a scan.
    return Prisma.sql`SELECT tp.team, x.week, x."userId", x."localDate" FROM tp CROSS JOIN LATERAL (
        SELECT ${week} AS week, x."userId", x."localDate" FROM ${t} x
        WHERE x."promptId" = tp.id AND x."localDate" >= ${from} AND x."localDate" < ${range.before} ${delivered} OFFSET 0) x`;
  }

  /** Prompts in scope with their team, as a CTE named `tp` (id, team); a dummy for people scopes. */
  private teamPrompts(teamId: string, scope: ParticipationScope, range: LocalDateRange): Prisma.Sql {
    if (scope.kind === "people") return Prisma.sql`tp AS (SELECT NULL::uuid AS id, NULL::text AS team WHERE false)`;
    const fromTs = range.from ? new Date(Date.parse(`${range.from}T00:00:00Z`) - DAY_MS) : new Date(0);
    const beforeTs = new Date(Date.parse(`${range.before}T00:00:00Z`) + DAY_MS);
    if (scope.kind === "workspace") {
      // Inlined on purpose: a MATERIALIZED tp measured slower (CTE scan) than re-joining Schedule.
      return Prisma.sql`tp AS (
        SELECT p.id, CASE WHEN p."recipientUserId" IS NULL THEN p.target WHEN s.kind = 'members' THEN s."channelId" END AS team
        FROM "Prompt" p LEFT JOIN "Schedule" s ON s.id = p."scheduleId"
        WHERE p."teamId" = ${teamId} AND p."slotAt" >= ${fromTs} AND p."slotAt" < ${beforeTs})`;
    }
    // Two index-friendly branches instead of one OR across the join.
    return Prisma.sql`tp AS (
      SELECT p.id, p.target AS team FROM "Prompt" p
      WHERE p."teamId" = ${teamId} AND p.target = ANY(${scope.channelIds}::text[]) AND p."recipientUserId" IS NULL
        AND p."slotAt" >= ${fromTs} AND p."slotAt" < ${beforeTs}
      UNION ALL
      SELECT p.id, s."channelId" AS team FROM "Schedule" s JOIN "Prompt" p ON p."scheduleId" = s.id
      WHERE s."teamId" = ${teamId} AND s."channelId" = ANY(${scope.channelIds}::text[]) AND s.kind = 'members'
        AND p."recipientUserId" IS NOT NULL AND p."slotAt" >= ${fromTs} AND p."slotAt" < ${beforeTs})`;
  }
}

/** A fixed range as OwnDays with no zones: every person gets the same window. */
function sameDaysForEveryone(range: LocalDateRange): OwnDays {
  const lastDay = addDays(range.before, -1);
  const days = range.from === undefined ? undefined : Math.round((Date.parse(range.before) - Date.parse(range.from)) / DAY_MS);
  return { todayByZone: new Map(), defaultToday: lastDay, ...(days === undefined ? {} : { days }) };
}

function mergeWeekly(deliveries: RawWeekly[], completions: RawWeekly[]): WeeklyAggregate[] {
  // GROUPING(team, week): bit 1 = team rolled up, bit 0 = week rolled up. A real NULL team (DM
  // prompts of personal schedules, or a people scope) at g = 0/1 is "no team": it only shows in
  // the rolled-up rows.
  const out = new Map<string, WeeklyAggregate>();
  const keep = (r: RawWeekly) => r.g >= 2 || r.team !== null;
  const at = (r: RawWeekly) => {
    const k = `${r.g}|${r.team ?? ""}|${r.week ?? ""}`;
    let row = out.get(k);
    if (!row) {
      row = { team: r.g & 2 ? null : r.team, week: r.g & 1 ? null : r.week, deliveries: 0, people: 0, completions: 0, active: 0 };
      out.set(k, row);
    }
    return row;
  };
  for (const r of deliveries.filter(keep)) Object.assign(at(r), { deliveries: r.n, people: r.people });
  for (const r of completions.filter(keep)) Object.assign(at(r), { completions: r.n, active: r.people });
  return [...out.values()];
}
