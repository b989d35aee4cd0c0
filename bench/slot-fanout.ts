/**
 * Delivery throughput of one slot (prints numbers; not a test): `npm run bench:fanout`.
 *
 * End to end through the production path, within Slack's model: 1,000 and then 10,000 DM
 * recipients spread over workspaces of BENCH_PER_WORKSPACE people (default 100: 10 and 100
 * workspaces), each installed through the real OAuth flow (bench/lib/workspaces.ts, as
 * bench:multitenant) and posting with its own token, each with one `members` schedule. The
 * workspace post budget (SLACK_POST_RATE_PER_MINUTE, BENCH_POST_RATE) defaults to 60 × the
 * workspace size (6,000 a minute, capped at the app's 10,000), so a workspace's slot fits in its
 * budget's burst (rate ÷ 60 back to back): the app's own limiter books every post, but nothing
 * waits on it, and the slot burst measures delivery, not pacing. The fake Slack (this process)
 * answers at once and enforces no limit of its own. The app runs as its own process (src/main.ts):
 * first ROLE=web for the installs, then ROLE=all, whose start-up reconcile creates the slot ticks.
 *
 * The slots are driven by the app's real ticks, a minute ahead (FANOUT_LEAD_MS): the fan-out
 * minute stores the Prompt rows, books the posts from the slot on, looks up DND and adds deliver jobs
 * delayed to the slot; at the slot, every delivery claims, posts (chat.postMessage) and records.
 * The 1,000 slot is the app's first; the 10,000 slot comes two minutes later (BENCH_ROUNDS of them,
 * two minutes apart, so no fan-out minute overlaps a burst).
 *
 * Prints for each slot: the fan-out minute (Prompt rows stored before the slot, when the last one
 * was, CPU per recipient of each process); the slot burst: slot → first and last post (goal for
 * 10,000: ≤ 10 s), deliveries/s (recipients ÷ slot → last post, and ÷ first → last post),
 * lateness p50/p99/max of each post (goal for 1,000: p99 ≤ 2 s), CPU per delivery of the app, this
 * process with the fake, Postgres and Redis (from a second before the slot to the last post) and
 * the cores they used together on average. Then the raw BullMQ drain of 10,000 no-op jobs with the
 * same concurrency and removeOnComplete, measured before the app starts and after it stops (each
 * after a warm-up drain): jobs already waiting (as the bench measured before the lead) and jobs
 * delayed to one instant (as deliver jobs are now), with CPU per job, and the ratio of deliveries/s
 * to each (goal ≥ 0.25 against waiting jobs); Slack calls by method, Prompt rows by status, the
 * load average at each slot and at the end.
 *
 * Options (env): BENCH_SMALL and BENCH_BIG (recipients of the two slots, default 1000 and 10000),
 * BENCH_PER_WORKSPACE (people per workspace, default 100), BENCH_POST_RATE (SLACK_POST_RATE_PER_MINUTE,
 * default min(10000, 60 × BENCH_PER_WORKSPACE)), BENCH_CONCURRENCY (WORKER_CONCURRENCY, default 400),
 * BENCH_ROUNDS (10,000 slots, default 1; the median round is printed too).
 */
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { createDb, type Db } from "../src/db/client.js";
import { FANOUT_LEAD_MS } from "../src/engine/scheduler-sync.js";
import { FakeSlack } from "../tests/helpers/fake-slack.js";
import { cpuMeter, cpuSecondsOf, createBenchDatabase, percentile, startAppProcess, type AppProcess, type CpuSplit } from "./lib/bench-env.js";
import { addToFake, benchAppEnv, benchWorkspace, hhmm, installAll, seedMembersSchedules, type BenchWorkspace } from "./lib/workspaces.js";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 400);
const BIG = Number(process.env.BENCH_BIG ?? 10_000);
const SMALL = Number(process.env.BENCH_SMALL ?? 1_000);
const PER_WORKSPACE = Math.max(1, Number(process.env.BENCH_PER_WORKSPACE ?? 100));
const POST_RATE = Number(process.env.BENCH_POST_RATE ?? Math.min(10_000, 60 * PER_WORKSPACE));
/** 10,000 slots to run, two minutes apart; figures are printed for each and for the median one. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));
/** Between two slots: a minute for the next one's fan-out after a minute for this one's burst. */
const SLOT_GAP_MS = 2 * 60_000;
/** A slot's burst that has not ended by then is reported as such. */
const BURST_TIMEOUT_MS = 110_000;

/** `total` recipients in workspaces of PER_WORKSPACE people (the last one may be smaller). */
function group(tag: string, total: number): BenchWorkspace[] {
  return Array.from({ length: Math.ceil(total / PER_WORKSPACE) }, (_, i) => benchWorkspace(tag, i, Math.min(PER_WORKSPACE, total - i * PER_WORKSPACE)));
}

/**
 * When the limiter lets a workspace's last post of a slot go, counted from the slot: the budget's
 * burst goes at once, then one post per interval (workspace-rate-limiter.ts, rate-limits.ts).
 */
function limiterFloorMs(people: number): number {
  const burst = Math.max(1, Math.floor(POST_RATE / 60));
  return Math.max(0, people - burst) * (60_000 / POST_RATE);
}

/** CPU per no-op job of each raw drain run (the worker's process, redis-server). */
interface RawRun {
  rate: number;
  workerMs: number;
  redisMs: number;
}

/**
 * BullMQ's own ceiling here: `n` no-op jobs drained with the same concurrency and removeOnComplete
 * as deliveries. `delayed`: the jobs are added delayed to one instant, as a fan-out adds deliver jobs
 * for its slot, and timed from that instant (BullMQ promotes them as they come due); otherwise they
 * wait before the worker starts and are timed from its start. The adds are not timed.
 */
async function drainNoop(n: number, delayed: boolean): Promise<RawRun> {
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const prefix = `benchraw${randomBytes(3).toString("hex")}`;
  const queue = new Queue("noop", { connection, prefix });
  // Long enough for the adds (~0.1 ms a job here) to finish before it.
  const dueAt = Date.now() + 1_500 + n * 0.25;
  for (let i = 0; i < n; i += 1000) {
    const delay = delayed ? { delay: Math.max(1, dueAt - Date.now()) } : {};
    await queue.addBulk(Array.from({ length: Math.min(1000, n - i) }, (_, j) => ({ name: "noop", data: { i: i + j }, opts: { removeOnComplete: true, ...delay } })));
  }
  if (delayed && Date.now() >= dueAt) throw new Error("adding the delayed no-op jobs took longer than planned: the drain would overlap them");
  let done = 0;
  const cpuBefore = { own: process.cpuUsage(), redis: cpuSecondsOf("redis-server") };
  const started = delayed ? dueAt : performance.timeOrigin + performance.now();
  let lastAt = 0;
  await new Promise<void>((resolve) => {
    const worker = new Worker("noop", async () => undefined, { connection, prefix, concurrency: CONCURRENCY });
    worker.on("completed", () => {
      done += 1;
      if (done === n) {
        lastAt = performance.timeOrigin + performance.now();
        void worker.close().then(() => resolve());
      }
    });
  });
  const own = process.cpuUsage(cpuBefore.own);
  const run = { rate: n / ((lastAt - started) / 1000), workerMs: (own.user + own.system) / 1000 / n, redisMs: ((cpuSecondsOf("redis-server") - cpuBefore.redis) * 1000) / n };
  await queue.obliterate({ force: true });
  await queue.close();
  await connection.quit();
  return run;
}

/** Both raw drains of BIG jobs after a warm-up drain, so they are compared warm with a warm slot. */
async function rawDrains(): Promise<{ waiting: RawRun; delayed: RawRun }> {
  await drainNoop(2_000, false);
  return { waiting: await drainNoop(BIG, false), delayed: await drainNoop(BIG, true) };
}

/** Accepted chat.postMessage arrivals (ms) per workspace, read from the fake's call log as it grows. */
class PostLog {
  private scanned = 0;
  private readonly atByTeam = new Map<string, number[]>();

  constructor(private readonly fake: FakeSlack) {}

  /** Arrival times of the posts to these workspaces so far. */
  postsOf(teams: ReadonlySet<string>): number[] {
    const calls = this.fake.calls;
    for (; this.scanned < calls.length; this.scanned += 1) {
      const c = calls[this.scanned]!;
      if (c.method !== "chat.postMessage" || c.rateLimited || c.refused || !c.teamId) continue;
      const list = this.atByTeam.get(c.teamId) ?? [];
      list.push(c.at);
      this.atByTeam.set(c.teamId, list);
    }
    return [...teams].flatMap((t) => this.atByTeam.get(t) ?? []);
  }
}

interface SlotRun {
  slot: Date;
  recipients: number;
  /** The fan-out minute: rows stored before the slot, the last one's time from the slot, CPU. */
  fanout: { rows: number; lastRowMs: number | null; cpu: CpuSplit };
  /** The slot burst: posts accepted, their arrival minus the slot, CPU from a second before the slot to the last post. */
  posts: number;
  lateness: number[];
  cpu: CpuSplit;
  /** Wall-clock ms the burst's CPU was counted over. */
  cpuWallMs: number;
  load: number;
}

const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

/** One slot, as the app's tick drives it: its fan-out minute, then its burst. */
async function runSlot(app: AppProcess, db: Db, posts: PostLog, slot: Date, teams: BenchWorkspace[]): Promise<SlotRun> {
  const recipients = teams.reduce((n, w) => n + w.userIds.length, 0);
  const teamIds = new Set(teams.map((w) => w.teamId));
  await sleepUntil(slot.getTime() - FANOUT_LEAD_MS - 2_000);
  const leadCpu = cpuMeter(app.child.pid!);
  await sleepUntil(slot.getTime() - 1_000);
  const lead = leadCpu();
  const burstCpu = cpuMeter(app.child.pid!);
  const burstFrom = Date.now();
  const stored = await db.prompt.aggregate({ where: { slotAt: slot, teamId: { in: [...teamIds] } }, _count: true, _max: { createdAt: true } });
  const load = loadavg()[0]!;
  let at: number[] = [];
  for (;;) {
    at = posts.postsOf(teamIds);
    if (at.length >= recipients || Date.now() > slot.getTime() + BURST_TIMEOUT_MS) break;
    // Figures come from the fake's arrival times, not from when this loop notices.
    await new Promise((r) => setTimeout(r, 100));
  }
  const cpu = burstCpu();
  const cpuWallMs = Date.now() - burstFrom;
  const lastRow = stored._max.createdAt;
  return {
    slot,
    recipients,
    fanout: { rows: stored._count, lastRowMs: lastRow ? lastRow.getTime() - slot.getTime() : null, cpu: lead },
    posts: at.length,
    lateness: at.map((t) => t - slot.getTime()),
    cpu,
    cpuWallMs,
    load,
  };
}

function line(label: string, value: string): void {
  process.stdout.write(`${label.padEnd(46)} ${value}\n`);
}

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const perEach = (c: CpuSplit, n: number) => {
  const ms = (s: number) => ((s * 1000) / Math.max(1, n)).toFixed(3);
  return `app ${ms(c.app)} / bench+FakeSlack ${ms(c.bench)} / Postgres ${ms(c.pg)} / Redis ${ms(c.redis)} ms (all four ${ms(c.app + c.bench + c.pg + c.redis)} ms)`;
};

/** Rate of a slot's burst: recipients ÷ (slot → last post). */
function rateOf(r: SlotRun): number {
  return r.posts / (Math.max(...r.lateness) / 1000);
}

function printSlot(title: string, r: SlotRun, goals: { lastMs?: number; p99Ms?: number }, raw?: { waiting: number; delayed: number }): void {
  process.stdout.write(`\n${title}\n`);
  const { fanout } = r;
  line("  fan-out minute: Prompt rows stored ahead", `${fanout.rows.toLocaleString("en-US")} / ${r.recipients.toLocaleString("en-US")}${fanout.lastRowMs === null ? "" : `, the last at slot − ${sec(-fanout.lastRowMs)} (tick at slot − ${sec(FANOUT_LEAD_MS)})`}`);
  line("  fan-out minute: CPU per recipient", perEach(fanout.cpu, r.recipients));
  if (r.posts === 0) {
    line("  slot burst", `NO POSTS within ${sec(BURST_TIMEOUT_MS)} of the slot`);
    return;
  }
  const last = Math.max(...r.lateness);
  const gave = r.posts < r.recipients ? `   GAVE UP at ${r.posts}/${r.recipients}` : "";
  line("  slot → first post / last post", `${sec(Math.min(...r.lateness))} / ${sec(last)}${goals.lastMs ? `   (goal ≤ ${sec(goals.lastMs)})` : ""}${gave}`);
  const spread = last - Math.min(...r.lateness);
  line("  deliveries/s in the burst", `${rateOf(r).toFixed(0)} from the slot${spread > 0 ? `, ${(r.posts / (spread / 1000)).toFixed(0)} from the first post` : ""} (to the last post)`);
  line(
    "  lateness p50 / p99 / max",
    `${sec(percentile(r.lateness, 50))} / ${sec(percentile(r.lateness, 99))} / ${sec(last)}${goals.p99Ms ? `   (goal p99 ≤ ${sec(goals.p99Ms)})` : ""}`,
  );
  if (raw) line("  ratio to the raw drain: waiting / delayed", `${(rateOf(r) / raw.waiting).toFixed(3)} / ${(rateOf(r) / raw.delayed).toFixed(3)}   (goal ≥ 0.25 against waiting jobs)`);
  line("  burst: CPU per delivery", perEach(r.cpu, r.posts));
  const { app, bench, pg, redis } = r.cpu;
  line("  burst: cores used (all four, 2 on this machine)", `${((app + bench + pg + redis) / (r.cpuWallMs / 1000)).toFixed(2)} on average over ${sec(r.cpuWallMs)}`);
  line("  load average (1 min) at the slot", r.load.toFixed(2));
}

async function main(): Promise<void> {
  const small = group("FS", SMALL);
  const big = group("FB", BIG);
  const all = [...small, ...big];
  const fake = new FakeSlack();
  // Slack keeps connections alive; the fake's 1 s default would make Node open a socket per call.
  fake.keepAliveTimeoutMs = 30_000;
  fake.keepCallBodies = false;
  await fake.start();
  addToFake(fake, all);
  const database = await createBenchDatabase("fanout");
  const db = createDb(database.url, 5);
  // One env for both app processes: the same token encryption key and queues.
  // The start-up run creates the ticks; none runs during the slots.
  const env = benchAppEnv(fake, { databaseUrl: database.url, redisUrl: REDIS_URL, queuePrefix: `benchfan${randomBytes(3).toString("hex")}`, concurrency: CONCURRENCY, postRatePerMinute: POST_RATE, reconcileSeconds: 3600 });
  let app: AppProcess | undefined;
  try {
    // Installs through a web-only process: no reconcile yet (its lock would keep the next process's start-up run from making the ticks).
    app = await startAppProcess({ ...env, ROLE: "web" });
    const installMs = await installAll(`http://127.0.0.1:${app.port}`, fake, all);
    await app.stop();
    app = undefined;
    fake.reset();
    const burst = Math.max(1, Math.floor(POST_RATE / 60));
    line("workspaces, installed through OAuth", `${small.length} (${SMALL.toLocaleString("en-US")} recipients) + ${big.length} (${BIG.toLocaleString("en-US")}), ${PER_WORKSPACE} people each, in ${sec(installMs)}`);
    line(
      "post budget per workspace",
      `${POST_RATE.toLocaleString("en-US")} a minute (SLACK_POST_RATE_PER_MINUTE), ${burst} back to back → a workspace's last post at slot + ${sec(limiterFloorMs(PER_WORKSPACE))} at the earliest`,
    );

    const rawBefore = await rawDrains();

    // The first tick (a minute ahead) at least 40 s away: seeding and the app's start come first.
    const smallSlot = new Date(Math.ceil((Date.now() + FANOUT_LEAD_MS + 40_000) / 60_000) * 60_000);
    const bigSlots = Array.from({ length: ROUNDS }, (_, k) => new Date(smallSlot.getTime() + (k + 1) * SLOT_GAP_MS));
    await seedMembersSchedules(db, small, [hhmm(smallSlot)]);
    await seedMembersSchedules(db, big, bigSlots.map(hhmm));
    // Fresh statistics, as a running database has, and no autovacuum competing with what follows.
    await db.$executeRawUnsafe("VACUUM ANALYZE");

    app = await startAppProcess({ ...env, ROLE: "all" });
    line("slots", `${[smallSlot, ...bigSlots].map((d) => d.toISOString()).join(", ")} (the first in ${sec(smallSlot.getTime() - Date.now())})`);
    const posts = new PostLog(fake);
    const smallRun = await runSlot(app, db, posts, smallSlot, small);
    const rounds: SlotRun[] = [];
    for (const slot of bigSlots) rounds.push(await runSlot(app, db, posts, slot, big));
    const byMethod = new Map<string, number>();
    for (const c of fake.calls) byMethod.set(c.method, (byMethod.get(c.method) ?? 0) + 1);
    const states = await db.$queryRaw<Array<{ status: string; reason: string | null; n: bigint }>>`
      SELECT status::text AS status, reason, count(*) AS n FROM "Prompt" GROUP BY 1, 2 ORDER BY 3 DESC`;
    await app.stop();
    app = undefined;
    // Measured again once the app is idle: other load on the machine moves this figure a lot.
    const rawAfter = await rawDrains();
    const raw = { waiting: (rawBefore.waiting.rate + rawAfter.waiting.rate) / 2, delayed: (rawBefore.delayed.rate + rawAfter.delayed.rate) / 2 };

    printSlot(`${SMALL.toLocaleString("en-US")} DM recipients, ${small.length} workspaces, one slot (the app's first)`, smallRun, { p99Ms: 2_000 });
    rounds.forEach((r, k) => printSlot(`${BIG.toLocaleString("en-US")} DM recipients, ${big.length} workspaces, one slot${ROUNDS > 1 ? ` (round ${k + 1} of ${ROUNDS})` : ""}`, r, { lastMs: 10_000 }, raw));
    process.stdout.write("\n");
    const rawLine = (label: string, runs: RawRun[]) =>
      line(
        label,
        `${((runs[0]!.rate + runs[1]!.rate) / 2).toFixed(0)} jobs/s (${runs[0]!.rate.toFixed(0)} before, ${runs[1]!.rate.toFixed(0)} after); CPU per job: worker / Redis ${runs.map((r) => `${r.workerMs.toFixed(3)} / ${r.redisMs.toFixed(3)} ms`).join(", ")}`,
      );
    rawLine(`raw BullMQ drain, ${BIG.toLocaleString("en-US")} waiting no-op jobs`, [rawBefore.waiting, rawAfter.waiting]);
    rawLine(`raw BullMQ drain, ${BIG.toLocaleString("en-US")} delayed to one instant`, [rawBefore.delayed, rawAfter.delayed]);
    line("  concurrency", String(CONCURRENCY));
    if (ROUNDS > 1) {
      const median = [...rounds].sort((a, b) => rateOf(a) - rateOf(b))[Math.floor(ROUNDS / 2)]!;
      line("median round: deliveries/s, ratio to raw drain", `${rateOf(median).toFixed(0)}, ${(rateOf(median) / raw.waiting).toFixed(3)} / ${(rateOf(median) / raw.delayed).toFixed(3)}`);
    }
    const expected = SMALL + BIG * ROUNDS;
    line("Slack calls by method (after the installs)", [...byMethod].sort((a, b) => b[1] - a[1]).map(([m, n]) => `${m} ${n}`).join(", "));
    line("  chat.postMessage expected", String(expected));
    line("Prompt rows by status", states.map((r) => `${r.status}${r.reason ? ` (${r.reason})` : ""} ${r.n}`).join(", "));
    line("load average (1 / 5 / 15 min) at the end", loadavg().map((l) => l.toFixed(2)).join(" / "));
  } finally {
    await app?.stop();
    await fake.stop();
    await db.$disconnect();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
