import { ErrorCode } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FastSlackApi } from "../../src/slack/fast-api.js";
import { classifySlackError } from "../../src/slack/errors.js";
import { FakeSlack } from "../helpers/fake-slack.js";

/** The per-prompt client must fail exactly like a WebClient with retries off, so one classifier serves both. */
describe("FastSlackApi (chat.postMessage and dnd.teamInfo over an undici pool)", () => {
  const fake = new FakeSlack();
  let api: FastSlackApi;

  beforeAll(async () => {
    await fake.start();
    api = new FastSlackApi({ slackApiUrl: fake.apiUrl, token: "xoxb-fast-api-test", timeoutMs: 300 });
  });
  afterAll(async () => {
    await api.close();
    await fake.stop();
  });
  beforeEach(() => fake.reset());

  it("posts JSON with the bearer token under the base path and returns Slack's answer", async () => {
    const res = await api.postMessage({ channel: "U0FASTAPI1", text: "hi", blocks: [{ type: "section", text: { type: "mrkdwn", text: "*hi*" } }] });
    expect(res).toMatchObject({ channel: "D0FASTAPI1" });
    expect(res.ts).toMatch(/^\d+\.\d+$/);
    const [call] = fake.callsOf("chat.postMessage");
    expect(call?.token).toBe("xoxb-fast-api-test");
    expect(call?.args).toMatchObject({ channel: "U0FASTAPI1", blocks: [{ type: "section" }] });
  });

  it("sends dnd.teamInfo form-encoded and returns the users map", async () => {
    fake.dnd.set("U0DND00001", { nextDndStart: 100, nextDndEnd: 200 });
    const users = await api.dndTeamInfo(["U0DND00001", "U0DND00002"]);
    expect(users).toEqual({
      U0DND00001: { dnd_enabled: true, next_dnd_start_ts: 100, next_dnd_end_ts: 200 },
      U0DND00002: { dnd_enabled: false, next_dnd_start_ts: 1, next_dnd_end_ts: 1 },
    });
    expect(fake.callsOf("dnd.teamInfo")[0]?.raw).toBe("users=U0DND00001%2CU0DND00002");
  });

  it("a 429 is a RateLimitedError carrying Retry-After", async () => {
    fake.on("chat.postMessage", () => ({ status: 429, headers: { "retry-after": "7" }, body: { ok: false, error: "ratelimited" } }));
    const error = await api.postMessage({ channel: "C0RATELIM1", text: "x" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
    expect(classifySlackError(error)).toEqual({ kind: "rate_limited", retryAfterMs: 7000 });
  });

  it("ok:false is a PlatformError with Slack's error code", async () => {
    fake.on("chat.postMessage", () => ({ ok: false, error: "channel_not_found" }));
    const error = await api.postMessage({ channel: "C0GONE0001", text: "x" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.PlatformError, data: { error: "channel_not_found" } });
    expect(classifySlackError(error)).toMatchObject({ kind: "permanent", error: "channel_not_found" });
  });

  it("a 5xx or an answer that is not JSON is an HTTPError: the post may or may not have happened", async () => {
    fake.on("chat.postMessage", () => ({ status: 503, body: { ok: false } }));
    const unavailable = await api.postMessage({ channel: "C0DOWN0001", text: "x" }).catch((e: unknown) => e);
    expect(unavailable).toMatchObject({ code: ErrorCode.HTTPError, statusCode: 503 });
    expect(classifySlackError(unavailable).kind).toBe("unknown_outcome");

    fake.on("chat.postMessage", () => ({ status: 200, headers: { "content-type": "text/html" }, body: undefined }));
    const empty = await api.postMessage({ channel: "C0DOWN0001", text: "x" }).catch((e: unknown) => e);
    expect(empty).toMatchObject({ code: ErrorCode.HTTPError });
  });

  it("no answer within the timeout is a RequestError (unknown outcome), and the pool keeps working", async () => {
    fake.on("chat.postMessage", () => ({ status: 200, delayMs: 1_000, body: { ok: true, channel: "C0SLOW0001", ts: "1.2" } }));
    const error = await api.postMessage({ channel: "C0SLOW0001", text: "x" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.RequestError });
    expect(classifySlackError(error).kind).toBe("unknown_outcome");

    fake.reset();
    await expect(api.postMessage({ channel: "C0AFTER001", text: "x" })).resolves.toMatchObject({ channel: "C0AFTER001" });
  });

  it("a refused connection is a RequestError", async () => {
    const nowhere = new FastSlackApi({ slackApiUrl: "http://127.0.0.1:9/api/", token: "xoxb-x", timeoutMs: 300 });
    try {
      const error = await nowhere.postMessage({ channel: "C0NOWHERE1", text: "x" }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: ErrorCode.RequestError });
    } finally {
      await nowhere.close();
    }
  });
});
