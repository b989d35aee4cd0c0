/**
 * Label values must come from small, fixed sets: every distinct value is a time series kept by
 * Prometheus forever. Nothing here ever lets through a user, channel or team id, or a free-text
 * error message; anything unexpected becomes "other".
 */

/** Slack error codes we expect to see (documented for the methods the app calls). */
const SLACK_ERRORS = new Set([
  "account_inactive",
  "account_inactive_token",
  "already_reacted",
  "cannot_dm_bot",
  "cant_update_message",
  "channel_not_found",
  "ekm_access_denied",
  "expired_trigger_id",
  "fatal_error",
  "internal_error",
  "invalid_arguments",
  "invalid_auth",
  "invalid_blocks",
  "invalid_cursor",
  "invalid_trigger_id",
  "is_archived",
  "message_not_found",
  "method_not_supported_for_channel_type",
  "missing_scope",
  "msg_too_long",
  "no_permission",
  "no_text",
  "not_allowed_token_type",
  "not_authed",
  "not_found",
  "not_in_channel",
  "ratelimited",
  "request_timeout",
  "restricted_action",
  "service_unavailable",
  "team_access_not_granted",
  "token_expired",
  "token_revoked",
  "too_many_attachments",
  "user_disabled",
  "user_not_found",
  "no_such_subteam",
  "permission_denied",
]);

/** Our own reasons for skipping or deferring a prompt (src/engine, src/domain/availability). */
const PROMPT_REASONS = new Set([
  "expired",
  "dnd",
  "away",
  "paused",
  "opted_out",
  "error",
  "gave_up",
  "outcome_unknown",
  // src/domain/queued-prompt.ts: what changed since the prompt was queued
  "workspace_inactive",
  "schedule_deleted",
  "schedule_off",
  "before_schedule_on",
  "left_channel",
  "superseded",
  // src/domain/quiet-status.ts: in a meeting, a huddle, or an "away" status
  "meeting",
  "huddle",
  "away_status",
  // why a schedule was stopped (its pausedReason, the skip reason of prompts queued before):
  // channel events (src/bot/listeners/events/channel-gone.ts), uninstall and token revocation
  // (src/services/installation-service.ts: "app uninstalled", "tokens revoked")
  "channel_archived",
  "channel_deleted",
  "app_uninstalled",
  "tokens_revoked",
]);

/** A Slack Web API error code as a label: a known code, or "other_error". */
export function slackErrorLabel(code: string | undefined): string {
  return code && SLACK_ERRORS.has(code) ? code : "other_error";
}

/**
 * A skip/defer/failure reason as a label. Failure reasons are Slack codes, or our own
 * "error: …" / "gave up: …" texts, which keep only their kind.
 */
export function promptReasonLabel(reason: string | undefined): string {
  if (!reason) return "none";
  if (reason.startsWith("gave up")) return "gave_up";
  if (reason.startsWith("error")) return "error";
  // Some of our reasons are worded ("app uninstalled", "outcome unknown"): labels use underscores.
  const word = reason.replace(/ /g, "_");
  if (PROMPT_REASONS.has(word)) return word;
  return SLACK_ERRORS.has(reason) ? reason : "other";
}

/** Web API method names look like `chat.postMessage`; anything else (an upload URL) is named by kind. */
export function slackMethodLabel(method: string): string {
  if (method === "file_upload") return method;
  return /^[a-z]+(\.[a-zA-Z]+){1,3}$/.test(method) && method.length <= 64 ? method : "other";
}

/** Reaction outcomes (CompletionService.ReactionOutcome) are already a closed set; keep them short. */
export function reactionOutcomeLabel(outcome: string): string {
  return /^[a-z_:]{1,40}$/.test(outcome) ? outcome : "other";
}
