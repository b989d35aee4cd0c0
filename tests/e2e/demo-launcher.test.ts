import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../demo/database.js";
import { TEAM as DEMO_TEAM } from "../../demo/workspace/seed.js";
import { slashCommand } from "../helpers/fixtures.js";
import { sendCommand } from "../helpers/slack-requests.js";
import { eventually } from "../helpers/wait.js";

/**
 * `npm run demo` as a user runs it: nothing but a data dir and a port. First start creates the
 * database and applies the migrations; the app answers a signed `/stretch neck`; a launcher killed
 * hard leaves its database running, which the next start cleans up, and that start skips
 * `prisma migrate deploy` and the build (demo/start.mjs's cache); Ctrl-C (SIGINT to the process group, as a terminal sends it) stops
 * everything, the database included.
 */
const dataDir = mkdtempSync(join(tmpdir(), "stretch-demo-"));
const started: ChildProcess[] = [];

afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.pid) killGroup(child.pid, "SIGKILL");
  for (const pid of postgresPids()) process.kill(pid, "SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

interface Launch {
  child: ChildProcess;
  output: () => string;
  /** Exit code, or the signal that ended npm (npm re-raises a Ctrl-C on itself once its script ended). */
  exited: Promise<string>;
}

function launch(port: number): Launch {
  const child = spawn("npm", ["run", "demo"], {
    env: { ...process.env, PORT: String(port), DEMO_DATA_DIR: dataDir, LOG_LEVEL: "warn" },
    // Its own process group, like a terminal's foreground job: Ctrl-C reaches npm, sh and node.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<string>((resolve) => child.once("exit", (code, signal) => resolve(String(code ?? signal))));
  return { child, output: () => output, exited };
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** PostgreSQL servers running on this test's data dir (the launcher starts them in their own group). */
function postgresPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (cmd.includes("postgres") && cmd.includes(join(dataDir, "pg"))) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/** The URLs the launcher prints once it is ready; fails at once if it exits instead. */
async function urls(run: Launch): Promise<{ workspace: string; app: string }> {
  const deadline = Date.now() + 150_000;
  for (;;) {
    const workspace = /demo workspace: (http:\/\/\S+)/.exec(run.output())?.[1];
    const app = /app: (http:\/\/\S+)\/slack\/events/.exec(run.output())?.[1];
    if (workspace && app) return { workspace, app };
    if (run.child.exitCode !== null) throw new Error(`npm run demo exited (${run.child.exitCode}):\n${run.output()}`);
    if (Date.now() > deadline) throw new Error(`npm run demo printed no URL within 150 s:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("npm run demo", () => {
  it("starts from nothing, answers /stretch, survives a hard kill and stops cleanly on Ctrl-C", { timeout: 400_000 }, async () => {
    const port = await freePort();
    const first = launch(port);
    const { workspace, app } = await urls(first);
    expect(workspace).toBe(`http://127.0.0.1:${port}/`);
    expect(first.output()).toMatch(/database created .* migration\(s\) applied/);

    const page = await fetch(workspace);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    // Each probe has 2 s; on a loaded machine a first answer may come later: wait for "ready".
    const ready = await eventually(async () => {
      const res = await fetch(`${app}/readyz`);
      return res.status === 200 ? res.text() : undefined;
    }, 20_000);
    expect(ready).toBe("postgres: ok\nqueues: ok\n");

    // Signed with the secret the launcher generated, as the workspace signs what it sends.
    const { signingSecret } = JSON.parse(readFileSync(join(dataDir, "secrets.json"), "utf8")) as { signingSecret: string };
    const answer = await sendCommand(app, slashCommand({ teamId: DEMO_TEAM.id, text: "neck", responseUrl: `${workspace}response/test` }), { secret: signingSecret });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain("neck routine");
    const forged = await sendCommand(app, slashCommand({ teamId: DEMO_TEAM.id, text: "neck", responseUrl: `${workspace}response/test` }), { secret: "not-the-secret" });
    expect(forged.status).toBe(401);

    // A hard kill of the launcher (the database runs in its own process group and survives it).
    killGroup(first.child.pid!, "SIGKILL");
    await first.exited;
    expect(postgresPids().length).toBeGreaterThan(0);

    const second = launch(port);
    await urls(second);
    expect(second.output()).toContain("stopping a database left running by an earlier run");
    expect(second.output()).toMatch(/database reused .* no migration pending/);
    // Same sources: the compiled app in .demo/build is reused, not made again.
    expect(second.output()).not.toContain("compiled the app");
    const again = await sendCommand((await urls(second)).app, slashCommand({ teamId: DEMO_TEAM.id, text: "hips", responseUrl: `${workspace}response/test` }), { secret: signingSecret });
    expect(again.text).toContain("hip");

    killGroup(second.child.pid!, "SIGINT");
    expect(["0", "SIGINT"]).toContain(await second.exited);
    expect(second.output()).toContain("[demo] stopped");
    expect(postgresPids()).toEqual([]);
    expect(existsSync(join(dataDir, "pg", "postmaster.pid"))).toBe(false);
  });
});
