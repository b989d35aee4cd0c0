/**
 * Stats query figures (prints numbers; not a test): `npx tsx bench/stats-queries.ts`.
 *
 * Seeds a scratch database with one workspace of 10,000 people in 100 teams (channels) over a
 * year, 1,000,000 completions and the matching prompts and deliveries, then times:
 *   - the 30-day team leaderboard (LeaderboardService.board, everything but Slack)   goal p50 ≤ 20 ms
 *   - the 8-week workspace report (ReportService.report)
 *   - `/stretch stats` (StatsService.personal, the completions engineer's query)
 * The scratch database is dropped at the end, also after a failure.
 *
 * Options (env): TEST_PG_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres),
 * BENCH_KEEP_DB=1 keeps the database for EXPLAIN sessions, BENCH_DB=<name> re-runs the timings
 * against such a kept database (no seeding, not dropped).
 */
import { StaticTokenSource } from "../src/slack/token-source.js";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { WebClient } from "@slack/web-api";
import pg from "pg";
import { createDb } from "../src/db/client.js";
import { adminQuery, databaseUrl } from "./lib/bench-env.js";
import { ManagerRepository } from "../src/db/repositories/managers.js";
import { MemberRepository } from "../src/db/repositories/members.js";
import { ParticipationRepository } from "../src/db/repositories/participation.js";
import { PersonalStatsRepository } from "../src/db/repositories/personal-stats.js";
import { StreakDayRepository } from "../src/db/repositories/streak-days.js";
import { createLogger } from "../src/logger.js";
import { LeaderboardService } from "../src/services/leaderboard-service.js";
import { ManagerService } from "../src/services/manager-service.js";
import { MemberService } from "../src/services/member-service.js";
import { ReportService } from "../src/services/report-service.js";
import { StatsService } from "../src/services/stats-service.js";
import { StreakService } from "../src/services/streak-service.js";

const TEAM = "T0BENCH001";
const PEOPLE = 10_000;
const TEAMS = 100;
/** Teams 80–99 use a `members` schedule (one DM prompt per person per day), the rest post in the channel. */
const MEMBERS_SCHEDULE_FROM = 80;
const COMPLETIONS = 1_000_000;
const DAYS = 365;

const urlFor = databaseUrl;
const admin = adminQuery;

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  console.log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** Everything in SQL (generate_series): ~2.6 M deliveries and 1 M completions in about a minute. */
async function seed(url: string, today: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const q = (sql: string) => client.query(sql);
  try {
    await q("SET synchronous_commit = off");
    await q("SET maintenance_work_mem = '256MB'");
    await q(`INSERT INTO "Workspace" ("teamId", "updatedAt") VALUES ('${TEAM}', now())`);
    // People: person i is in team i % 100; zones vary; 5 % keep their stats private; profiles fresh (no users.info).
    await q(`INSERT INTO "Member" ("teamId", "userId", tz, "leaderboardHidden", "isAdmin", "profileFetchedAt", "updatedAt")
      SELECT '${TEAM}', 'U' || lpad(i::text, 6, '0'),
        (ARRAY['Europe/Warsaw','America/New_York','Asia/Tokyo','Europe/London','America/Los_Angeles'])[1 + i % 5],
        i % 20 = 7, i = 0, now(), now()
      FROM generate_series(0, ${PEOPLE - 1}) i`);
    await q(`INSERT INTO "ChannelMember" ("teamId", "channelId", "userId")
      SELECT '${TEAM}', 'C' || lpad((i % ${TEAMS})::text, 6, '0'), 'U' || lpad(i::text, 6, '0') FROM generate_series(0, ${PEOPLE - 1}) i`);
    await q(`INSERT INTO "Schedule" (id, "teamId", kind, "channelId", "targetKey", "createdBy", "intervalMinutes", tz, "updatedAt")
      SELECT gen_random_uuid(), '${TEAM}', CASE WHEN t >= ${MEMBERS_SCHEDULE_FROM} THEN 'members' ELSE 'channel' END::"ScheduleKind",
        'C' || lpad(t::text, 6, '0'),
        CASE WHEN t >= ${MEMBERS_SCHEDULE_FROM} THEN 'members:' ELSE 'channel:' END || 'C' || lpad(t::text, 6, '0'),
        'U' || lpad(t::text, 6, '0'), 480, 'UTC', now()
      FROM generate_series(0, ${TEAMS - 1}) t`);
    const days = `SELECT d::date AS day FROM generate_series('${today}'::date - ${DAYS - 1}, '${today}'::date, '1 day') d WHERE extract(isodow FROM d) < 6`;
    await timed("prompts", () =>
      q(`INSERT INTO "Prompt" (id, "teamId", "scheduleId", "slotKey", "slotAt", target, "recipientUserId", status, "channelId", "messageTs", "postedAt", "updatedAt")
        SELECT gen_random_uuid(), '${TEAM}', s.id, to_char(w.day, 'YYYY-MM-DD') || 'T10:00', w.day + time '10:00',
          CASE WHEN s.kind = 'members' THEN m."userId" ELSE s."channelId" END,
          CASE WHEN s.kind = 'members' THEN m."userId" END,
          'posted', CASE WHEN s.kind = 'members' THEN 'D' || m."userId" ELSE s."channelId" END,
          extract(epoch FROM w.day)::bigint || '.' || lpad((row_number() OVER ())::text, 6, '0'),
          w.day + time '10:00', now()
        FROM "Schedule" s CROSS JOIN (${days}) w
        LEFT JOIN "ChannelMember" m ON s.kind = 'members' AND m."channelId" = s."channelId"`),
    );
    await timed("deliveries", () =>
      q(`INSERT INTO "Delivery" (id, "teamId", "promptId", "userId", "localDate", "deliveredAt")
        SELECT gen_random_uuid(), '${TEAM}', p.id, m."userId", to_char(p."slotAt", 'YYYY-MM-DD'), p."slotAt"
        FROM "Prompt" p JOIN "Schedule" s ON s.id = p."scheduleId"
        JOIN "ChannelMember" m ON m."channelId" = s."channelId" AND (p."recipientUserId" IS NULL OR m."userId" = p."recipientUserId")`),
    );
    // Each person has their own propensity (10–70 %), so boards have leaders and stragglers.
    await timed("completions", () =>
      q(`INSERT INTO "Completion" (id, "teamId", "promptId", "userId", "channelId", source, area, "localDate", "completedAt")
        SELECT gen_random_uuid(), d."teamId", d."promptId", d."userId", p."channelId", 'reaction',
          (ARRAY['neck','shoulders','back','hips','wrists'])[1 + (hashtext(d.id::text) & 3)], d."localDate", d."deliveredAt" + interval '5 minutes'
        FROM "Delivery" d JOIN "Prompt" p ON p.id = d."promptId"
        WHERE random() < (0.10 + 0.60 * ((substr(d."userId", 2)::int * 7919) % 100) / 100.0) * 0.97`),
    );
    // Exactly 1,000,000: trim the excess at random (or top up from deliveries not yet completed).
    const { rows } = await q(`SELECT count(*)::int AS n FROM "Completion"`);
    const diff = (rows[0] as { n: number }).n - COMPLETIONS;
    if (diff > 0) await q(`DELETE FROM "Completion" WHERE id IN (SELECT id FROM "Completion" ORDER BY random() LIMIT ${diff})`);
    if (diff < 0) {
      await q(`INSERT INTO "Completion" (id, "teamId", "promptId", "userId", "channelId", source, "localDate", "completedAt")
        SELECT gen_random_uuid(), d."teamId", d."promptId", d."userId", 'C0', 'reaction', d."localDate", d."deliveredAt"
        FROM "Delivery" d WHERE NOT EXISTS (SELECT 1 FROM "Completion" c WHERE c."promptId" = d."promptId" AND c."userId" = d."userId")
        ORDER BY random() LIMIT ${-diff}`);
    }
    await timed("analyze", () => q("VACUUM ANALYZE"));
    const counts = await q(`SELECT (SELECT count(*) FROM "Prompt")::int AS prompts, (SELECT count(*) FROM "Delivery")::int AS deliveries,
      (SELECT count(*) FROM "Completion")::int AS completions`);
    console.log("  rows:", counts.rows[0]);
  } finally {
    await client.end();
  }
}

interface Figures {
  p50: number;
  p99: number;
  max: number;
  n: number;
}

async function measure(runs: number, warmup: number, run: (i: number) => Promise<unknown>): Promise<Figures> {
  for (let i = 0; i < warmup; i++) await run(i);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run(i + warmup);
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!;
  return { p50: at(0.5), p99: at(0.99), max: ms.at(-1)!, n: runs };
}

const show = (label: string, f: Figures) =>
  console.log(`${label.padEnd(44)} p50 ${f.p50.toFixed(1).padStart(7)} ms   p99 ${f.p99.toFixed(1).padStart(7)} ms   max ${f.max.toFixed(1).padStart(7)} ms   (n=${f.n})`);

async function main(): Promise<void> {
  const reuse = process.env.BENCH_DB;
  const name = reuse ?? `stretch_bench_stats_${randomBytes(3).toString("hex")}`;
  const url = urlFor(name);
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  console.log(`scratch database ${name}`);
  if (!reuse) await admin(`CREATE DATABASE "${name}"`);
  const db = createDb(url, 4);
  try {
    if (!reuse) {
      await timed("migrate deploy", async () => {
        execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "ignore", "inherit"] });
      });
      await timed("seed total", () => seed(url, today));
    }

    const log = createLogger("silent");
    // No Slack here: profiles are fresh, so MemberService never calls users.info.
    const slack = {} as WebClient;
    const tokens = new StaticTokenSource("xoxb-bench-unused");
    const memberRepo = new MemberRepository(db);
    const members = new MemberService(memberRepo, slack, tokens, log);
    const streaks = new StreakService(new StreakDayRepository(db));
    const participation = new ParticipationRepository(db);
    const boards = new LeaderboardService(participation, memberRepo, slack, tokens, log);
    const managers = new ManagerService(members, memberRepo, new ManagerRepository(db), log);
    const reports = new ReportService(participation, managers, members, slack, tokens, log);
    const stats = new StatsService(new PersonalStatsRepository(db), streaks);
    const channel = (i: number) => `C${String((i * 37) % TEAMS).padStart(6, "0")}`;
    const person = (i: number) => `U${String((i * 7919) % PEOPLE).padStart(6, "0")}`;

    console.log("\nfigures (one client, sequential, warm cache):");
    show("team leaderboard, 30 days (service)", await measure(200, 20, (i) => boards.board({ teamId: TEAM, userId: person(i), channelId: channel(i), period: "month" }, now)));
    show("  of which: per-person totals query", await measure(200, 20, (i) => participation.personTotals(TEAM, { kind: "channels", channelIds: [channel(i)] }, { from: isoDaysAgo(today, 29), before: isoDaysAgo(today, -1) })));
    show("team leaderboard, 7 days (service)", await measure(200, 20, (i) => boards.board({ teamId: TEAM, userId: person(i), channelId: channel(i), period: "week" }, now)));
    show("team report, 8 weeks (service)", await measure(50, 5, (i) => reports.report({ teamId: TEAM, userId: "U000000", weeks: 8, target: { kind: "channel", channelId: channel(i) } }, now)));
    show("workspace report, 8 weeks (service)", await measure(10, 2, () => reports.report({ teamId: TEAM, userId: "U000000", weeks: 8 }, now)));
    show("  of which: weekly aggregates query", await measure(10, 2, () => participation.weekly(TEAM, { kind: "workspace" }, { from: isoDaysAgo(today, 55), before: isoDaysAgo(today, -1) })));
    show("/stretch stats (StatsService.personal)", await measure(200, 20, (i) => stats.personal(TEAM, person(i), now)));
  } finally {
    await db.$disconnect();
    if (reuse || process.env.BENCH_KEEP_DB === "1") console.log(`kept ${name}`);
    else {
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      console.log(`\ndropped ${name}`);
    }
  }
}

function isoDaysAgo(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
