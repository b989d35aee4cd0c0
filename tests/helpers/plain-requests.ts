import { APP_ID, TEAM } from "./fixtures.js";

/**
 * Request bodies built without the Slack sample files: only the fields Bolt and the app read.
 * (tests/helpers/fixtures.ts builds the same from Slack's published samples; these keep a test
 * runnable in a checkout that has no samples next to it.)
 */
export function eventBody(event: Record<string, unknown>, teamId = TEAM): Record<string, unknown> {
  const now = Date.now() / 1000;
  return {
    token: "legacy-verification-token",
    team_id: teamId,
    context_team_id: teamId,
    api_app_id: APP_ID,
    type: "event_callback",
    event_id: `Ev${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
    event_time: Math.floor(now),
    event: { event_ts: now.toFixed(6), ...event },
    authorizations: [{ team_id: teamId, user_id: "U0BOTUSER", is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

/** Form fields of a `/stretch <text>` request. */
export function commandFields(input: { text: string; userId: string; channelId: string; responseUrl: string; teamId?: string }): Record<string, string> {
  return {
    token: "legacy-verification-token",
    api_app_id: APP_ID,
    team_id: input.teamId ?? TEAM,
    team_domain: "acme",
    channel_id: input.channelId,
    channel_name: "general",
    user_id: input.userId,
    user_name: input.userId.toLowerCase(),
    command: "/stretch",
    text: input.text,
    response_url: input.responseUrl,
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
  };
}
