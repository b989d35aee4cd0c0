import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startWorkspaceDemo } from "./workspace-demo.js";

/**
 * What the browser tests drive: the real `npm run demo` (demo/main.ts: embedded PostgreSQL, the app,
 * the workspace) in a child process with its own data folder and port, or, where the launcher is
 * not in this checkout, the app booted on the shared test PostgreSQL/Redis with the workspace
 * (tests/helpers/workspace-demo.ts). BROWSER_DEMO=direct forces the second.
 */
export interface DemoTarget {
  url: string;
  mode: "npm run demo" | "direct";
  close(): Promise<void>;
}

/** What `npm run demo` runs (compiles the app into .demo/build once, then starts it). */
const LAUNCHER = join(process.cwd(), "demo", "start.mjs");
/** A first start creates the database and applies every migration: ~40 s on a busy 2-core machine. */
export const READY_TIMEOUT_MS = 180_000;

export async function startDemoTarget(): Promise<DemoTarget> {
  if (existsSync(LAUNCHER) && process.env.BROWSER_DEMO !== "direct") return launch();
  const dataDir = mkdtempSync(join(tmpdir(), "stretch-ws-"));
  const demo = await startWorkspaceDemo({ dataDir });
  return {
    url: demo.workspace.url,
    mode: "direct",
    async close() {
      await demo.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function launch(): Promise<DemoTarget> {
  const dataDir = mkdtempSync(join(tmpdir(), "stretch-demo-"));
  // mkdtemp makes it 0700; run as root, the launcher's PostgreSQL runs as its own user and needs in.
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const child = spawn(process.execPath, [LAUNCHER], {
    env: { ...process.env, PORT: String(port), DEMO_DATA_DIR: dataDir, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Stopped so it does not outlive the test with its database.
      void stop(child).then(() => reject(new Error(`npm run demo did not print its URL within ${READY_TIMEOUT_MS} ms:\n${output}`)));
    }, READY_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const found = /demo workspace: (http:\/\/\S+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`npm run demo exited (${code}) before it was ready:\n${output}`));
    });
  });
  return {
    url,
    mode: "npm run demo",
    async close() {
      await stop(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** SIGTERM (the launcher stops the app, the workspace and its database), SIGKILL after 30 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  await exited;
  clearTimeout(timer);
}
