import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { TEAM } from "./factories.js";

/**
 * Slack's published payload samples (tests/fixtures/slack, see its SOURCE.md) with realistic
 * ids filled in. They are shape samples: every string is "" there, so each builder sets what a
 * real request carries and drops the empty enterprise fields a non-Grid workspace does not send.
 */
const FIXTURES = fileURLToPath(new URL("../fixtures/slack/", import.meta.url));

export function loadFixture<T = Record<string, unknown>>(relativePath: string): T {
  return JSON.parse(readFileSync(resolve(FIXTURES, relativePath), "utf8")) as T;
}

/** One test team for all helpers (defined with the factories). */
export { TEAM } from "./factories.js";
export const APP_ID = "A0STRETCH1";

export interface CommandInput {
  text: string;
  userId?: string;
  channelId?: string;
  teamId?: string;
  responseUrl: string;
  channelName?: string;
}

/** Form fields of a `/stretch` request, from SlashCommandPayload.json. */
export function slashCommand(input: CommandInput): Record<string, string> {
  const sample = loadFixture<Record<string, unknown>>("app-backend/slash-commands/SlashCommandPayload.json");
  const filled: Record<string, unknown> = {
    ...sample,
    token: "legacy-verification-token",
    api_app_id: APP_ID,
    team_id: input.teamId ?? TEAM,
    team_domain: "acme",
    channel_id: input.channelId ?? "C0GENERAL1",
    channel_name: input.channelName ?? "general",
    user_id: input.userId ?? "U0ALICE001",
    user_name: "alice",
    command: "/stretch",
    text: input.text,
    response_url: input.responseUrl,
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
  };
  delete filled.enterprise_id;
  delete filled.enterprise_name;
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(filled)) fields[k] = String(v);
  return fields;
}

export interface BlockActionInput {
  actionId: string;
  value?: string;
  userId?: string;
  channelId?: string;
  teamId?: string;
  responseUrl: string;
  /** ts of the message holding the button (a prompt), when not ephemeral. */
  messageTs?: string;
  isEphemeral?: boolean;
  blockId?: string;
}

/** A block_actions interaction, from BlockActionPayload.json. */
export function blockAction(input: BlockActionInput): Record<string, unknown> {
  const sample = loadFixture<Record<string, unknown>>("app-backend/interactive-components/BlockActionPayload.json");
  const teamId = input.teamId ?? TEAM;
  const channelId = input.channelId ?? "C0GENERAL1";
  const messageTs = input.messageTs ?? "1700000000.000100";
  const payload: Record<string, unknown> = {
    ...sample,
    type: "block_actions",
    team: { id: teamId, domain: "acme" },
    user: { id: input.userId ?? "U0ALICE001", username: "alice", name: "alice", team_id: teamId },
    api_app_id: APP_ID,
    token: "legacy-verification-token",
    container: { type: "message", message_ts: messageTs, channel_id: channelId, is_ephemeral: input.isEphemeral ?? false },
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
    channel: { id: channelId, name: "general" },
    message: input.isEphemeral ? undefined : { type: "message", ts: messageTs, text: "prompt", bot_id: "B0BOTID", user: "U0BOTUSER" },
    response_url: input.responseUrl,
    actions: [
      {
        action_id: input.actionId,
        block_id: input.blockId ?? "actions",
        text: { type: "plain_text", text: "button", emoji: true },
        value: input.value ?? "",
        type: "button",
        action_ts: `${Math.floor(Date.now() / 1000)}.000200`,
      },
    ],
    is_enterprise_install: false,
  };
  for (const key of ["enterprise", "view", "state", "app_unfurl", "bot_access_token", "function_data", "interactivity"]) delete payload[key];
  if (payload.message === undefined) delete payload.message;
  return payload;
}

export interface EventInput {
  teamId?: string;
  eventId?: string;
  event: Record<string, unknown>;
}

/** An event_callback envelope from events/<name>Payload.json with the inner event merged in. */
export function eventEnvelope(sampleName: string, input: EventInput): Record<string, unknown> {
  const sample = loadFixture<Record<string, unknown>>(`events/${sampleName}Payload.json`);
  const teamId = input.teamId ?? TEAM;
  const envelope: Record<string, unknown> = {
    ...sample,
    token: "legacy-verification-token",
    team_id: teamId,
    api_app_id: APP_ID,
    // 17 of the samples have type "" at the top: Slack sends "event_callback".
    type: "event_callback",
    event_id: input.eventId ?? `Ev${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { ...(sample.event as Record<string, unknown>), ...input.event },
    authorizations: [{ team_id: teamId, user_id: "U0BOTUSER", is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
  for (const key of ["enterprise_id", "context_enterprise_id", "event_context"]) delete envelope[key];
  envelope.context_team_id = teamId;
  return envelope;
}
