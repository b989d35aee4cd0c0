/**
 * The reconcile loop's cost per run (prints numbers; not a test): `npx tsx bench/reconcile.ts`.
 *
 * bench:multitenant's world as the reconcile loop sees it: W workspaces of M members and one of S,
 * each with an hourly `members` schedule, and the big workspace's spread slot under way (S unsent
 * prompts whose deliver jobs wait, delayed). The loop runs every RECONCILE_INTERVAL_SECONDS (5 s in
 * bench:multitenant) on a worker, so what one run costs that process is CPU taken from deliveries.
 * A first run creates the job schedulers; then RUNS steady-state runs (nothing to change) are timed.
 *
 * Prints per run: wall time (median), this process's CPU (user+system, median), SQL statements
 * (transactions committed in the scratch database: every statement here is its own) and Redis
 * commands sent on the queues' connection (a pipelined command counts as one).
 *
 * Measured (2-core machine shared with other work, defaults): per-schedule reads (zones and COUNT
 * per schedule, getJobState per prompt) 405 statements, 5,202 Redis commands, 515 ms CPU and 719 ms
 * wall per run; set-based reads 5 statements, 207 Redis commands, 74–88 ms CPU, 141–189 ms wall.
 *
 * Options (env): BENCH_WORKSPACES (200), BENCH_MEMBERS (50), BENCH_SPREAD (5000), BENCH_RUNS (10).
 */
import { Redis } from "ioredis";
import { createDb, type Db } from "../src/db/client.js";
import { createSqlPool, pgRunner } from "../src/db/sql.js";
import { MemberRepository } from "../src/db/repositories/members.js";
import { createQueues } from "../src/engine/queues/queues.js";
import { redisJobBackend } from "../src/engine/queues/redis-backend.js";
import { Reconciler } from "../src/engine/reconcile.js";
import { ChannelMemberRepository } from "../src/engine/repositories/channel-members.js";
import { EngineScheduleRepository } from "../src/engine/repositories/engine-schedules.js";
import { PromptRepository } from "../src/engine/repositories/prompts.js";
import { EngineScheduleSync } from "../src/engine/schedule-sync.js";
import { SlotSchedulers } from "../src/engine/scheduler-sync.js";
import { deliverTask } from "../src/engine/tasks.js";
import { createLogger } from "../src/logger.js";
import { createBenchDatabase, percentile } from "./lib/bench-env.js";

const WORKSPACES = Number(process.env.BENCH_WORKSPACES ?? 200);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 50);
const SPREAD = Number(process.env.BENCH_SPREAD ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
/** A handful of zones, so members schedules' cron minutes cover several (as in real workspaces). */
const ZONES = ["UTC", "Europe/Warsaw", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu"];

async function seed(db: Db): Promise<void> {
  const teams = [...Array.from({ length: WORKSPACES }, (_, i) => ({ teamId: `TR${String(i).padStart(6, "0")}`, size: MEMBERS })), { teamId: "TRBIG00001", size: SPREAD }];
  for (const { teamId, size } of teams) {
    const channelId = `C${teamId.slice(1)}`;
    const userIds = Array.from({ length: size }, (_, u) => `U${teamId.slice(1)}${String(u).padStart(5, "0")}`);
    await db.workspace.create({ data: { teamId } });
    for (let i = 0; i < userIds.length; i += 5000) {
      const chunk = userIds.slice(i, i + 5000);
      await db.member.createMany({ data: chunk.map((userId, k) => ({ teamId, userId, tz: ZONES[(i + k) % ZONES.length]!, profileFetchedAt: new Date() })) });
      await db.channelMember.createMany({ data: chunk.map((userId) => ({ teamId, channelId, userId })) });
    }
    await db.schedule.create({
      data: { teamId, kind: "members", channelId, targetKey: `members:${channelId}`, createdBy: userIds[0]!, intervalMinutes: 60, times: [], windowStartMinute: 0, windowEndMinute: 1440, days: [1, 2, 3, 4, 5, 6, 7], tz: "UTC" },
    });
  }
}

/** Transactions committed in the scratch database; other backends report theirs within 10 s idle. */
async function xacts(db: Db): Promise<number> {
  await new Promise((r) => setTimeout(r, 11_000));
  const [row] = await db.$queryRaw<Array<{ n: bigint }>>`SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()`;
  return Number(row?.n ?? 0);
}

function line(label: string, value: string): void {
  process.stdout.write(`${label.padEnd(40)} ${value}\n`);
}

async function main(): Promise<void> {
  const database = await createBenchDatabase("reconcile");
  // As src/app.ts wires it: one pg pool for Prisma and for the engine's plain SQL.
  const pool = createSqlPool(database.url, 4);
  const db = createDb(pool);
  const sql = pgRunner(pool);
  const backend = redisJobBackend(REDIS_URL, `benchrec${Date.now().toString(36)}`);
  const queues = createQueues(backend);
  try {
    await seed(db);
    const log = createLogger("silent");
    const channelMembers = new ChannelMemberRepository(db, sql);
    const schedules = new EngineScheduleRepository(db);
    const schedulers = new SlotSchedulers(queues.slots);
    const sync = new EngineScheduleSync({ schedules, channelMembers, members: new MemberRepository(db), schedulers, queues, log });
    const reconciler = new Reconciler({ schedules, channelMembers, prompts: new PromptRepository(db, sql), sync, schedulers, queues, jobs: backend, options: { catchUpMs: 0, repairMs: 3_600_000, leaseMs: 60_000 }, log });

    // The big workspace's spread slot, two minutes in: every prompt unsent, its job waiting (delayed).
    const slotAt = new Date(Date.now() - 120_000);
    const ids: string[] = [];
    for (let i = 0; i < SPREAD; i += 1000) {
      const rows = await db.prompt.createManyAndReturn({
        data: Array.from({ length: Math.min(1000, SPREAD - i) }, (_, k) => ({ teamId: "TRBIG00001", slotKey: `bench-${i + k}`, slotAt, target: `URBIG${String(i + k).padStart(5, "0")}`, recipientUserId: `URBIG${String(i + k).padStart(5, "0")}` })),
        select: { id: true },
      });
      ids.push(...rows.map((r) => r.id));
    }
    for (let i = 0; i < ids.length; i += 1000) {
      await deliverTask.schedule(queues.deliveries, ids.slice(i, i + 1000).map((promptId) => ({ teamId: "TRBIG00001", promptId, delayMs: 3_600_000 })));
    }

    const first = await reconciler.reconcileAll();
    line("first run (creates the schedulers)", JSON.stringify(first));

    // Redis commands on the queues' shared connection (the one the reconciler's calls go through).
    const main = backend.connection("stretch-main") as Redis;
    let commands = 0;
    const send = main.sendCommand.bind(main);
    main.sendCommand = ((...args: Parameters<Redis["sendCommand"]>) => {
      commands++;
      return send(...args);
    }) as Redis["sendCommand"];

    const wall: number[] = [];
    const cpu: number[] = [];
    const before = await xacts(db);
    let last = first;
    for (let r = 0; r < RUNS; r++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      last = await reconciler.reconcileAll();
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    const commandsPerRun = commands / RUNS;
    // Minus this read's own transaction.
    const statements = ((await xacts(db)) - before - 1) / RUNS;

    line("schedules / unsent prompts", `${WORKSPACES + 1} members schedules, ${SPREAD} unsent prompts with their job`);
    line("steady-state report", JSON.stringify(last));
    line("wall per run (median, p90)", `${percentile(wall, 50).toFixed(0)} ms, ${percentile(wall, 90).toFixed(0)} ms`);
    line("this process's CPU per run (median, p90)", `${percentile(cpu, 50).toFixed(0)} ms, ${percentile(cpu, 90).toFixed(0)} ms`);
    line("SQL statements per run", statements.toFixed(0));
    line("Redis commands per run", commandsPerRun.toFixed(0));
  } finally {
    await queues.slots.obliterate({ force: true }).catch(() => undefined);
    await queues.deliveries.obliterate({ force: true }).catch(() => undefined);
    await queues.maintenance.obliterate({ force: true }).catch(() => undefined);
    await queues.close();
    await backend.close();
    await db.$disconnect();
    await pool.end();
    await database.drop();
  }
}

await main();
