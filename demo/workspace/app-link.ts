/**
 * Requests from "Slack" to the app, signed as Slack signs them (v0 HMAC-SHA256 over
 * `v0:<timestamp>:<body>` with the signing secret): slash commands and interactions form-encoded,
 * Events API envelopes as JSON. Slack gives the app 3 seconds to answer; so does this.
 */
import { createHmac, randomBytes } from "node:crypto";
import { APP, BOT, TEAM } from "./seed.js";

export interface AppAnswer {
  status: number;
  /** The body, parsed when it is JSON. */
  json: Record<string, unknown> | undefined;
  text: string;
  /** The app did not answer within 3 s, or could not be reached. */
  failure?: "timeout" | "unreachable";
}

/** Slack's deadline for acknowledging a command, an interaction or an event (and a trigger_id's life). */
export const SLACK_DEADLINE_MS = 3_000;

export class AppLink {
  constructor(
    private readonly requestUrl: string,
    private readonly signingSecret: string,
    private readonly clock: () => Date,
    private readonly deadlineMs = SLACK_DEADLINE_MS,
  ) {}

  /** A slash command: `application/x-www-form-urlencoded`, exactly (Bolt refuses a charset suffix). */
  command(fields: Record<string, string>): Promise<AppAnswer> {
    return this.post(new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded");
  }

  /** block_actions, view_submission, view_closed: one `payload` field holding JSON. */
  interaction(payload: Record<string, unknown>): Promise<AppAnswer> {
    return this.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), "application/x-www-form-urlencoded");
  }

  /** An Events API event in its `event_callback` envelope, with a fresh event_id. */
  event(event: Record<string, unknown>): Promise<AppAnswer> {
    const now = this.clock().getTime() / 1000;
    const envelope = {
      token: "demo-verification-token",
      team_id: TEAM.id,
      api_app_id: APP.id,
      event: { event_ts: now.toFixed(6), ...event },
      type: "event_callback",
      event_id: `Ev${randomBytes(5).toString("hex").toUpperCase()}`,
      event_time: Math.floor(now),
      authorizations: [{ enterprise_id: null, team_id: TEAM.id, user_id: BOT.userId, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
      event_context: `4-${randomBytes(12).toString("base64url")}`,
    };
    return this.post(JSON.stringify(envelope), "application/json");
  }

  private async post(body: string, contentType: string): Promise<AppAnswer> {
    // Signed with the real clock: Bolt refuses a timestamp more than 5 minutes from its own.
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac("sha256", this.signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
    try {
      const res = await fetch(this.requestUrl, {
        method: "POST",
        headers: { "content-type": contentType, "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature },
        body,
        signal: AbortSignal.timeout(this.deadlineMs),
      });
      const text = await res.text();
      let json: Record<string, unknown> | undefined;
      try {
        json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.status, json, text };
    } catch (error) {
      const timeout = (error as Error).name === "TimeoutError";
      return { status: 0, json: undefined, text: String(error), failure: timeout ? "timeout" : "unreachable" };
    }
  }
}
