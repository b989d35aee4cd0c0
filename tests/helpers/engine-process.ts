import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { TEST_BOT_TOKEN } from "./app.js";
import { TEST_SIGNING_SECRET } from "./slack-requests.js";

export interface WorkerProcess {
  proc: ChildProcess;
  /** stdout + stderr so far (for failure messages). */
  output(): string;
  /** Resolves with the exit code (null after a signal). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
  crash(): Promise<void>;
}

/** Engine environment for a child worker: fast stall detection and a short claim lease. */
export function workerEnv(options: { apiUrl: string; databaseUrl: string; redisUrl?: string; prefix: string; extra?: Record<string, string> }): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: options.apiUrl,
    SLACK_API_RETRIES: "0",
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl ?? process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
    QUEUE_PREFIX: options.prefix,
    ROLE: "worker",
    PORT: "0",
    LOG_LEVEL: "warn",
    WORKER_LOCK_DURATION_MS: "2000",
    WORKER_STALLED_INTERVAL_MS: "1000",
    DELIVERY_LEASE_SECONDS: "2",
    RECONCILE_INTERVAL_SECONDS: "2",
    ...options.extra,
  };
}

/** Under `faketime`, workers must run on the test's clock too: its variables go to the child. */
function sameClock(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => /^(LD_PRELOAD|FAKETIME.*)$/.test(e[0]) && e[1] !== undefined));
}

/** A real worker process (`node --import tsx`, so the pid is the worker itself, not npx). */
export async function spawnWorker(env: Record<string, string>, timeoutMs = 30_000): Promise<WorkerProcess> {
  const entry = resolve(process.cwd(), "tests/helpers/engine-worker-entry.ts");
  const proc = spawn(process.execPath, ["--import", "tsx", entry], { env: { PATH: process.env.PATH ?? "", ...sameClock(), ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  proc.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  proc.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((res) => proc.on("exit", (code) => res(code)));
  await new Promise<void>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`worker not ready in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const check = () => {
      if (out.includes("ready\n")) {
        clearTimeout(timer);
        res();
      }
    };
    proc.stdout!.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      rej(new Error(`worker exited (${code}) before ready:\n${out}`));
    });
  });
  return {
    proc,
    output: () => out,
    exited,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGTERM");
      await exited;
    },
    crash: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
      await exited;
    },
  };
}
