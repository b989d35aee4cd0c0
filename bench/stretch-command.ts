/**
 * `/stretch <area>` through the HTTP receiver at 200 requests/s for 30 s (open loop: requests are
 * sent on schedule whether or not earlier ones finished, so a slow server shows up as latency).
 * Prints p50/p99 ack latency and errors. Goal: p99 ≤ 100 ms on the 2-core machine.
 *
 * Run: npx tsx bench/stretch-command.ts [rate=200] [seconds=30]
 */
import { FakeSlack } from "../tests/helpers/fake-slack.js";
import { slashCommand } from "../tests/helpers/fixtures.js";
import { sign, TEST_SIGNING_SECRET } from "../tests/helpers/slack-requests.js";
import { createBenchDatabase, fmt, percentile, startAppProcess } from "./lib/bench-env.js";

const RATE = Number(process.argv[2] ?? 200);
const SECONDS = Number(process.argv[3] ?? 30);
const AREAS = ["neck", "shoulders", "lower back", "hips 5m", "seated 2m", "upper back", "legs", "core", "nek", "standing"];

async function main(): Promise<void> {
  const fake = await new FakeSlack().start();
  const db = await createBenchDatabase("stretch");
  const app = await startAppProcess({
    SLACK_BOT_TOKEN: "xoxb-bench-token",
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    DATABASE_URL: db.url,
    PORT: "0",
    QUEUE_PREFIX: `bench${process.pid}`,
    ROLE: "web",
  });
  const url = `http://127.0.0.1:${app.port}/slack/events`;
  const latencies: number[] = [];
  let errors = 0;
  const errorKinds = new Map<string, number>();

  const sendOne = async (i: number) => {
    const body = new URLSearchParams(
      slashCommand({ text: AREAS[i % AREAS.length]!, userId: `U0BENCH${String(i % 500).padStart(4, "0")}`, responseUrl: fake.responseUrl() }),
    ).toString();
    const ts = Math.floor(Date.now() / 1000);
    const started = performance.now();
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": String(ts), "x-slack-signature": sign(body, ts) },
        body,
      });
      const text = await res.text();
      latencies.push(performance.now() - started);
      if (res.status !== 200 || !text.includes("blocks")) {
        errors++;
        errorKinds.set(`status ${res.status}`, (errorKinds.get(`status ${res.status}`) ?? 0) + 1);
      }
    } catch (error) {
      errors++;
      const kind = error instanceof Error ? error.message : String(error);
      errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
    }
  };

  // Warm-up (JIT, connection pools) is not measured.
  await Promise.all(Array.from({ length: 50 }, (_, i) => sendOne(i)));
  latencies.length = 0;
  errors = 0;

  const total = RATE * SECONDS;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(sendOne(i));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;

  console.log(`/stretch <area> through the HTTP receiver: ${total} requests at ${RATE}/s for ${SECONDS} s`);
  console.log(`  achieved rate   ${(latencies.length / elapsed).toFixed(1)} req/s over ${elapsed.toFixed(1)} s`);
  console.log(`  ack latency     p50 ${fmt(percentile(latencies, 50))}  p90 ${fmt(percentile(latencies, 90))}  p99 ${fmt(percentile(latencies, 99))}  max ${fmt(Math.max(...latencies))}`);
  console.log(`  errors          ${errors}${errorKinds.size ? ` (${[...errorKinds].map(([k, n]) => `${k}: ${n}`).join(", ")})` : ""}`);
  console.log(`  goal            p99 ≤ 100 ms → ${percentile(latencies, 99) <= 100 ? "met" : "NOT met"}`);

  await app.stop();
  await db.drop();
  await fake.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
