import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { loadConfig, ConfigError } from "../../../src/config/index.js";
import { basicMatches, bearerMatches, secretsEqual } from "../../../src/observability/http-auth.js";
import { promptReasonLabel, slackErrorLabel, slackMethodLabel } from "../../../src/observability/labels.js";

const req = (authorization?: string) => ({ headers: authorization ? { authorization } : {} }) as IncomingMessage;

describe("metric labels stay bounded", () => {
  it("keeps known Slack codes and folds the rest", () => {
    expect(slackErrorLabel("channel_not_found")).toBe("channel_not_found");
    expect(slackErrorLabel("C0123ABC is gone")).toBe("other_error");
    expect(slackErrorLabel(undefined)).toBe("other_error");
  });
  it("reduces our free-text failure reasons to their kind", () => {
    expect(promptReasonLabel("gave up: request_timeout")).toBe("gave_up");
    expect(promptReasonLabel("error: Error: connection refused to 10.0.0.1")).toBe("error");
    expect(promptReasonLabel("dnd")).toBe("dnd");
    expect(promptReasonLabel("U0ALICE001")).toBe("other");
  });
  it("names why a stopped schedule's prompts were skipped (channel gone, uninstalled), worded reasons with underscores", () => {
    expect(promptReasonLabel("channel_archived")).toBe("channel_archived");
    expect(promptReasonLabel("channel_deleted")).toBe("channel_deleted");
    expect(promptReasonLabel("app uninstalled")).toBe("app_uninstalled");
    expect(promptReasonLabel("tokens revoked")).toBe("tokens_revoked");
    expect(promptReasonLabel("outcome unknown")).toBe("outcome_unknown");
    expect(promptReasonLabel("some other words")).toBe("other");
  });
  it("accepts Web API method names only", () => {
    expect(slackMethodLabel("chat.postMessage")).toBe("chat.postMessage");
    expect(slackMethodLabel("admin.conversations.restrictAccess.addGroup")).toBe("admin.conversations.restrictAccess.addGroup");
    expect(slackMethodLabel("F0FAKE123")).toBe("other");
    expect(slackMethodLabel("file_upload")).toBe("file_upload");
  });
});

describe("operator endpoints' credentials", () => {
  it("compares secrets of any length", () => {
    expect(secretsEqual("abc", "abc")).toBe(true);
    expect(secretsEqual("abc", "abcd")).toBe(false);
    expect(secretsEqual("", "x")).toBe(false);
  });
  it("bearer: exact token only", () => {
    expect(bearerMatches(req("Bearer s3cret-token-123456"), "s3cret-token-123456")).toBe(true);
    expect(bearerMatches(req("Bearer s3cret-token-12345"), "s3cret-token-123456")).toBe(false);
    expect(bearerMatches(req("s3cret-token-123456"), "s3cret-token-123456")).toBe(false);
    expect(bearerMatches(req(), "s3cret-token-123456")).toBe(false);
  });
  it("basic: user and password must both match; a colon in the password is kept", () => {
    const header = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString("base64")}`;
    expect(basicMatches(req(header("ops", "pa:ss word 123")), "ops", "pa:ss word 123")).toBe(true);
    expect(basicMatches(req(header("ops", "wrong")), "ops", "pa:ss word 123")).toBe(false);
    expect(basicMatches(req(header("root", "pa:ss word 123")), "ops", "pa:ss word 123")).toBe(false);
    expect(basicMatches(req("Basic !!!"), "ops", "pa:ss word 123")).toBe(false);
  });
  it("the dashboard needs ADMIN_USERNAME and ADMIN_PASSWORD together", () => {
    const base = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "12345678", DATABASE_URL: "postgres://x@y/z" };
    expect(() => loadConfig({ ...base, ADMIN_USERNAME: "ops" })).toThrow(ConfigError);
    expect(loadConfig({ ...base, ADMIN_USERNAME: "ops", ADMIN_PASSWORD: "long enough pw" }).ADMIN_QUEUE_ACTIONS).toBe(false);
    expect(() => loadConfig({ ...base, METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN must be at least 16/);
  });
});
