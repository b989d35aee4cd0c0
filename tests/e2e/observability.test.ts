import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bootApp, type TestApp } from "../helpers/app.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";

import { FakeSlack } from "../helpers/fake-slack.js";
import { TEAM } from "../helpers/fixtures.js";
import { eventBody } from "../helpers/plain-requests.js";
import { labelValues, metricValue } from "../helpers/prometheus.js";
import { sendEvent } from "../helpers/slack-requests.js";
import { eventually } from "../helpers/wait.js";
import { addMembers } from "../helpers/factories.js";
import type { PostArgs } from "../helpers/engine.js";

const CHANNEL = "C0METRICS1";
const ALICE = "U0ALICE001";
const TOKEN = "metrics-token-0123456789abcdef";
const ADMIN = { user: "ops", password: "correct horse battery" };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe("operators: /metrics and the queue dashboard", () => {
  const fake = new FakeSlack();
  let database: TestDatabase;
  let app: TestApp;
  let worker: TestApp;

  beforeAll(async () => {
    await fake.start();
    database = await createTestDatabase("e2e_observability");
    app = await bootApp({
      fake,
      databaseUrl: database.url,
      env: { METRICS_TOKEN: TOKEN, ADMIN_USERNAME: ADMIN.user, ADMIN_PASSWORD: ADMIN.password, SLOT_CATCHUP_MINUTES: "0", RECONCILE_INTERVAL_SECONDS: "3600" },
    });
    // A worker process: no Slack endpoint, but /metrics (open here: no token) and a dashboard that allows actions.
    worker = await bootApp({
      fake,
      databaseUrl: database.url,
      env: { ROLE: "worker", ADMIN_USERNAME: ADMIN.user, ADMIN_PASSWORD: ADMIN.password, ADMIN_QUEUE_ACTIONS: "true", RECONCILE_INTERVAL_SECONDS: "3600" },
    });
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await database?.drop();
    await fake.stop();
  });
  beforeEach(() => fake.reset());

  const scrape = async (base = app.url, token: string | undefined = TOKEN) => {
    const res = await fetch(`${base}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    return res.text();
  };

  it("/metrics refuses a missing or wrong bearer token", async () => {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain("stretch_");
    expect((await fetch(`${app.url}/metrics`, { headers: { authorization: basic("x", TOKEN) } })).status).toBe(401);
  });

  it("counts a prompt (posted, lateness, Slack calls), a 429, and a reaction (completion, lag)", async () => {
    const before = await scrape();
    expect(metricValue(before, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(metricValue(before, "stretch_queue_jobs", { queue: "deliveries", state: "waiting" })).toBe(0);
    const posted0 = metricValue(before, "stretch_prompts_total", { outcome: "posted" }) || 0;
    const late0 = metricValue(before, "stretch_prompt_lateness_seconds_count") || 0;

    await addMembers(database.db, [{ userId: ALICE }]);
    // Slack refuses the first post with a 429: the job waits Retry-After, then posts.
    fake.queue("chat.postMessage", { status: 429, headers: { "retry-after": "1" }, body: { ok: false, error: "ratelimited" } });
    // What `/stretch now` does (tests/e2e/engine-prompts covers the command itself).
    expect(await app.app.services.dispatch.postNow({ teamId: TEAM, channelId: CHANNEL, requestedBy: ALICE })).toMatchObject({ ok: true });
    const posts = await fake.waitFor("chat.postMessage", (c) => c.args.channel === CHANNEL, 2, 15_000);
    const promptId = (posts[1]!.args as unknown as PostArgs).metadata!.event_payload.prompt_id;
    const prompt = await eventually(() => database.db.prompt.findFirst({ where: { id: promptId, status: "posted" } }));

    const afterPrompt = await eventually(async () => {
      const text = await scrape();
      return metricValue(text, "stretch_prompts_total", { outcome: "posted" }) > posted0 ? text : null;
    });
    expect(metricValue(afterPrompt, "stretch_prompt_lateness_seconds_count")).toBe(late0 + 1);
    expect(metricValue(afterPrompt, "stretch_slack_api_calls_total", { method: "chat.postMessage", result: "ok" })).toBeGreaterThanOrEqual(1);
    expect(metricValue(afterPrompt, "stretch_slack_api_calls_total", { method: "chat.postMessage", result: "rate_limited" })).toBe(1);
    expect(metricValue(afterPrompt, "stretch_slack_api_call_duration_seconds_count", { method: "chat.postMessage" })).toBeGreaterThanOrEqual(2);
    // The slash command's reply went through Bolt's own client (response_url is not a Web API call,
    // but users.info / conversations.* through WebClient are counted by method).
    expect(labelValues(afterPrompt, "stretch_slack_api_calls_total", "method").every((m) => /^[a-z]+(\.[a-zA-Z]+)+$|^other$|^file_upload$/.test(m))).toBe(true);

    const completions0 = metricValue(afterPrompt, "stretch_completions_total", { source: "reaction" }) || 0;
    const envelope = reactionAdded(prompt.messageTs!);
    expect((await sendEvent(app.url, envelope)).status).toBe(200);
    const afterReaction = await eventually(async () => {
      const text = await scrape();
      // The completion is counted when stored, the event once its outcome is known: wait for both.
      const stored = metricValue(text, "stretch_completions_total", { source: "reaction" }) > completions0;
      return stored && metricValue(text, "stretch_reaction_events_total", { outcome: "completed" }) >= 1 ? text : null;
    });
    expect(metricValue(afterReaction, "stretch_reaction_events_total", { outcome: "completed" })).toBeGreaterThanOrEqual(1);
    expect(metricValue(afterReaction, "stretch_reaction_event_lag_seconds_count")).toBeGreaterThanOrEqual(1);
  });

  it("counts the calls Bolt's own client makes (views.publish from app_home_opened)", async () => {
    const before = metricValue(await scrape(), "stretch_slack_api_calls_total", { method: "views.publish", result: "ok" }) || 0;
    expect((await sendEvent(app.url, eventBody({ type: "app_home_opened", user: ALICE, channel: "D0ALICE001", tab: "home" }))).status).toBe(200);
    await fake.waitFor("views.publish");
    const after = await eventually(async () => {
      const v = metricValue(await scrape(), "stretch_slack_api_calls_total", { method: "views.publish", result: "ok" });
      return v > before ? v : null;
    });
    expect(after).toBe(before + 1);
  });

  it("labels never carry user, channel or team ids", async () => {
    // An error code nobody planned for is folded into other_error.
    fake.queue("users.info", { ok: false, error: `weird_${ALICE}` });
    await app.app.services.members.get(TEAM, "U0NEWPERSON", new Date()).catch(() => undefined);
    const text = await scrape();
    expect(metricValue(text, "stretch_slack_api_calls_total", { method: "users.info", result: "other_error" })).toBeGreaterThanOrEqual(1);
    expect(text).not.toMatch(/U0[A-Z0-9]{6,}|C0[A-Z0-9]{6,}|T0TESTTEAM|weird_/);
  });

  it("every role serves /metrics: a worker has queue counts and reconcile runs", async () => {
    const text = await eventually(async () => {
      const t = await scrape(worker.url, undefined);
      return metricValue(t, "stretch_reconcile_runs_total", { result: "ok" }) >= 1 ? t : null;
    }, 15_000);
    expect(metricValue(text, "stretch_queue_jobs", { queue: "slots", state: "failed" })).toBe(0);
    expect(text).toContain('role="worker"');
  });

  it("the queue dashboard refuses without credentials or with wrong ones", async () => {
    const none = await fetch(`${app.url}/admin/queues`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Basic");
    expect((await fetch(`${app.url}/admin/queues/api/queues`, { headers: { authorization: basic(ADMIN.user, "wrong password!") } })).status).toBe(401);
    expect((await fetch(`${app.url}/admin/queues/api/queues`, { headers: { authorization: basic("root", ADMIN.password) } })).status).toBe(401);
  });

  it("with credentials it shows every queue, read-only unless ADMIN_QUEUE_ACTIONS", async () => {
    const auth = { authorization: basic(ADMIN.user, ADMIN.password) };
    const page = await fetch(`${app.url}/admin/queues`, { headers: auth });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Stretch Break queues");
    const api = await fetch(`${app.url}/admin/queues/api/queues?activeQueue=deliveries&page=1&jobsPerPage=10`, { headers: auth });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: Array<{ name: string; readOnlyMode: boolean }> };
    expect(body.queues.map((q) => q.name).sort()).toEqual(["deliveries", "digest", "maintenance", "slots"]);
    expect(body.queues.every((q) => q.readOnlyMode)).toBe(true);
    const pause = await fetch(`${app.url}/admin/queues/api/queues/deliveries/pause`, { method: "PUT", headers: auth });
    expect(pause.status).toBe(405);

    // The worker's dashboard allows actions: pausing and resuming its maintenance queue works.
    const paused = await fetch(`${worker.url}/admin/queues/api/queues/maintenance/pause`, { method: "PUT", headers: auth });
    expect(paused.status).toBe(200);
    const resumed = await fetch(`${worker.url}/admin/queues/api/queues/maintenance/resume`, { method: "PUT", headers: auth });
    expect(resumed.status).toBe(200);
  });
});

/** reaction_added on the prompt, as Slack sends it. */
function reactionAdded(messageTs: string): Record<string, unknown> {
  return eventBody({ type: "reaction_added", user: ALICE, reaction: "muscle", item: { type: "message", channel: CHANNEL, ts: messageTs }, item_user: "U0BOTUSER" });
}
