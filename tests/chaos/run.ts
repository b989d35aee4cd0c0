/**
 * `npm run chaos`: the engine's promises checked under faults (issue 8, "The chaos test").
 *
 * Starts its own PostgreSQL and Redis on free ports, one web process and CHAOS_WORKERS worker
 * processes of the real app (src/main.ts) against a fake Slack that fails a share of calls, plays
 * CHAOS_SECONDS of people using Slack while killing and restarting things, then checks the
 * database and the fake's record (tests/chaos/checks.ts). Prints every violation, then one
 * summary line; exits 1 on any violation. CHAOS_SEED reproduces a run's plan.
 */
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import pg from "pg";
import { TEST_BOT_TOKEN } from "../helpers/app.js";
import { TEST_SIGNING_SECRET } from "../helpers/slack-requests.js";
import { ChaosSlack } from "./chaos-slack.js";
import { runChecks, type CheckInput, type PromptRow, type RawDays, type StatsShown } from "./checks.js";
import { AppProcess } from "./processes.js";
import { Rng } from "./rng.js";
import { Scenario } from "./scenario.js";
import { ChaosPostgres, ChaosRedis, cleanLeftovers, freePort, runDirectory } from "./services.js";
import { BOT_USER_ID, SlackTraffic, TEAM_ID } from "./slack-traffic.js";
import { ACTIVE_PEOPLE, dmChannelOf, localToday, noonZone, seedDatabase, setUpFake } from "./world.js";

// Prisma keeps DateTime as "timestamp without time zone" holding UTC: read it as UTC whatever TZ is.
pg.types.setTypeParser(1114, (text: string) => new Date(`${text.replace(" ", "T")}Z`));

const intEnv = (name: string, fallback: number, min: number, max: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    process.stderr.write(`chaos: ${name} must be a whole number from ${min} to ${max} (got "${raw}")\n`);
    process.exit(2);
  }
  return n;
};

const SEED = intEnv("CHAOS_SEED", Math.floor(Math.random() * 2 ** 31), 0, 2 ** 32 - 1);
const SECONDS = intEnv("CHAOS_SECONDS", 240, 30, 900);
const WORKERS = intEnv("CHAOS_WORKERS", 3, 1, 8);
/** After the last fault: time for retries, lease expiries and batches to finish. */
const SETTLE_MS = 20_000;

const started = Date.now();
const log = (line: string) => process.stdout.write(`${line}\n`);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

async function main(): Promise<number> {
  const rng = new Rng(SEED);
  log(`chaos: seed ${SEED} (CHAOS_SEED=${SEED} replays this plan), ${SECONDS} s, ${WORKERS} workers`);
  const leftovers = cleanLeftovers();
  if (leftovers.length > 0) log(`chaos: removed ${leftovers.length} earlier run directory(ies) (kept logs, or what a killed run left running)`);
  const dir = runDirectory();
  const zone = noonZone();

  const [pgPort, redisPort, webPort, ...workerPorts] = await Promise.all(Array.from({ length: 3 + WORKERS }, () => freePort()));
  const postgres = new ChaosPostgres(dir, pgPort!);
  const redis = new ChaosRedis(dir, redisPort!);
  const slack = new ChaosSlack(rng.fork("slack"));
  const processes: AppProcess[] = [];
  let db: pg.Pool | undefined;
  let keepLogs = true;
  const cleanup = async () => {
    await Promise.all(processes.map((p) => p.kill().catch(() => {})));
    await db?.end().catch(() => {});
    await redis.close().catch(() => {});
    await postgres.close().catch(() => {});
    await slack.fake.stop().catch(() => {});
  };
  const interrupted = () => {
    void cleanup().finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);

  try {
    await postgres.init();
    await postgres.createMigrated("stretch_chaos", resolve(process.cwd(), "prisma/migrations"));
    await redis.start();
    await slack.fake.start();
    setUpFake(slack.fake, zone);
    db = new pg.Pool({ connectionString: postgres.url("stretch_chaos"), max: 3 });
    // Idle connections die with every PostgreSQL restart; the next query reconnects.
    db.on("error", () => {});
    const { historyRows } = await seedDatabase(db, zone, rng.fork("history"));
    log(`chaos: PostgreSQL :${pgPort}, Redis :${redisPort}, fake Slack ${slack.fake.url}, zone ${zone}, ${historyRows} past prompt days seeded (${elapsed()})`);

    const env: Record<string, string> = {
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.fake.apiUrl,
      SLACK_API_RETRIES: "0",
      SLACK_BOT_USER_ID: BOT_USER_ID,
      SLACK_BOT_ID: slack.fake.botId,
      DATABASE_URL: postgres.url("stretch_chaos"),
      REDIS_URL: redis.url,
      QUEUE_PREFIX: "chaos",
      LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? "warn",
      SCHEDULE_MIN_INTERVAL_MINUTES: "1",
      RECONCILE_INTERVAL_SECONDS: "3",
      WORKER_CONCURRENCY: "50",
      // The lease must outlast the longest Slack call (src/config/schema.ts): a shorter one lets a
      // second worker repost a prompt whose first post is merely slow, a duplicate by configuration.
      DELIVERY_LEASE_SECONDS: "15",
      WORKER_LOCK_DURATION_MS: "5000",
      WORKER_STALLED_INTERVAL_MS: "2000",
      PROMPT_SKIP_AWAY: "false",
    };
    const web = new AppProcess({ name: "web", role: "web", port: webPort!, env, logDir: dir });
    const workers = workerPorts.map((port, i) => new AppProcess({ name: `worker-${i + 1}`, role: "worker", port, env, logDir: dir }));
    processes.push(web, ...workers);
    await Promise.all(processes.map((p) => p.start()));
    log(`chaos: web + ${workers.length} workers up (${elapsed()}); logs in ${dir}`);

    const traffic = new SlackTraffic(() => web.url, slack);
    const scenario = new Scenario({ rng, zone, traffic, slack, db, postgres, redis, web, workers, log });
    await scenario.setUp();
    await scenario.run(SECONDS);

    log(`chaos: settling (${elapsed()})`);
    await Promise.all(processes.filter((p) => !p.running).map((p) => p.start()));
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    // No more posts from here on, so the streaks read below cannot move under the checks.
    await Promise.all(workers.map((w) => w.stop()));
    await new Promise((r) => setTimeout(r, 2_000));
    const stats = await readStats(traffic);
    const rawDays = await readRawDays(db, zone);
    await web.stop();

    const input = await readFacts(db, scenario, slack, traffic, stats, rawDays);
    const violations = runChecks(input);
    for (const v of violations) log(`VIOLATION ${v.check}: ${v.detail}`);
    const byCheck = new Map<string, number>();
    for (const v of violations) byCheck.set(v.check, (byCheck.get(v.check) ?? 0) + 1);
    if (byCheck.size > 0) log(`by check: ${[...byCheck].map(([k, n]) => `${k} ${n}`).join("; ")}`);
    const f = scenario.faults;
    const c = slack.counts;
    const runPrompts = input.prompts.filter((p) => !p.slotKey.startsWith("history:"));
    const promptPosts = input.posts.filter((p) => p.promptId).length;
    const runCompletions = input.completions.filter((x) => runPrompts.some((p) => p.id === x.promptId)).length;
    const acked = traffic.reactions.filter((r) => r.status === 200).length;
    log(
      `chaos: seed ${SEED} · ${((Date.now() - started) / 1000).toFixed(0)} s · faults ${scenario.injected} ` +
        `(worker kills ${f.workerKills}, web kills ${f.webKills}, redis flush ${f.redisFlushes}, redis restart ${f.redisRestarts}, postgres restart ${f.postgresRestarts}, worker outage ${f.workerOutages}; ` +
        `slack 429 ${c.rateLimited}, 5xx ${c.serverErrors}, 5xx-after-post ${c.errorsAfterStore}, slow ${c.slow}) · ` +
        `prompts ${runPrompts.length} rows / ${promptPosts} posted · completions ${runCompletions} (reactions ${acked}/${traffic.reactions.length} acked, retries ${traffic.retriesSent}, Done ${traffic.donePresses.length}) · ` +
        `violations ${violations.length}`,
    );
    keepLogs = violations.length > 0;
    return keepLogs ? 1 : 0;
  } finally {
    await cleanup();
    // The app's logs are evidence when something broke; the next run removes them.
    if (keepLogs) log(`chaos: the app's logs are kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** `/stretch stats` for everyone who answers prompts, as they would see it. */
async function readStats(traffic: SlackTraffic): Promise<StatsShown[]> {
  const out: StatsShown[] = [];
  for (const userId of ACTIVE_PEOPLE) {
    const { reply } = await traffic.command(userId, dmChannelOf(userId), "stats");
    const streak = /\*(\d+)-day streak\*\s*\(best: (\d+)\)/.exec(reply ?? "");
    const none = /No streak running right now \(best: (\d+)\)/.exec(reply ?? "");
    if (streak) out.push({ userId, current: Number(streak[1]), best: Number(streak[2]) });
    else if (none) out.push({ userId, current: 0, best: Number(none[1]) });
  }
  return out;
}

async function readRawDays(db: pg.Pool, zone: string): Promise<RawDays[]> {
  const out: RawDays[] = [];
  for (const userId of ACTIVE_PEOPLE) {
    const d = await db.query(`SELECT "localDate" FROM "Delivery" WHERE "teamId" = $1 AND "userId" = $2 AND status = 'delivered'`, [TEAM_ID, userId]);
    const c = await db.query(`SELECT "localDate" FROM "Completion" WHERE "teamId" = $1 AND "userId" = $2`, [TEAM_ID, userId]);
    const m = await db.query(`SELECT tz FROM "Member" WHERE "teamId" = $1 AND "userId" = $2`, [TEAM_ID, userId]);
    out.push({
      userId,
      today: localToday(m.rows[0]?.tz ?? zone),
      deliveredDates: d.rows.map((r) => r.localDate),
      completedDates: c.rows.map((r) => r.localDate),
    });
  }
  return out;
}

async function readFacts(db: pg.Pool, scenario: Scenario, slack: ChaosSlack, traffic: SlackTraffic, stats: StatsShown[], rawDays: RawDays[]): Promise<CheckInput> {
  const prompts = await db.query(
    `SELECT id, "scheduleId", "slotKey", "slotAt", target, "recipientUserId", "channelId", "messageTs", status::text AS status FROM "Prompt" WHERE "teamId" = $1`,
    [TEAM_ID],
  );
  const schedules = await db.query(`SELECT id, "targetKey" FROM "Schedule" WHERE "teamId" = $1`, [TEAM_ID]);
  const completions = await db.query(`SELECT "promptId", "userId" FROM "Completion" WHERE "teamId" = $1`, [TEAM_ID]);
  return {
    snapshots: scenario.snapshots,
    scheduleKeys: new Map(schedules.rows.map((r) => [r.id, r.targetKey])),
    prompts: prompts.rows.map(
      (r): PromptRow => ({
        id: r.id,
        scheduleId: r.scheduleId,
        slotKey: r.slotKey,
        slotAt: new Date(r.slotAt).getTime(),
        target: r.target,
        recipientUserId: r.recipientUserId,
        channelId: r.channelId,
        messageTs: r.messageTs,
        status: r.status,
      }),
    ),
    posts: slack.posts(),
    reactions: traffic.reactions,
    donePresses: traffic.donePresses,
    completions: completions.rows.map((r) => ({ promptId: r.promptId, userId: r.userId })),
    stats,
    rawDays,
  };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`chaos: the run itself failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
