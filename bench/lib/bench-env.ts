import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, readdirSync, readFileSync } from "node:fs";
import { adminQuery, databaseUrl } from "../../tests/helpers/db.js";

/** Shared set-up for benchmarks: a migrated scratch database, the app as a real child process, percentiles. */

export { adminQuery, databaseUrl };

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database with every migration applied by the real CLI. */
export async function createBenchDatabase(label: string): Promise<BenchDatabase> {
  const name = `stretch_bench_${label}_${randomBytes(3).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = databaseUrl(name);
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
  return { name, url, drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

export interface AppProcess {
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Runs src/main.ts in its own process, so load generation does not share its event loop. */
export async function startAppProcess(env: Record<string, string>): Promise<AppProcess> {
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "src/main.ts"], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DOTENV_CONFIG_PATH: "/nonexistent", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start in 30 s:\n${output}`)), 30_000);
    const onData = (data: Buffer) => {
      output += data.toString();
      // A ROLE=worker process serves no Slack requests and logs no "bot listening": ready once its workers run.
      const match = env.ROLE === "worker" ? /"engine workers started"()()/.exec(output) : /"port":(\d+)[^\n]*"bot listening"|"bot listening"[^\n]*"port":(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off("data", onData);
        child.stderr!.off("data", onData);
        // Keep draining (a full pipe would block the app), but stop keeping the text, unless
        // BENCH_APP_OUTPUT names a file to keep the app's log in; BENCH_APP_LOG=1 shows it on stderr.
        if (process.env.BENCH_APP_OUTPUT) {
          const file = createWriteStream(process.env.BENCH_APP_OUTPUT);
          child.stdout!.pipe(file);
          child.stderr!.pipe(file);
        } else if (process.env.BENCH_APP_LOG === "1") {
          child.stdout!.pipe(process.stderr);
          child.stderr!.pipe(process.stderr);
        } else {
          child.stdout!.resume();
          child.stderr!.resume();
        }
        resolve(Number(match[1] || match[2] || 0));
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`app exited with ${code}:\n${output}`)));
  });
  return {
    port,
    child,
    stop: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function fmt(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU seconds used so far by every process with this command name (Postgres backends, redis-server),
 * including their children that have ended (cutime/cstime): a Postgres backend that exits during a
 * run is counted by the postmaster that reaped it, so the total never goes down.
 */
export function cpuSecondsOf(comm: string): number {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")) !== comm) continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total += (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}


/** CPU seconds of the processes a delivery bench involves. */
export interface CpuSplit {
  /** The app's process (src/main.ts). */
  app: number;
  /** This process: the load generator and the fake Slack. */
  bench: number;
  /** Every Postgres process (backends that ended included). */
  pg: number;
  redis: number;
}

/** Starts counting now; the function returns the CPU seconds each process used since. */
export function cpuMeter(appPids: number | number[]): () => CpuSplit {
  // Several app processes (BENCH_WORKERS) count as one app.
  const appCpu = () => [appPids].flat().reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const before = { app: appCpu(), bench: process.cpuUsage(), pg: cpuSecondsOf("postgres"), redis: cpuSecondsOf("redis-server") };
  return () => {
    const bench = process.cpuUsage(before.bench);
    return {
      app: appCpu() - before.app,
      bench: (bench.user + bench.system) / 1e6,
      pg: cpuSecondsOf("postgres") - before.pg,
      redis: cpuSecondsOf("redis-server") - before.redis,
    };
  };
}
