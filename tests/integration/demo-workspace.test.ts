import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startWorkspace, type RunningWorkspace } from "../../demo/workspace/index.js";
import { BOT, PEOPLE } from "../../demo/workspace/seed.js";
import { eventually } from "../helpers/wait.js";

/**
 * The simulated workspace on its own, with a stand-in app that checks every request is signed the
 * way Bolt verifies it: Web API shapes and refusals, response URLs, signed commands and events,
 * file uploads through the real WebClient, and persistence across a restart.
 */
const SECRET = "workspace-test-secret";
const TOKEN = "xoxb-workspace-test";
const MAYA = PEOPLE.find((p) => p.handle === "maya")!.id;
const LUCAS = PEOPLE.find((p) => p.handle === "lucas")!.id;
const GENERAL = "C0GENERAL1";

interface Received {
  contentType: string;
  body: string;
  validSignature: boolean;
}

describe("the simulated workspace (no app)", () => {
  let appServer: Server;
  let received: Received[] = [];
  let answer: (r: Received) => { status: number; body?: unknown } = () => ({ status: 200 });
  let workspace: RunningWorkspace;
  let dataDir: string;
  let client: WebClient;

  const start = async () => {
    const { port } = appServer.address() as AddressInfo;
    workspace = await startWorkspace({ port: 0, appRequestUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SECRET, botToken: TOKEN, dataDir, sendDuePrompts: async () => "3 prompts sent" });
    client = new WebClient(TOKEN, { slackApiUrl: workspace.apiUrl, retryConfig: { retries: 0 } });
  };
  const ui = async (action: string, body: Record<string, unknown>) => (await fetch(`${workspace.url}ui/${action}`, { method: "POST", body: JSON.stringify(body) })).json() as Promise<Record<string, unknown>>;
  const frame = async (as: string, at = GENERAL) => (await (await fetch(`${workspace.url}ui/frame?as=${as}&at=${at}`)).json()) as { conversation: string };
  const api = async (method: string, args: Record<string, unknown>, token: string | null = TOKEN) =>
    (await (await fetch(`${workspace.apiUrl}${method}`, { method: "POST", headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(args) })).json()) as Record<string, unknown>;
  const payloadOf = (r: Received) => JSON.parse(new URLSearchParams(r.body).get("payload") ?? "{}") as Record<string, unknown>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "stretch-ws-int-"));
    appServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const ts = String(req.headers["x-slack-request-timestamp"]);
        const expected = `v0=${createHmac("sha256", SECRET).update(`v0:${ts}:${body}`).digest("hex")}`;
        const r = { contentType: String(req.headers["content-type"]), body, validSignature: req.headers["x-slack-signature"] === expected };
        received.push(r);
        const a = answer(r);
        res.writeHead(a.status, { "content-type": "application/json" });
        res.end(a.body === undefined ? "" : JSON.stringify(a.body));
      });
    });
    await new Promise<void>((resolve) => appServer.listen(0, "127.0.0.1", resolve));
    await start();
    // On first start the admin makes the seeded manager a manager, once.
    await eventually(() => received.some((r) => new URLSearchParams(r.body).get("text")?.startsWith("managers add <@U0OLIVERBE")));
  });

  beforeEach(() => {
    received = [];
    answer = () => ({ status: 200 });
  });

  afterAll(async () => {
    await workspace?.close();
    await new Promise<void>((resolve) => appServer.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("checks the bot token and answers auth.test like Slack", async () => {
    expect(await api("auth.test", {}, null)).toMatchObject({ ok: false, error: "not_authed" });
    expect(await api("auth.test", {}, "xoxb-wrong")).toMatchObject({ ok: false, error: "invalid_auth" });
    expect(await client.auth.test()).toMatchObject({ ok: true, user_id: BOT.userId, bot_id: BOT.botId, team_id: "T0DEMO0001" });
    expect(await api("nope.method", {})).toMatchObject({ ok: false, error: "unknown_method" });
  });

  it("refuses posts Slack would refuse: unknown channel, not a member, bad Block Kit", async () => {
    expect(await api("chat.postMessage", { channel: "C0NOSUCH01", text: "x" })).toMatchObject({ ok: false, error: "channel_not_found" });
    expect(await api("chat.postMessage", { channel: "C0RANDOM01", text: "x" })).toMatchObject({ ok: false, error: "not_in_channel" });
    expect(await api("chat.postMessage", { channel: GENERAL })).toMatchObject({ ok: false, error: "no_text" });
    const tooLong = await api("chat.postMessage", { channel: GENERAL, text: "x", blocks: [{ type: "section", text: { type: "mrkdwn", text: "y".repeat(3001) } }] });
    expect(tooLong).toMatchObject({ ok: false, error: "invalid_blocks", errors: ["must be less than 3001 characters [json-pointer:/blocks/0/text/text]"] });
    expect(await api("views.open", { trigger_id: "1.2.nope", view: { type: "modal", title: { type: "plain_text", text: "T" }, blocks: [] } })).toMatchObject({ ok: false, error: "invalid_trigger_id" });
    expect(await api("chat.postEphemeral", { channel: "C0DESIGN01", user: MAYA, text: "x" })).toMatchObject({ ok: false, error: "user_not_in_channel" });
  });

  it("posts to a person's id land in the app's DM; history and users.info answer in Slack's shapes", async () => {
    const posted = await client.chat.postMessage({ channel: MAYA, text: "hello *Maya*", metadata: { event_type: "stretch_prompt", event_payload: { prompt_id: "p1" } } });
    expect(posted.channel).toBe(`D${MAYA.slice(1)}`);
    const history = await client.conversations.history({ channel: posted.channel!, include_all_metadata: true });
    expect(history.messages?.[0]).toMatchObject({ ts: posted.ts, text: "hello *Maya*", bot_id: BOT.botId, metadata: { event_payload: { prompt_id: "p1" } } });
    const user = await client.users.info({ user: MAYA, include_locale: true });
    expect(user.user).toMatchObject({ id: MAYA, tz: "America/New_York", locale: "en-US", is_admin: false });
    expect(typeof user.user?.tz_offset).toBe("number");
    expect((await frame(MAYA, "app-messages")).conversation).toContain("<strong>Maya</strong>");
  });

  it("sends slash commands signed and form-encoded exactly as Slack does; an ack body shows only to its sender", async () => {
    answer = () => ({ status: 200, body: { response_type: "ephemeral", text: "Your *routine*", blocks: [{ type: "section", text: { type: "mrkdwn", text: "Stretch :muscle:" } }] } });
    await ui("send", { as: MAYA, channel: GENERAL, text: "/stretch neck" });
    const [command] = received;
    expect(command).toMatchObject({ contentType: "application/x-www-form-urlencoded", validSignature: true });
    const fields = new URLSearchParams(command!.body);
    expect(Object.fromEntries(fields)).toMatchObject({ command: "/stretch", text: "neck", user_id: MAYA, channel_id: GENERAL, team_id: "T0DEMO0001" });
    expect(fields.get("response_url")).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/response\//);
    expect(fields.get("trigger_id")).toBeTruthy();
    expect((await frame(MAYA)).conversation).toContain("💪");
    expect((await frame(MAYA)).conversation).toContain("Only visible to you");
    expect((await frame(LUCAS)).conversation).not.toContain("💪");
  });

  it("response URLs: in_channel for everyone, replace_original on the source message, at most 5 uses", async () => {
    await ui("send", { as: MAYA, channel: GENERAL, text: "/stretch now" });
    const url = new URLSearchParams(received[0]!.body).get("response_url")!;
    const post = (body: unknown) => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await post({ response_type: "in_channel", text: "shared with all" })).status).toBe(200);
    expect((await frame(LUCAS)).conversation).toContain("shared with all");
    expect((await post({ blocks: [{ type: "header", text: { type: "mrkdwn", text: "no" } }] })).status).toBe(400);
    for (let i = 0; i < 3; i++) expect((await post({ text: `reply ${i}` })).status).toBe(200);
    expect((await post({ text: "sixth" })).status).toBe(404);

    // A button on a message: block_actions with a response_url that replaces that message.
    const message = await client.chat.postMessage({ channel: GENERAL, text: "prompt", blocks: [{ type: "actions", block_id: "b", elements: [{ type: "button", action_id: "done", value: "p1", text: { type: "plain_text", text: "Done" } }] }] });
    received = [];
    await ui("action", { as: LUCAS, container: { type: "message", channel: GENERAL, ts: message.ts }, pressed: { actionId: "done", blockId: "b" } });
    const payload = payloadOf(received[0]!);
    expect(payload).toMatchObject({ type: "block_actions", user: { id: LUCAS }, container: { type: "message", message_ts: message.ts, channel_id: GENERAL }, actions: [{ action_id: "done", value: "p1", type: "button" }] });
    expect(received[0]!.validSignature).toBe(true);
    await fetch(String(payload.response_url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ replace_original: true, text: "prompt (done)" }) });
    expect((await client.conversations.history({ channel: GENERAL, limit: 1 })).messages?.[0]?.text).toBe("prompt (done)");
  });

  it("reactions become signed reaction_added / reaction_removed events with an event_id", async () => {
    const message = await client.chat.postMessage({ channel: GENERAL, text: "react to me" });
    received = [];
    await ui("react", { as: MAYA, channel: GENERAL, ts: message.ts, name: "white_check_mark" });
    await ui("react", { as: MAYA, channel: GENERAL, ts: message.ts, name: "white_check_mark" });
    const events = received.map((r) => JSON.parse(r.body) as { type: string; event_id: string; event: Record<string, unknown> });
    expect(received.every((r) => r.contentType === "application/json" && r.validSignature)).toBe(true);
    expect(events.map((e) => e.event.type)).toEqual(["reaction_added", "reaction_removed"]);
    expect(events[0]).toMatchObject({ type: "event_callback", event: { user: MAYA, reaction: "white_check_mark", item: { type: "message", channel: GENERAL, ts: message.ts }, item_user: BOT.userId } });
    expect(events[0]!.event_id).not.toBe(events[1]!.event_id);
  });

  it("modals: views.open with the action's trigger_id, errors from view_submission, then closed on success", async () => {
    const message = await client.chat.postMessage({ channel: GENERAL, text: "edit", blocks: [{ type: "actions", block_id: "b", elements: [{ type: "button", action_id: "edit", text: { type: "plain_text", text: "Edit" } }] }] });
    received = [];
    await ui("action", { as: MAYA, container: { type: "message", channel: GENERAL, ts: message.ts }, pressed: { actionId: "edit", blockId: "b" } });
    const trigger = String(payloadOf(received[0]!).trigger_id);
    const view = { type: "modal", callback_id: "cb", title: { type: "plain_text", text: "Edit" }, submit: { type: "plain_text", text: "Save" }, blocks: [{ type: "input", block_id: "every", label: { type: "plain_text", text: "Every" }, element: { type: "plain_text_input", action_id: "every" } }] };
    const opened = await client.views.open({ trigger_id: trigger, view: view as never });
    expect(opened.view?.id).toMatch(/^V/);
    expect(await api("views.open", { trigger_id: trigger, view })).toMatchObject({ ok: false, error: "invalid_trigger_id" });

    answer = () => ({ status: 200, body: { response_action: "errors", errors: { every: "Write it like 60m" } } });
    expect(await ui("submit", { as: MAYA, viewId: opened.view!.id, form: { every: { every: "soon" } } })).toEqual({ outcome: "errors", errors: { every: "Write it like 60m" } });
    const submission = payloadOf(received[received.length - 1]!);
    expect(submission).toMatchObject({ type: "view_submission", view: { callback_id: "cb", state: { values: { every: { every: { type: "plain_text_input", value: "soon" } } } } } });

    answer = () => ({ status: 200 });
    expect(await ui("submit", { as: MAYA, viewId: opened.view!.id, form: { every: { every: "60m" } } })).toEqual({ outcome: "closed" });
    expect(await fetch(`${workspace.url}ui/frame?as=${MAYA}`).then((r) => r.json())).toMatchObject({ modal: null });
  });

  it("files.uploadV2 through the real WebClient: shared in the channel, downloadable", async () => {
    await client.filesUploadV2({ channel_id: `D${MAYA.slice(1)}`, file: Buffer.from("week_start,team\r\n2026-01-05,T\r\n"), filename: "report.csv", title: "Report", initial_comment: "Here it is" });
    const dm = await frame(MAYA, "app-messages");
    const href = /href="(\/files\/[^"]+)"/.exec(dm.conversation)?.[1];
    expect(href).toBeTruthy();
    const file = await fetch(`${workspace.url.replace(/\/$/, "")}${href}`);
    expect(file.headers.get("content-disposition")).toContain("report.csv");
    expect(await file.text()).toBe("week_start,team\r\n2026-01-05,T\r\n");
  });

  it("'Send due prompts now' calls the launcher's hook", async () => {
    expect(await ui("due", { as: MAYA })).toEqual({ ok: true, summary: "3 prompts sent" });
  });

  it("a status, DND and a huddle send Slack's signed events, and the Web API answers agree", async () => {
    const events = () => received.filter((r) => r.contentType.startsWith("application/json")).map((r) => ({ ...(JSON.parse(r.body) as { event: Record<string, unknown> }).event, signed: r.validSignature }) as Record<string, unknown> & { signed: boolean });
    const meeting = await ui("status", { as: MAYA, change: { kind: "status", emoji: ":spiral_calendar_pad:", text: "In a meeting", expires: 30 } });
    expect(meeting).toMatchObject({ ok: true, summary: expect.stringContaining("In a meeting") });
    const [changed, userChange] = events();
    expect(changed).toMatchObject({ type: "user_status_changed", signed: true, user: { id: MAYA, profile: { status_text: "In a meeting", status_emoji: ":spiral_calendar_pad:" } } });
    expect(userChange).toMatchObject({ type: "user_change", user: { id: MAYA, profile: { status_text: "In a meeting" } } });
    const expiration = (changed!.user as { profile: { status_expiration: number } }).profile.status_expiration;
    expect(expiration * 1000 - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(expiration * 1000 - Date.now()).toBeLessThanOrEqual(30 * 60_000);
    expect(await api("users.info", { user: MAYA })).toMatchObject({ user: { profile: { status_text: "In a meeting", status_emoji: ":spiral_calendar_pad:", status_expiration: expiration } } });
    expect(await api("users.profile.get", { user: MAYA })).toMatchObject({ profile: { status_text: "In a meeting", status_expiration: expiration } });

    received = [];
    await ui("status", { as: MAYA, change: { kind: "dnd", minutes: 60 } });
    const [dnd] = events();
    expect(dnd).toMatchObject({ type: "dnd_updated_user", user: MAYA, signed: true, dnd_status: { dnd_enabled: true } });
    const window = dnd!.dnd_status as { next_dnd_start_ts: number; next_dnd_end_ts: number };
    expect(window.next_dnd_end_ts - window.next_dnd_start_ts).toBe(3600);
    expect(await api("dnd.teamInfo", { users: `${MAYA},${LUCAS}` })).toMatchObject({
      users: { [MAYA]: { dnd_enabled: true, next_dnd_start_ts: window.next_dnd_start_ts, next_dnd_end_ts: window.next_dnd_end_ts }, [LUCAS]: { dnd_enabled: false } },
    });

    received = [];
    await ui("status", { as: MAYA, change: { kind: "huddle", on: true } });
    expect(events().map((e) => e.type)).toEqual(["user_huddle_changed", "user_change"]);
    expect(events()[0]).toMatchObject({ user: { id: MAYA, profile: { huddle_state: "in_a_huddle", status_text: "In a meeting" } } });
    expect(await api("users.info", { user: MAYA })).toMatchObject({ user: { profile: { huddle_state: "in_a_huddle" } } });

    // The page shows it next to her name: status emoji, DND moon, headphones.
    const panel = ((await (await fetch(`${workspace.url}ui/frame?as=${LUCAS}`)).json()) as { panel: string }).panel;
    expect(panel).toContain('aria-label="Status: In a meeting, until');
    expect(panel).toContain('aria-label="Do not disturb until');
    expect(panel).toContain('aria-label="In a huddle"');

    received = [];
    await ui("status", { as: MAYA, change: { kind: "clear-status" } });
    await ui("status", { as: MAYA, change: { kind: "dnd", minutes: 0 } });
    await ui("status", { as: MAYA, change: { kind: "huddle", on: false } });
    expect(events().map((e) => e.type)).toEqual(["user_status_changed", "user_change", "dnd_updated_user", "user_huddle_changed", "user_change"]);
    expect(await api("users.info", { user: MAYA })).toMatchObject({ user: { profile: { status_text: "", status_emoji: "", status_expiration: 0, huddle_state: "default_unset" } } });
    expect(await api("dnd.teamInfo", { users: MAYA })).toMatchObject({ users: { [MAYA]: { dnd_enabled: false } } });
    expect(await ui("status", { as: MAYA, change: { kind: "status", emoji: "", text: "  ", expires: "never" } })).toMatchObject({ ok: false });
  });

  it("keeps the conversation across a restart (dataDir)", async () => {
    const posted = await client.chat.postMessage({ channel: GENERAL, text: "still here after a restart" });
    await workspace.close();
    received = [];
    await start();
    const history = await client.conversations.history({ channel: GENERAL, limit: 1 });
    expect(history.messages?.[0]).toMatchObject({ ts: posted.ts, text: "still here after a restart" });
    // The manager was made once; a restart does not ask again.
    await new Promise((r) => setTimeout(r, 200));
    expect(received).toEqual([]);
  });
});
