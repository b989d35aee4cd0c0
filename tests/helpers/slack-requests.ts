import { createHmac } from "node:crypto";

export const TEST_SIGNING_SECRET = "test-signing-secret-0123456789";

/** Slack's v0 signature over `v0:<timestamp>:<raw body>`. */
export function sign(body: string, timestamp: number, secret = TEST_SIGNING_SECRET): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SendOptions {
  secret?: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Override the signature header (bad-signature tests). */
  signature?: string;
  headers?: Record<string, string>;
}

export interface SlackHttpAnswer {
  status: number;
  text: string;
  json: unknown;
  ms: number;
}

async function post(baseUrl: string, body: string, contentType: string, options: SendOptions): Promise<SlackHttpAnswer> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const started = performance.now();
  const res = await fetch(`${baseUrl}/slack/events`, {
    method: "POST",
    headers: {
      // Exactly this value: Bolt rejects a "; charset=utf-8" suffix on slash commands.
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": options.signature ?? sign(body, timestamp, options.secret),
      ...(options.headers ?? {}),
    },
    body,
  });
  const text = await res.text();
  const ms = performance.now() - started;
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, ms };
}

/** A slash command, form-encoded as Slack sends it. Fields from app-backend/slash-commands. */
export function sendCommand(baseUrl: string, fields: Record<string, string>, options: SendOptions = {}) {
  const body = new URLSearchParams(fields).toString();
  return post(baseUrl, body, "application/x-www-form-urlencoded", options);
}

/** An interaction (block_actions, view_submission…): one form field `payload` holding JSON. */
export function sendInteraction(baseUrl: string, payload: unknown, options: SendOptions = {}) {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return post(baseUrl, body, "application/x-www-form-urlencoded", options);
}

/** An Events API envelope (event_callback) as JSON. */
export function sendEvent(baseUrl: string, envelope: unknown, options: SendOptions = {}) {
  return post(baseUrl, JSON.stringify(envelope), "application/json", options);
}
