/**
 * How long `npm run demo` takes to print its workspace URL: a first run (no data, no compiled
 * build), a first run after a source change (the build is made again, the data is reused, no
 * migration pending) and warm restarts. Prints figures with the load average (the machine is
 * shared); it asserts nothing. `npm run bench:demo [-- restarts]` (default 3).
 */
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../demo/database.js";

const ROOT = process.cwd();
const restarts = Number.parseInt(process.argv[2] ?? "3", 10);
const dataDir = mkdtempSync(join(tmpdir(), "stretch-demo-bench-"));
chmodSync(dataDir, 0o755); // as root, the demo's PostgreSQL runs as its own user and needs in
const load = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

async function run(label: string): Promise<void> {
  const port = await freePort();
  const before = load();
  const started = performance.now();
  const child = spawn("npm", ["run", "demo"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DEMO_DATA_DIR: dataDir, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (/demo workspace: http/.test(output)) resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`npm run demo exited (${code}):\n${output}`)));
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const own = output.split("\n").filter((l) => /\[demo\] (compiled|database|ready)/.test(l));
  console.log(`${label.padEnd(34)} ${seconds.padStart(5)} s   load ${before}\n${own.map((l) => `    ${l}`).join("\n")}`);
  child.kill("SIGTERM");
  await exited;
}

try {
  rmSync(join(ROOT, ".demo", "build"), { recursive: true, force: true });
  await run("first run (no data, no build)");
  rmSync(join(ROOT, ".demo", "build"), { recursive: true, force: true });
  await run("after a source change (rebuild)");
  for (let i = 1; i <= restarts; i++) await run(`restart ${i}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
