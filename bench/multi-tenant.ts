/**
 * Many workspaces at Slack's real limits (prints figures; not a test): `npm run bench:multitenant`.
 *
 * 200 workspaces × 50 members, one workspace of 5,000, and one whose Slack answers 429 to a third
 * of its posts, all on an hourly `members` schedule due at the same minute. Every workspace is
 * installed through the real OAuth flow (GET /slack/install → oauth.v2.access) and posts with its
 * own token. The fake Slack (this process) enforces ~1 post/s per channel and a workspace budget of
 * BENCH_SLACK_BUDGET posts a minute (default 600), plus the method tiers; the app (its own process,
 * ROLE=all) is configured a little under it (SLACK_POST_RATE_PER_MINUTE, default 580).
 *
 * Prints per class of workspace: time to its last prompt against its floor (recipients ÷ budget),
 * 429s received (posts, and other methods), p50/p99 lateness (accepted post minus slot), duplicate
 * prompts, and CPU per delivery (app, this process with the fake, Postgres, Redis).
 * Goals (issue 12): the big workspace within 1.15× its floor; 429s under 1 % of posts for healthy
 * workspaces; small workspaces' p99 lateness ≤ 10 s despite both neighbours.
 *
 * Options (env): BENCH_SMALL_WORKSPACES (200), BENCH_SMALL_MEMBERS (50), BENCH_BIG (5000),
 * BENCH_SLACK_BUDGET (600), BENCH_POST_RATE (580), BENCH_CONCURRENCY (WORKER_CONCURRENCY, 200),
 * BENCH_WORKERS (0: extra ROLE=worker processes beside the ROLE=all one; their CPU counts as the app's).
 */
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { createDb, type Db } from "../src/db/client.js";
import { FakeSlack, type RecordedCall } from "../tests/helpers/fake-slack.js";
import { FANOUT_LEAD_MS } from "../src/engine/scheduler-sync.js";
import { cpuMeter, createBenchDatabase, percentile, startAppProcess } from "./lib/bench-env.js";
import { addToFake, benchAppEnv, benchWorkspace, hhmm, installAll, seedMembersSchedules, type BenchWorkspace } from "./lib/workspaces.js";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const SMALL_WORKSPACES = Number(process.env.BENCH_SMALL_WORKSPACES ?? 200);
const SMALL_MEMBERS = Number(process.env.BENCH_SMALL_MEMBERS ?? 50);
const BIG = Number(process.env.BENCH_BIG ?? 5_000);
const SLACK_BUDGET = Number(process.env.BENCH_SLACK_BUDGET ?? 600);
const POST_RATE = Number(process.env.BENCH_POST_RATE ?? 580);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 0);

type Kind = "small" | "big" | "flaky";
interface Workspace extends BenchWorkspace {
  kind: Kind;
}

function workspaces(): Workspace[] {
  const make = (kind: Kind, i: number, members: number): Workspace => ({ ...benchWorkspace(kind.toUpperCase().slice(0, 2), i, members), kind });
  return [make("big", 0, BIG), make("flaky", 0, SMALL_MEMBERS), ...Array.from({ length: SMALL_WORKSPACES }, (_, i) => make("small", i, SMALL_MEMBERS))];
}

/** Transactions committed in the bench database and updates of Prompt rows so far (claim/release churn shows here). */
async function pgCounters(db: Db): Promise<{ xacts: number; promptUpdates: number }> {
  // Other backends report their counters when idle for a second: give them that.
  await new Promise((r) => setTimeout(r, 1_100));
  const [row] = await db.$queryRaw<Array<{ xacts: bigint; updates: bigint }>>`
    SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()) AS xacts,
           (SELECT n_tup_upd FROM pg_stat_user_tables WHERE relname = 'Prompt') AS updates`;
  return { xacts: Number(row?.xacts ?? 0), promptUpdates: Number(row?.updates ?? 0) };
}

function line(label: string, value: string): void {
  process.stdout.write(`${label.padEnd(46)} ${value}\n`);
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const all = workspaces();
  const total = all.reduce((n, w) => n + w.userIds.length, 0);
  const fake = new FakeSlack();
  fake.keepAliveTimeoutMs = 30_000;
  await fake.start();
  addToFake(fake, all);
  const database = await createBenchDatabase("multitenant");
  const db = createDb(database.url, 4);
  const appEnv = benchAppEnv(fake, { databaseUrl: database.url, redisUrl: REDIS_URL, queuePrefix: `bmt${randomBytes(3).toString("hex")}`, concurrency: CONCURRENCY, postRatePerMinute: POST_RATE, reconcileSeconds: 5 });
  const app = await startAppProcess(appEnv);
  // More worker processes on the same queues, Postgres and Redis (a deployment's way to use more cores).
  const workers = await Promise.all(Array.from({ length: WORKERS }, () => startAppProcess({ ...appEnv, ROLE: "worker" })));
  const appPids = [app, ...workers].map((a) => a.child.pid!);
  const url = `http://127.0.0.1:${app.port}`;
  try {
    const installMs = await installAll(url, fake, all);
    line("installed through OAuth", `${all.length} workspaces in ${s(installMs)}`);
    // Due at the start of a minute at least 80 s away: the reconcile loop picks the schedules up in
    // 5 s, and their ticks run a minute ahead of the slot (FANOUT_LEAD_MS), so the fan-outs are the
    // regular ones, not the lead-in of a schedule made less than a minute before its slot.
    const slot = new Date(Math.ceil((Date.now() + 80_000) / 60_000) * 60_000);
    await seedMembersSchedules(db, all, [hhmm(slot)]);
    line("recipients", `${total.toLocaleString("en-US")} (${SMALL_WORKSPACES} × ${SMALL_MEMBERS}, 1 × ${BIG}, 1 × ${SMALL_MEMBERS} answering 429 to 1/3 of posts)`);
    line("slot", `${slot.toISOString()} (in ${s(slot.getTime() - Date.now())})`);
    fake.reset();
    fake.rateLimits = { postsPerChannelPerSecond: 1, postsPerWorkspacePerMinute: SLACK_BUDGET };
    const flaky = all.find((w) => w.kind === "flaky")!;
    fake.refusePostsOf.set(flaky.teamId, { every: 3, seen: 0 });

    // The fan-outs run in the minute before the slot: their CPU is printed apart from the slot minute's.
    await new Promise((r) => setTimeout(r, Math.max(0, slot.getTime() - Date.now() - FANOUT_LEAD_MS - 3_000)));
    const leadCpu = cpuMeter(appPids);
    await new Promise((r) => setTimeout(r, Math.max(0, slot.getTime() - Date.now() - 2_000)));
    const lead = leadCpu();
    const queuedAhead = await db.prompt.count({ where: { slotAt: slot } });
    const pgBefore = await pgCounters(db);
    const loadAtSlot = loadavg();
    const slotCpu = cpuMeter(appPids);
    const bigFloorMs = (BIG / SLACK_BUDGET) * 60_000;
    const deadline = slot.getTime() + bigFloorMs * 2 + 120_000;
    const accepted = () => fake.calls.filter((c) => c.method === "chat.postMessage" && !c.rateLimited && !c.refused);
    // CPU of the slot minute alone: from the slot until every small workspace's last prompt.
    const smallTeams = new Set(all.filter((w) => w.kind !== "big").map((w) => w.teamId));
    const smallTotal = all.filter((w) => w.kind !== "big").reduce((n, w) => n + w.userIds.length, 0);
    let burst: { seconds: number; app: number; bench: number; pg: number; redis: number; delivered: number } | undefined;
    for (;;) {
      const ok = accepted();
      const n = ok.length;
      if (!burst && ok.filter((c) => smallTeams.has(c.teamId ?? "")).length >= smallTotal) {
        burst = { seconds: (Date.now() - slot.getTime()) / 1000, ...slotCpu(), delivered: n };
      }
      if (n >= total) break;
      if (Date.now() > deadline) {
        line("GAVE UP", `${n}/${total} prompts accepted by ${s(Date.now() - slot.getTime())} after the slot`);
        break;
      }
      await new Promise((r) => setTimeout(r, 1_000));
    }
    // Let stragglers (duplicates would show here) arrive.
    await new Promise((r) => setTimeout(r, 3_000));
    const cpu = slotCpu();
    const pgAfter = await pgCounters(db);

    const kindOf = new Map(all.map((w) => [w.teamId, w.kind]));
    const posts = fake.calls.filter((c) => c.method === "chat.postMessage");
    for (const kind of ["small", "big", "flaky"] as const) {
      const teams = all.filter((w) => w.kind === kind);
      const recipients = teams.reduce((n, w) => n + w.userIds.length, 0);
      const mine = (c: RecordedCall) => kindOf.get(c.teamId ?? "") === kind;
      const ok = posts.filter((c) => mine(c) && !c.rateLimited && !c.refused);
      const firstByPerson = new Map<string, number>();
      let duplicates = 0;
      for (const c of ok) {
        const key = `${c.teamId}|${String(c.args.channel)}`;
        if (firstByPerson.has(key)) duplicates += 1;
        else firstByPerson.set(key, c.at - slot.getTime());
      }
      const lateness = [...firstByPerson.values()];
      const postLimited = posts.filter((c) => mine(c) && c.rateLimited).length;
      const otherByMethod = new Map<string, number>();
      for (const c of fake.calls) if (c.method !== "chat.postMessage" && mine(c) && c.rateLimited) otherByMethod.set(c.method, (otherByMethod.get(c.method) ?? 0) + 1);
      const otherLimited = [...otherByMethod].map(([m, n]) => `${m} ${n}`).join(", ") || "0";
      // Per workspace: when its last prompt went out, against its own floor.
      const lastByTeam = new Map<string, number>();
      for (const c of ok) lastByTeam.set(c.teamId!, Math.max(lastByTeam.get(c.teamId!) ?? 0, c.at - slot.getTime()));
      const worstLast = Math.max(...lastByTeam.values());
      const floorMs = (Math.max(...teams.map((w) => w.userIds.length)) / SLACK_BUDGET) * 60_000;
      process.stdout.write(`\n${kind} (${teams.length} workspace${teams.length > 1 ? "s" : ""}, ${recipients.toLocaleString("en-US")} recipients)\n`);
      line("  prompts accepted / expected", `${firstByPerson.size} / ${recipients}${duplicates ? `, ${duplicates} DUPLICATES` : ", no duplicates"}`);
      line("  time to last prompt (worst workspace)", `${s(worstLast)} vs floor ${s(floorMs)} → ${(worstLast / floorMs).toFixed(2)}×`);
      line("  429s on posts", `${postLimited} (${((postLimited / Math.max(1, ok.length + postLimited)) * 100).toFixed(2)} % of post calls)`);
      line("  429s on other methods", String(otherLimited));
      line("  lateness min / p50 / p99 / max", `${s(Math.min(...lateness))} / ${s(percentile(lateness, 50))} / ${s(percentile(lateness, 99))} / ${s(Math.max(...lateness))}`);
    }
    const byMethod = new Map<string, number>();
    for (const c of fake.calls) byMethod.set(c.method, (byMethod.get(c.method) ?? 0) + 1);
    process.stdout.write("\n");
    line("Slack calls by method (whole run)", [...byMethod].sort((a, b) => b[1] - a[1]).map(([m, n]) => `${m} ${n}`).join(", "));
    const states = await db.$queryRaw<Array<{ status: string; reason: string | null; n: bigint }>>`
      SELECT status::text AS status, reason, count(*) AS n FROM "Prompt" WHERE "slotAt" = ${slot} GROUP BY 1, 2 ORDER BY 3 DESC`;
    process.stdout.write("\n");
    line("prompt rows by status", states.map((r) => `${r.status}${r.reason ? ` (${r.reason})` : ""} ${r.n}`).join(", "));
    const delivered = posts.filter((c) => !c.rateLimited && !c.refused).length;
    const per = (seconds: number) => `${((seconds * 1000) / Math.max(1, delivered)).toFixed(3)} ms`;
    process.stdout.write("\n");
    line("CPU per delivery: app / bench+FakeSlack", `${per(cpu.app)} / ${per(cpu.bench)}`);
    const perDelivery = (n: number) => (n / Math.max(1, delivered)).toFixed(1);
    line("Postgres per delivery: transactions / Prompt row updates", `${perDelivery(pgAfter.xacts - pgBefore.xacts)} / ${perDelivery(pgAfter.promptUpdates - pgBefore.promptUpdates)}   (claim + renew + record = 3 updates)`);
    line("CPU per delivery: Postgres / Redis", `${per(cpu.pg)} / ${per(cpu.redis)}   (the machine has 2 cores)`);
    if (burst) {
      const b = burst;
      const ms = (sec: number) => `${((sec * 1000) / Math.max(1, b.delivered)).toFixed(2)} ms`;
      line("slot minute (until the last small prompt)", `${b.delivered} prompts in ${b.seconds.toFixed(1)} s; CPU per prompt: app ${ms(b.app)}, bench+FakeSlack ${ms(b.bench)}, Postgres ${ms(b.pg)}, Redis ${ms(b.redis)}`);
      line("  all four processes", `${ms(b.app + b.bench + b.pg + b.redis)} per prompt → ${(((b.app + b.bench + b.pg + b.redis) / b.seconds) * 100).toFixed(0)} % of one core on average (2 cores)`);
    }
    const leadMs = (sec: number) => `${((sec * 1000) / Math.max(1, total)).toFixed(2)} ms`;
    line("the minute before the slot (fan-outs)", `${queuedAhead.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} prompts stored ahead; CPU per recipient: app ${leadMs(lead.app)}, bench+FakeSlack ${leadMs(lead.bench)}, Postgres ${leadMs(lead.pg)}, Redis ${leadMs(lead.redis)}`);
    line("app processes", `${1 + WORKERS} (ROLE=all${WORKERS ? ` + ${WORKERS} × ROLE=worker` : ""}), WORKER_CONCURRENCY ${CONCURRENCY} each`);
    line("load average at the slot / at the end (1 min)", `${loadAtSlot[0]!.toFixed(2)} / ${loadavg()[0]!.toFixed(2)}`);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await app.stop();
    await db.$disconnect();
    await database.drop();
    await fake.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
