import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootApp, TEST_BOT_TOKEN } from "../helpers/app.js";
import { createTestDatabase, databaseUrl, type TestDatabase } from "../helpers/db.js";
import { FakeSlack } from "../helpers/fake-slack.js";
import { eventEnvelope, slashCommand, TEAM } from "../helpers/fixtures.js";
import { sendCommand, sendEvent, TEST_SIGNING_SECRET } from "../helpers/slack-requests.js";
import { TcpProxy } from "../helpers/tcp-proxy.js";
import { eventually } from "../helpers/wait.js";
import { insertPostedPrompt } from "../helpers/factories.js";

/** A loopback port nobody listens on: Slack "unreachable". */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("start-up and shutdown", () => {
  const fake = new FakeSlack();
  let database: TestDatabase;

  beforeAll(async () => {
    await fake.start();
    database = await createTestDatabase("e2e_startup");
  });
  afterAll(async () => {
    await database?.drop();
    await fake.stop();
  });

  it("keeps serving when Slack is unreachable: health is up and /stretch still answers", async () => {
    // An earlier run's auth.test confirmed the workspace (src/slack/workspace-auth.ts): without
    // that, a request cannot be told apart from one of a workspace the app is not installed in.
    await database.db.workspace.upsert({ where: { teamId: TEAM }, create: { teamId: TEAM, botUserId: "U0STRETCHBOT" }, update: { botUserId: "U0STRETCHBOT" } });
    const port = await closedPort();
    const app = await bootApp({ fake, databaseUrl: database.url, env: { SLACK_API_URL: `http://127.0.0.1:${port}/api/` } });
    try {
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
      const res = await sendCommand(app.url, slashCommand({ text: "neck", responseUrl: fake.responseUrl() }));
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.json)).toContain("neck");
      await eventually(() => app.logs.lines.some((l) => l.includes("auth.test failed")));
    } finally {
      await app.close();
    }
  });

  it("refuses requests for a team the app is not installed in, and for any team while none is confirmed", async () => {
    const app = await bootApp({ fake, databaseUrl: database.url });
    try {
      // Bolt acknowledges a refused request with an empty 200 and runs no listener.
      const foreign = await sendCommand(app.url, slashCommand({ text: "neck", teamId: "T0SOMEOTHER", responseUrl: fake.responseUrl() }));
      expect(foreign.text).toBe("");
      expect(app.logs.text).toContain("request refused: not installed in team T0SOMEOTHER");
      const own = await sendCommand(app.url, slashCommand({ text: "neck", responseUrl: fake.responseUrl() }));
      expect(JSON.stringify(own.json)).toContain("neck");
      expect(await database.db.workspace.findUnique({ where: { teamId: "T0SOMEOTHER" } })).toBeNull();
    } finally {
      await app.close();
    }
    const port = await closedPort();
    const unconfirmed = await createTestDatabase("e2e_startup_unconfirmed");
    const offline = await bootApp({ fake, databaseUrl: unconfirmed.url, env: { SLACK_API_URL: `http://127.0.0.1:${port}/api/` } });
    try {
      const res = await sendCommand(offline.url, slashCommand({ text: "neck", responseUrl: fake.responseUrl() }));
      expect(res.text).toBe("");
      expect(offline.logs.text).toContain("installed workspace unknown yet");
    } finally {
      await offline.close();
      await unconfirmed.drop();
    }
  });

  it("reports not ready (503) while Postgres is unreachable, and stays alive", async () => {
    const app = await bootApp({ fake, databaseUrl: databaseUrl("stretch_database_that_does_not_exist") });
    try {
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${app.url}/readyz`);
      expect(ready.status).toBe(503);
      // Plain lines, no error text (it would name the database and its user).
      expect(await ready.text()).toBe("postgres: down\nredis: ok\n");
    } finally {
      await app.close();
    }
  });

  it("ROLE=all with Postgres and Redis down at boot: HTTP and health come up, /readyz names what is down, the engine resumes by itself", async () => {
    const pgUrl = new URL(database.url);
    const pgProxy = await new TcpProxy(pgUrl.hostname, Number(pgUrl.port || 5432)).start();
    const redisUrl = new URL(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
    const redisProxy = await new TcpProxy(redisUrl.hostname, Number(redisUrl.port || 6379)).start();
    await pgProxy.cut();
    await redisProxy.cut();
    pgUrl.port = String(pgProxy.port);
    redisUrl.port = String(redisProxy.port);
    await database.db.workspace.upsert({ where: { teamId: TEAM }, create: { teamId: TEAM }, update: {} });
    const app = await bootApp({ fake, databaseUrl: pgUrl.toString(), env: { REDIS_URL: redisUrl.toString(), ROLE: "all" } });
    try {
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
      const down = await fetch(`${app.url}/readyz`);
      expect(down.status).toBe(503);
      expect(await down.text()).toBe("postgres: down\nredis: down\n");
      // Slack's endpoint is up too: a signed request is answered (the routine needs neither).
      const res = await sendCommand(app.url, slashCommand({ text: "neck", responseUrl: fake.responseUrl() }));
      expect(JSON.stringify(res.json)).toContain("neck");

      await pgProxy.restore();
      await redisProxy.restore();
      await eventually(async () => (await fetch(`${app.url}/readyz`)).status === 200, 30_000);
      // The engine's workers reconnected on their own: /stretch now goes through the queue and is posted.
      const now = await sendCommand(app.url, slashCommand({ text: "now", channelId: "C0RESUMED1", responseUrl: fake.responseUrl("resumed") }));
      expect(now.status).toBe(200);
      await fake.waitFor("chat.postMessage", (c) => c.args.channel === "C0RESUMED1", 1, 30_000);
    } finally {
      await app.close();
      await pgProxy.stop();
      await redisProxy.stop();
    }
  });

  it("shutdown is bounded: a job still waiting on Slack at the deadline is closed by force, not waited for", async () => {
    // Slack takes far longer than the whole shutdown budget to answer this post.
    fake.on("chat.postMessage", () => ({ status: 200, body: { ok: true, channel: "C0SLOWPOST1", ts: "1700000000.000900" }, delayMs: 8_000 }));
    const app = await bootApp({ fake, databaseUrl: database.url, env: { SHUTDOWN_TIMEOUT_SECONDS: "2", ROLE: "all" } });
    try {
      await sendCommand(app.url, slashCommand({ text: "now", channelId: "C0SLOWPOST1", responseUrl: fake.responseUrl("slow") }));
      await eventually(() => database.db.prompt.findFirst({ where: { target: "C0SLOWPOST1", claimedAt: { not: null } } }), 20_000);
    } finally {
      await app.close();
    }
    expect(app.logs.text).toContain("workers still busy at the shutdown deadline; closing them by force");
    fake.reset();
  });

  it("Socket Mode: opens a connection with the app token and still serves health on PORT", async () => {
    // The fake answers apps.connections.open with a WebSocket URL nobody serves: the connection
    // keeps failing, which must not stop start-up or the health routes.
    fake.on("apps.connections.open", () => ({ ok: true, url: `ws://127.0.0.1:${fake.url.split(":")[2]}/no-socket-here` }));
    const app = await bootApp({ fake, databaseUrl: database.url, env: { SLACK_APP_TOKEN: "xapp-1-A0STRETCH1-1-testapptoken" } });
    try {
      const [open] = await fake.waitFor("apps.connections.open");
      expect(open!.token).toBe("xapp-1-A0STRETCH1-1-testapptoken");
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
      // No HTTP events endpoint in Socket Mode.
      expect((await fetch(`${app.url}/slack/events`, { method: "POST", body: "{}" })).status).toBe(404);
    } finally {
      await app.close();
    }
  });

  it("exits cleanly on SIGTERM after finishing in-flight work", async () => {
    // node itself (not npx) so SIGTERM reaches the app process.
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        DATABASE_URL: database.url,
        PORT: String(await closedPort()),
        QUEUE_PREFIX: `tsigterm${process.pid}`,
        DOTENV_CONFIG_PATH: "/nonexistent",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    // A cold `tsx src/main.ts` (transpile, migrations check, queues) takes several times longer on a
    // loaded machine than on an idle one: wait for the line itself, generously, and show the output.
    const line = await eventually(() => output.split("\n").find((l) => l.includes('"bot listening"')), 90_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\napp output:\n${output.slice(-3000)}`);
    });
    const port = (JSON.parse(line) as { port: number }).port;
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    // A reaction acknowledged just before SIGTERM is stored before the process exits.
    const prompt = await insertPostedPrompt(database.db, { teamId: TEAM, channelId: "C0GENERAL1" });
    const envelope = eventEnvelope("ReactionAdded", {
      teamId: TEAM,
      event: { type: "reaction_added", user: "U0ALICE001", reaction: "muscle", item: { type: "message", channel: "C0GENERAL1", ts: prompt.messageTs }, item_user: fake.botUserId, event_ts: `${(Date.now() / 1000).toFixed(6)}` },
    });
    expect((await sendEvent(`http://127.0.0.1:${port}`, envelope)).status).toBe(200);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain("shutdown complete");
    expect(await database.db.completion.count({ where: { promptId: prompt.id } })).toBe(1);
  }, 150_000);
});
