/**
 * What people do in Slack during the chaos run, as correctly signed requests to the web process:
 * /stretch commands (answered through a response_url on the fake), reactions with Slack's retries,
 * and Done presses. Each request's outcome is kept for the checks.
 */
import { randomBytes } from "node:crypto";
import { sendCommand, sendEvent, sendInteraction } from "../helpers/slack-requests.js";
import type { ChaosSlack } from "./chaos-slack.js";
import type { DonePress, ReactionSent } from "./checks.js";

export const TEAM_ID = "T0TESTTEAM";
export const BOT_USER_ID = "U0BOTUSER";
const APP_ID = "A0STRETCH1";

let counter = 0;
const uniqueId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString("hex")}`.toUpperCase();

export class SlackTraffic {
  readonly reactions: ReactionSent[] = [];
  readonly donePresses: DonePress[] = [];
  commandsSent = 0;
  retriesSent = 0;

  constructor(
    private readonly webUrl: () => string,
    private readonly slack: ChaosSlack,
  ) {}

  /**
   * `/stretch <text>` from a person in a channel; resolves with the reply text (response_url or the
   * HTTP answer), or undefined when none came within `waitMs`.
   */
  async command(userId: string, channelId: string, text: string, waitMs = 15_000): Promise<{ status: number | null; reply: string | undefined }> {
    const responseId = uniqueId("cmd");
    this.commandsSent += 1;
    const fields = {
      token: "legacy-verification-token",
      team_id: TEAM_ID,
      team_domain: "acme",
      channel_id: channelId,
      channel_name: channelId.startsWith("D") ? "directmessage" : channelId.toLowerCase(),
      user_id: userId,
      user_name: userId.toLowerCase(),
      command: "/stretch",
      text,
      api_app_id: APP_ID,
      response_url: this.slack.fake.responseUrl(responseId),
      trigger_id: `${Date.now()}.738474920.${randomBytes(8).toString("hex")}`,
    };
    let status: number | null = null;
    let inline: string | undefined;
    try {
      const res = await sendCommand(this.webUrl(), fields);
      status = res.status;
      const body = res.json as { text?: string } | undefined;
      if (body?.text) inline = body.text;
    } catch {
      return { status: null, reply: undefined };
    }
    if (inline) return { status, reply: inline };
    if (status !== 200) return { status, reply: undefined };
    const deadline = Date.now() + waitMs;
    for (;;) {
      const reply = this.slack.responseText(responseId);
      if (reply !== undefined || Date.now() > deadline) return { status, reply };
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** A reaction event; with `retry`, Slack's retry of the same event_id follows (x-slack-retry-num). */
  async reaction(kind: "added" | "removed", userId: string, channel: string, ts: string, reaction: string, retry: boolean): Promise<ReactionSent> {
    const eventId = uniqueId("Ev");
    const now = Date.now();
    const envelope = {
      token: "legacy-verification-token",
      team_id: TEAM_ID,
      context_team_id: TEAM_ID,
      api_app_id: APP_ID,
      type: "event_callback",
      event_id: eventId,
      event_time: Math.floor(now / 1000),
      event: {
        type: `reaction_${kind}`,
        user: userId,
        reaction,
        item_user: BOT_USER_ID,
        item: { type: "message", channel, ts },
        event_ts: `${Math.floor(now / 1000)}.${String(now % 1000).padStart(3, "0")}100`,
      },
      authorizations: [{ team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
    };
    const sent: ReactionSent = { eventId, kind, userId, channel, ts, reaction, at: now, status: null };
    this.reactions.push(sent);
    sent.status = await this.deliver(envelope, {});
    // Slack retries when it did not see a 200 in time; the chaos run also retries some that did.
    if (retry || sent.status !== 200) {
      this.retriesSent += 1;
      const status = await this.deliver(envelope, { "x-slack-retry-num": "1", "x-slack-retry-reason": sent.status === null ? "http_error" : "http_timeout" });
      if (sent.status !== 200) sent.status = status;
    }
    return sent;
  }

  private async deliver(envelope: unknown, headers: Record<string, string>): Promise<number | null> {
    try {
      return (await sendEvent(this.webUrl(), envelope, { headers })).status;
    } catch {
      return null;
    }
  }

  /** The Done button on a prompt message; pressed twice when `twice`. */
  async done(userId: string, channel: string, ts: string, promptId: string, twice: boolean): Promise<DonePress> {
    const responseId = uniqueId("done");
    const press: DonePress = { userId, promptId, at: Date.now(), status: null, reply: undefined };
    this.donePresses.push(press);
    const payload = {
      type: "block_actions",
      team: { id: TEAM_ID, domain: "acme" },
      user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: TEAM_ID },
      api_app_id: APP_ID,
      token: "legacy-verification-token",
      container: { type: "message", message_ts: ts, channel_id: channel, is_ephemeral: false },
      trigger_id: `${Date.now()}.738474920.${randomBytes(8).toString("hex")}`,
      channel: { id: channel, name: channel.toLowerCase() },
      message: { type: "message", ts, text: "stretch prompt", bot_id: "B0BOTID", user: BOT_USER_ID },
      response_url: this.slack.fake.responseUrl(responseId),
      actions: [
        {
          action_id: "prompt_done",
          block_id: "actions",
          text: { type: "plain_text", text: "Done", emoji: true },
          value: promptId,
          type: "button",
          action_ts: `${Math.floor(Date.now() / 1000)}.000200`,
        },
      ],
      is_enterprise_install: false,
    };
    for (let i = 0; i < (twice ? 2 : 1); i++) {
      try {
        const status = (await sendInteraction(this.webUrl(), payload)).status;
        if (press.status !== 200) press.status = status;
      } catch {
        // web process down: not acknowledged
      }
    }
    if (press.status === 200) {
      const deadline = Date.now() + 10_000;
      while (press.reply === undefined && Date.now() < deadline) {
        press.reply = this.slack.responseText(responseId);
        if (press.reply === undefined) await new Promise((r) => setTimeout(r, 100));
      }
    }
    return press;
  }
}
