/**
 * reaction_added events through the HTTP receiver at 1,000 events/s for 30 s (open loop: events
 * are sent on schedule whether or not earlier ones were answered, so a slow server shows up as
 * latency, measured from the scheduled send time). The app runs as its own process (src/main.ts).
 *
 * Traffic: 70 % first reactions on a prompt (each a distinct prompt+person: one completion each),
 * 10 % Slack retries of an earlier event (same event_id, x-slack-retry-num), 10 % a second emoji
 * from someone who already completed, 10 % reactions on ordinary messages. Prints the sustained
 * rate, p50/p99 ack latency (goal p99 ≤ 50 ms) and completions stored vs expected (must be equal).
 *
 * Run: npx tsx bench/reaction-events.ts [rate=1000] [seconds=30]
 */
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { createDb } from "../src/db/client.js";
import { FakeSlack } from "../tests/helpers/fake-slack.js";
import { sign, TEST_SIGNING_SECRET } from "../tests/helpers/slack-requests.js";
import { createBenchDatabase, fmt, percentile, startAppProcess } from "./lib/bench-env.js";

const RATE = Number(process.argv[2] ?? 1000);
const SECONDS = Number(process.argv[3] ?? 30);
const TEAM = "T0BENCHTEAM";
const BOT_USER = "U0BENCHBOT";
const PROMPTS = 200;
/** Seconds of traffic before measuring (JIT, pools, caches); its completions still count. */
const WARMUP_SECONDS = 3;

/** A fixed-offset zone where it is about noon now, so no reaction is "late" whenever this runs. */
function noonZone(now = new Date()): string {
  const offset = 12 - now.getUTCHours(); // -11 … 12
  return offset >= 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

interface Planned {
  body: string;
  retry: boolean;
}

/** Every event of the run, decided up front (deterministic: the expected count is exact). */
function plan(total: number, prompts: Array<{ channelId: string; messageTs: string }>): { events: Planned[]; expected: number } {
  const events: Planned[] = [];
  const firsts: Array<{ pair: number; body: string }> = [];
  let pairs = 0;
  for (let i = 0; i < total; i += 1) {
    const roll = i % 10;
    if (roll === 7 && firsts.length > 0) {
      events.push({ body: firsts[(i * 7919) % firsts.length]!.body, retry: true });
      continue;
    }
    if (roll === 8 && firsts.length > 0) {
      const pair = firsts[(i * 104_729) % firsts.length]!.pair;
      events.push({ body: envelope(i, prompts[pair % PROMPTS]!, userOf(pair), "tada", BOT_USER), retry: false });
      continue;
    }
    if (roll === 9) {
      const other = { channelId: "C0BENCHCHAT", messageTs: `1763${String(i).padStart(6, "0")}.000100` };
      events.push({ body: envelope(i, other, userOf(i), "eyes", i % 2 === 0 ? "U0SOMEONE1" : undefined), retry: false });
      continue;
    }
    const pair = pairs++;
    const body = envelope(i, prompts[pair % PROMPTS]!, userOf(pair), "muscle", BOT_USER);
    firsts.push({ pair, body });
    events.push({ body, retry: false });
  }
  return { events, expected: pairs };
}

/** User + system CPU time of a process in ms (Linux /proc; 100 ticks per second). */
function cpuMs(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const userOf = (n: number) => `U0B${String(Math.floor(n / PROMPTS)).padStart(7, "0")}`;

function envelope(i: number, item: { channelId: string; messageTs: string }, user: string, reaction: string, itemUser: string | undefined): string {
  return JSON.stringify({
    token: "legacy-verification-token",
    team_id: TEAM,
    api_app_id: "A0STRETCH1",
    type: "event_callback",
    event_id: `Ev0BENCH${String(i).padStart(8, "0")}`,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: "reaction_added",
      user,
      reaction,
      item: { type: "message", channel: item.channelId, ts: item.messageTs },
      ...(itemUser ? { item_user: itemUser } : {}),
      event_ts: (Date.now() / 1000).toFixed(6),
    },
    authorizations: [{ team_id: TEAM, user_id: BOT_USER, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    context_team_id: TEAM,
  });
}

async function main(): Promise<void> {
  const fake = await new FakeSlack().start();
  // The bot token's workspace (auth.test): the app refuses events of teams it is not installed in.
  fake.teamId = TEAM;
  // …and its bot user: reactions count only on the bot's own messages (item_user).
  fake.botUserId = BOT_USER;
  const bench = await createBenchDatabase("reactions");
  const db = createDb(bench.url, 4);
  const zone = noonZone();
  await db.workspace.create({ data: { teamId: TEAM } });
  const schedule = await db.schedule.create({ data: { teamId: TEAM, kind: "channel", channelId: "C0BENCH000", targetKey: "channel:C0BENCH000", createdBy: "U0ADMIN001", tz: zone } });
  const postedAt = new Date();
  const prompts = Array.from({ length: PROMPTS }, (_, i) => ({ channelId: `C0BENCH${String(i % 20).padStart(3, "0")}`, messageTs: `${Math.floor(postedAt.getTime() / 1000)}.${String(i).padStart(6, "0")}` }));
  await db.prompt.createMany({
    data: prompts.map((p, i) => ({ teamId: TEAM, scheduleId: schedule.id, slotKey: `bench-${i}`, slotAt: postedAt, postedAt, target: p.channelId, status: "posted" as const, channelId: p.channelId, messageTs: p.messageTs, area: "neck" })),
  });
  const warmup = RATE * WARMUP_SECONDS;
  const total = RATE * SECONDS;
  const { events, expected } = plan(warmup + total, prompts);
  // Half the people have a profile (zone, working day) so both paths of the rules are exercised.
  const people = Array.from({ length: Math.ceil(expected / PROMPTS) }, (_, n) => userOf(n * PROMPTS));
  await db.member.createMany({ data: people.filter((_, n) => n % 2 === 0).map((userId) => ({ teamId: TEAM, userId, tz: zone, workEndMinute: 17 * 60 })) });

  const app = await startAppProcess({
    SLACK_BOT_TOKEN: "xoxb-bench-token",
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    SLACK_BOT_USER_ID: BOT_USER,
    SLACK_BOT_ID: "B0BENCHBOT",
    DATABASE_URL: bench.url,
    PORT: "0",
    QUEUE_PREFIX: `bench${process.pid}`,
    ROLE: "web",
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const latencies: number[] = [];
  const fromSend: number[] = [];
  const errorKinds = new Map<string, number>();
  const fail = (kind: string) => errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);

  const send = (event: Planned, scheduledAt: number, measured: boolean) =>
    new Promise<void>((resolve) => {
      const ts = Math.floor(Date.now() / 1000);
      const sentAt = performance.now();
      const headers: Record<string, string> = {
        "content-type": "application/json",
        "x-slack-request-timestamp": String(ts),
        "x-slack-signature": sign(event.body, ts),
        ...(event.retry ? { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } : {}),
      };
      const req = request({ host: "127.0.0.1", port: app.port, path: "/slack/events", method: "POST", headers, agent }, (res) => {
        res.resume();
        res.on("end", () => {
          const now = performance.now();
          if (measured) {
            latencies.push(now - scheduledAt);
            fromSend.push(now - sentAt);
          }
          if (res.statusCode !== 200) fail(`status ${res.statusCode}`);
          resolve();
        });
      });
      req.on("error", (error) => {
        fail(error.message);
        resolve();
      });
      req.end(event.body);
    });

  /** Open loop: sends events [from, to) on schedule, never waiting for answers. */
  const run = async (from: number, to: number, measured: boolean) => {
    const inFlight: Array<Promise<void>> = [];
    const start = performance.now();
    for (let i = from; i < to; ) {
      const now = performance.now();
      // Send everything that is due (timers are coarse; bursts keep the average rate exact).
      while (i < to && start + ((i - from) * 1000) / RATE <= now) {
        inFlight.push(send(events[i]!, start + ((i - from) * 1000) / RATE, measured));
        i += 1;
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all(inFlight);
    return (performance.now() - start) / 1000;
  };
  await run(0, warmup, false);
  const cpuBefore = cpuMs(app.child.pid);
  const clientCpuBefore = process.cpuUsage();
  const sendSeconds = await run(warmup, warmup + total, true);
  const cpuDuring = cpuMs(app.child.pid) - cpuBefore;
  const clientCpu = process.cpuUsage(clientCpuBefore);

  // Acks come before the writes: wait for the batches to land (bounded), then stop the app (it
  // drains what is left on SIGTERM) and count again.
  const drainStart = performance.now();
  let stored = 0;
  for (let waited = 0; waited < 60_000; waited += 200) {
    stored = await db.completion.count({ where: { teamId: TEAM } });
    if (stored >= expected) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const caughtUpMs = performance.now() - drainStart;
  const cpuTotal = cpuMs(app.child.pid) - cpuBefore;
  await app.stop();
  const storedAfterStop = await db.completion.count({ where: { teamId: TEAM } });
  const duplicates = await db.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM (SELECT 1 FROM "Completion" GROUP BY "promptId", "userId" HAVING count(*) > 1) x`;

  const errors = [...errorKinds.values()].reduce((a, b) => a + b, 0);
  console.log(`reaction_added through the HTTP receiver: ${total} events at ${RATE}/s for ${SECONDS} s (open loop; after ${warmup} warm-up events)`);
  console.log(`  sustained rate  ${(latencies.length / sendSeconds).toFixed(1)} events/s acknowledged over ${sendSeconds.toFixed(1)} s`);
  console.log(`  ack latency     p50 ${fmt(percentile(latencies, 50))}  p90 ${fmt(percentile(latencies, 90))}  p99 ${fmt(percentile(latencies, 99))}  max ${fmt(Math.max(...latencies))}  (from scheduled send)`);
  console.log(`                  p50 ${fmt(percentile(fromSend, 50))}  p99 ${fmt(percentile(fromSend, 99))}  (from actual send)`);
  console.log(`  app CPU         ${(cpuDuring / total).toFixed(3)} ms/event while sending (${((100 * cpuDuring) / (sendSeconds * 1000)).toFixed(0)} % of a core); ${(cpuTotal / total).toFixed(3)} ms/event incl. catching up`);
  console.log(`  client CPU      ${((clientCpu.user + clientCpu.system) / 1000 / (sendSeconds * 10)).toFixed(0)} % of a core (this load generator, same machine)`);
  console.log(`  machine load    ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")} (1/5/15 min; other processes share the 2 cores)`);
  console.log(`  errors          ${errors}${errorKinds.size ? ` (${[...errorKinds].map(([k, n]) => `${k}: ${n}`).join(", ")})` : ""}`);
  console.log(`  completions     stored ${stored} vs expected ${expected} (${(caughtUpMs / 1000).toFixed(1)} s after the last ack); after shutdown drain ${storedAfterStop}; duplicate rows ${duplicates[0]?.n ?? 0}`);
  console.log(`  goals           p99 ≤ 50 ms → ${percentile(latencies, 99) <= 50 ? "met" : "NOT met"}; stored = expected → ${storedAfterStop === expected ? "met" : "NOT met"}`);

  agent.destroy();
  await db.$disconnect();
  await bench.drop();
  await fake.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
