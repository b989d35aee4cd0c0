import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootApp, type TestApp } from "../helpers/app.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { EngineQueuesProbe } from "../helpers/engine.js";
import { FakeSlack } from "../helpers/fake-slack.js";
import { slashCommand } from "../helpers/fixtures.js";
import { sendCommand } from "../helpers/slack-requests.js";
import { eventually } from "../helpers/wait.js";

describe("ROLE: web serves Slack without workers; worker runs jobs with health endpoints only", () => {
  const fake = new FakeSlack();
  let database: TestDatabase;
  let web: TestApp;
  let worker: TestApp;
  let queues: EngineQueuesProbe;

  beforeAll(async () => {
    await fake.start();
    database = await createTestDatabase("e2e_roles");
    web = await bootApp({ fake, databaseUrl: database.url, env: { ROLE: "web" } });
    queues = new EngineQueuesProbe(web.config.REDIS_URL, web.config.QUEUE_PREFIX);
  });
  afterAll(async () => {
    await queues?.close();
    await worker?.close();
    await web?.close();
    await database?.drop();
    await fake.stop();
  });

  it("web: /stretch now is queued but nothing is posted without a worker", async () => {
    const res = await sendCommand(web.url, slashCommand({ text: "now", channelId: "C0ROLES001", responseUrl: fake.responseUrl("r1") }));
    expect(res.status).toBe(200);
    const prompt = await eventually(() => database.db.prompt.findFirst({ where: { target: "C0ROLES001" } }), 15_000);
    expect(prompt.status).toBe("pending");
    // The row is written just before the job is added: wait for the job, not for luck.
    const job = await eventually(() => queues.deliveries.getJob(`deliver|${prompt.id}`), 15_000);
    expect(await job.getState()).toBe("waiting");
    expect(fake.callsOf("chat.postMessage")).toHaveLength(0);
  });

  it("worker (same queues): answers /healthz and /readyz, not Slack requests, and delivers the queued prompt", async () => {
    worker = await bootApp({ fake, databaseUrl: database.url, env: { ROLE: "worker", QUEUE_PREFIX: web.config.QUEUE_PREFIX } });
    expect((await fetch(`${worker.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${worker.url}/readyz`);
    expect(await ready.text()).toBe("postgres: ok\nredis: ok\n");
    expect((await fetch(`${worker.url}/slack/events`, { method: "POST", body: "{}" })).status).toBe(404);
    await fake.waitFor("chat.postMessage", (c) => c.args.channel === "C0ROLES001");
    await eventually(() => database.db.prompt.findFirst({ where: { target: "C0ROLES001", status: "posted" } }));
  });
});
