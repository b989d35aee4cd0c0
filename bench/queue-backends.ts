/**
 * Job backends for machines without Redis (prints numbers; not a test): `npm run bench:queues`.
 *
 * The same work on each backend, through the app's own JobBackend (src/engine/queues/*-backend.ts):
 * time until a worker runs its first job (start-up), N trivial jobs added with addBulk and drained
 * by one worker (concurrency 20, removeOnComplete), and how late a job delayed by 500 ms runs.
 *
 * - redis:            the Redis at TEST_REDIS_URL (default redis://127.0.0.1:6379): the reference
 * - postgres:         BullMQ 6.7's PostgreSQL backend on an embedded PostgreSQL (the demo's)
 * - js-redis-server:  only with JS_REDIS_SERVER=<path to its dist/index.mjs>: a Redis written in
 *                     JavaScript (not a dependency of this project; install it elsewhere to compare)
 *
 * Options (env): BENCH_JOBS (default 3000).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startDatabase } from "../demo/database.js";
import { newQueue, newWorker, type JobBackend } from "../src/engine/queues/job-backend.js";
import { postgresJobBackend } from "../src/engine/queues/postgres-backend.js";
import { redisJobBackend } from "../src/engine/queues/redis-backend.js";

const JOBS = Number(process.env.BENCH_JOBS ?? 3000);
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

interface Figures {
  startMs: number;
  addPerS: number;
  drainPerS: number;
  delayedLateMs: number;
}

async function measure(makeBackend: () => Promise<JobBackend>): Promise<Figures> {
  const t0 = performance.now();
  const backend = await makeBackend();
  const name = `bench-${Date.now()}`;
  const queue = newQueue<{ i: number }>(backend, name);
  let done = 0;
  let firstAt = 0;
  let delayedRanAt = 0;
  const worker = newWorker<{ i: number }>(
    backend,
    name,
    async (job) => {
      if (job.name === "delayed") delayedRanAt = Date.now();
      if (!firstAt) firstAt = performance.now();
      done++;
    },
    { connection: backend.connection("bench-worker"), concurrency: 20 },
  );
  await queue.add("first", { i: -1 }, { removeOnComplete: true });
  while (!firstAt) await new Promise((r) => setTimeout(r, 5));
  const startMs = firstAt - t0;

  done = 0;
  const addStart = performance.now();
  for (let i = 0; i < JOBS; i += 500) {
    await queue.addBulk(Array.from({ length: Math.min(500, JOBS - i) }, (_, k) => ({ name: "job", data: { i: i + k }, opts: { removeOnComplete: true } })));
  }
  const addMs = performance.now() - addStart;
  while (done < JOBS) await new Promise((r) => setTimeout(r, 5));
  const drainMs = performance.now() - addStart;

  const delayedAt = Date.now() + 500;
  await queue.add("delayed", { i: 0 }, { delay: 500, removeOnComplete: true });
  while (!delayedRanAt) await new Promise((r) => setTimeout(r, 5));

  await worker.close();
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await backend.close();
  return { startMs, addPerS: (JOBS / addMs) * 1000, drainPerS: (JOBS / drainMs) * 1000, delayedLateMs: delayedRanAt - delayedAt };
}

function print(label: string, f: Figures): void {
  console.log(
    `${label.padEnd(16)} first job after ${f.startMs.toFixed(0).padStart(5)} ms · addBulk ${f.addPerS.toFixed(0).padStart(6)} jobs/s · ` +
      `drain ${f.drainPerS.toFixed(0).padStart(6)} jobs/s (${JOBS} jobs) · 500 ms delayed job ran ${f.delayedLateMs} ms late`,
  );
}

async function main(): Promise<void> {
  console.log(`queue backends, ${JOBS} trivial jobs, concurrency 20`);
  print("redis", await measure(async () => redisJobBackend(REDIS_URL, `bench-${process.pid}`)));

  const dir = mkdtempSync(join(tmpdir(), "bench-queues-"));
  const db = await startDatabase(dir, () => undefined);
  try {
    print("postgres", await measure(() => postgresJobBackend(db.url)));
  } finally {
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const jsRedis = process.env.JS_REDIS_SERVER;
  if (jsRedis) {
    type Mock = { url: string; close(): Promise<void> };
    const { createRedisMock } = (await import(jsRedis)) as { createRedisMock: () => Promise<Mock> };
    let server: Mock | undefined;
    print("js-redis-server", await measure(async () => {
      server = await createRedisMock();
      return redisJobBackend(server.url, "bench");
    }));
    await server?.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
