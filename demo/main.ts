/**
 * `npm run demo`: the real app against a simulated Slack workspace, with nothing else installed.
 *
 *   embedded PostgreSQL (.demo/pg)  ←  the app (src/app.ts: listeners, services, workers; job
 *   queues on BullMQ's PostgreSQL backend)  ⇄  the simulated workspace (demo/workspace) on PORT
 *
 * Started by demo/start.mjs (compiled, cached in .demo/build) or directly with tsx.
 * Options: `--reset` deletes the data in .demo first. Env: PORT (3000), DEMO_DATA_DIR (.demo), LOG_LEVEL (warn).
 * Ctrl-C / SIGTERM: the app (in-flight work finishes), then the workspace, then the database.
 * Not part of the app: nothing under src/ imports this folder.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startApp, type RunningApp } from "../src/app.js";
import { loadConfig } from "../src/config/index.js";
import { createDb } from "../src/db/client.js";
import { createLogger } from "../src/logger.js";
import { freePort, startDatabase, stopLeftover, type DemoDatabase } from "./database.js";
import { persistentClock, sendDuePrompts } from "./due-prompts.js";
import { migrateIfNeeded } from "./migrations.js";
import { demoSecrets } from "./secrets.js";
import { startWorkspace } from "./workspace/index.js";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
/** How long the app may take to finish in-flight work on Ctrl-C (its SHUTDOWN_TIMEOUT_SECONDS). */
const DEMO_APP_SHUTDOWN_SECONDS = 10;
const say = (line: string) => process.stdout.write(`[demo] ${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== "--reset");
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(" ")} (only --reset: start over with empty data)`);
  const dataDir = resolve(process.env.DEMO_DATA_DIR ?? join(ROOT, ".demo"));
  const port = Number.parseInt(process.env.PORT ?? "3000", 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${process.env.PORT}"`);

  const stops: Array<() => Promise<void>> = [];
  let stopping: Promise<void> | undefined;
  const stopAll = () => {
    stopping ??= (async () => {
      for (const stop of stops.reverse()) await stop().catch((error: unknown) => say(`while stopping: ${String(error)}`));
    })();
    return stopping;
  };
  const shutdown = (why: string) => {
    if (stopping) return; // a terminal's Ctrl-C reaches npm, its shell and us: once is enough
    say(`${why}: stopping the app, the workspace and the database…`);
    // The app's own budget (DEMO_APP_SHUTDOWN_SECONDS) plus time for the workspace and the database:
    // a force exit before the database stops would leave it running until the next start.
    const force = setTimeout(() => process.exit(1), (DEMO_APP_SHUTDOWN_SECONDS + 20) * 1000);
    force.unref();
    void stopAll().then(() => {
      say("stopped");
      process.exit(0);
    });
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => shutdown(signal));
  // `kill <npm's pid>` ends npm and its shell without passing the signal on: a launcher whose
  // parent went away stops too, rather than leaving the app and the database running.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) shutdown("parent process ended");
  }, 500).unref();

  const t0 = performance.now();
  if (args.includes("--reset")) {
    await stopLeftover(join(dataDir, "pg"), say);
    // The compiled app (.demo/build, demo/start.mjs) is not data: it is kept.
    for (const entry of existsSync(dataDir) ? readdirSync(dataDir) : []) {
      if (entry !== "build") rmSync(join(dataDir, entry), { recursive: true, force: true });
    }
    say(`--reset: deleted the data in ${dataDir}`);
  }
  const db: DemoDatabase = await startDatabase(dataDir, say);
  stops.push(() => db.stop());
  const tDb = performance.now();
  const migrated = await migrateIfNeeded(ROOT, db.url);
  const tMigrate = performance.now();

  const secrets = demoSecrets(dataDir);
  // One clock for the app's engine and the workspace: "Send due prompts now" moves it forward.
  const { clock, save: saveClock } = persistentClock(dataDir);
  const appPort = await freePort();
  const engineDb = createDb(db.url, 2);
  stops.push(() => engineDb.$disconnect());
  let app: RunningApp | undefined;
  const workspace = await startWorkspace({
    port,
    host: "127.0.0.1",
    appRequestUrl: `http://127.0.0.1:${appPort}/slack/events`,
    signingSecret: secrets.signingSecret,
    botToken: secrets.botToken,
    dataDir: join(dataDir, "workspace"),
    now: () => clock.now(),
    sendDuePrompts: async () => {
      if (!app) return "The app is still starting.";
      return sendDuePrompts({ db: engineDb, clock, reconciler: app.services.engine.reconciler, onAdvance: saveClock });
    },
  });
  stops.push(() => workspace.close());

  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    SLACK_BOT_TOKEN: secrets.botToken,
    SLACK_SIGNING_SECRET: secrets.signingSecret,
    SLACK_API_URL: workspace.apiUrl,
    SLACK_APP_TOKEN: "",
    DATABASE_URL: db.url,
    QUEUE_BACKEND: "postgres",
    PORT: String(appPort),
    ROLE: "all",
    // Small: one person's laptop, a pool shared by every queue (job-backend.ts).
    WORKER_CONCURRENCY: "20",
    // The simulated people have no presence; every DM prompt should show up.
    PROMPT_SKIP_AWAY: "false",
    // One laptop's few in-flight prompts finish in well under this; Ctrl-C should not take 25 s.
    SHUTDOWN_TIMEOUT_SECONDS: String(DEMO_APP_SHUTDOWN_SECONDS),
  });
  app = await startApp(config, createLogger(config.LOG_LEVEL), { clock });
  const running = app;
  // Stops run in reverse: the app first (in-flight posts still reach the workspace), then the
  // workspace, then the database.
  stops.push(() => running.close());
  // First of all: the workspace stops sending the app requests that would only fail from now on.
  stops.push(async () => workspace.quiesce());
  const tReady = performance.now();

  say(`database ${db.created ? "created" : "reused"} (${seconds(tDb - t0)}), ${
    migrated.applied.length > 0 ? `${migrated.applied.length} migration(s) applied` : "no migration pending"
  } (${seconds(tMigrate - tDb)}), app and workspace ${seconds(tReady - tMigrate)}`);
  const cpu = process.cpuUsage();
  // performance.now() counts from the process's start: loading the code is the rest.
  say(`ready ${seconds(performance.now())} after node started (${seconds(tReady - t0)} of it starting; ${seconds((cpu.user + cpu.system) / 1000)} of CPU)`);
  say(`app: http://127.0.0.1:${app.port}/slack/events`);
  say(`data: ${dataDir} (npm run demo -- --reset starts over)`);
  process.stdout.write(`\n  Stretch Break demo workspace: ${workspace.url}\n\n  Ctrl-C stops it.\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[demo] cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
