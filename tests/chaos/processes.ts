/**
 * The real app as child processes, started exactly as in production (src/main.ts, ROLE=web or
 * ROLE=worker), each on a fixed port of its own so a restarted web process is reachable at the
 * same URL. Output goes to <run dir>/<name>.log.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { join, resolve } from "node:path";

export interface AppProcessOptions {
  name: string;
  role: "web" | "worker";
  port: number;
  env: Record<string, string>;
  logDir: string;
}

export class AppProcess {
  private proc: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  starts = 0;

  constructor(readonly options: AppProcessOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get running(): boolean {
    return this.proc !== undefined && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  /** Starts the process and resolves once its HTTP port answers /healthz (any status). */
  async start(timeoutMs = 90_000): Promise<void> {
    const { name, role, port, env, logDir } = this.options;
    const log = createWriteStream(join(logDir, `${name}.log`), { flags: "a" });
    log.write(`\n--- start #${this.starts + 1} at ${new Date().toISOString()}\n`);
    const entry = resolve(process.cwd(), "src/main.ts");
    const proc = spawn(process.execPath, ["--import", "tsx", entry], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env, ROLE: role, PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.proc = proc;
    this.starts += 1;
    proc.stdout!.pipe(log, { end: false });
    proc.stderr!.pipe(log, { end: false });
    this.exited = new Promise((r) => proc.once("exit", () => r()));
    const deadline = Date.now() + timeoutMs;
    while (!(await answers(`${this.url}/healthz`))) {
      if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`${name} exited before it was up (see ${join(logDir, `${name}.log`)})`);
      if (Date.now() > deadline) throw new Error(`${name} was not up after ${timeoutMs} ms (see ${join(logDir, `${name}.log`)})`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** A crash: no shutdown code runs. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.proc!.kill("SIGKILL");
    await this.exited;
  }

  /** Graceful stop (SIGTERM: the app finishes in-flight work and drains its batches). */
  async stop(timeoutMs = 40_000): Promise<void> {
    if (!this.running) return;
    this.proc!.kill("SIGTERM");
    const timer = setTimeout(() => this.proc?.kill("SIGKILL"), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}
