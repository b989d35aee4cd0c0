import { ErrorCode } from "@slack/web-api";

/**
 * What a failed Web API call means for a job:
 * - `rate_limited`: Slack said 429; nothing was done; wait `retryAfterMs` (BullMQ rate limiter).
 * - `permanent`: Slack answered ok:false with an error retrying cannot fix; nothing was done.
 * - `rejected`: Slack answered ok:false with some other error; nothing was done; retry may help.
 * - `unknown_outcome`: timeout, network error or 5xx: the call may or may not have taken effect.
 */
export type SlackFailure =
  | { kind: "rate_limited"; retryAfterMs: number }
  | { kind: "permanent"; error: string; scope: "target" | "workspace" }
  | { kind: "rejected"; error: string }
  | { kind: "unknown_outcome"; error: string };

/** The target itself is gone or unreachable: the schedule that posts there must stop. */
const TARGET_GONE = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "account_inactive",
  "user_not_found",
  "cannot_dm_bot",
  "user_disabled",
]);

/** The token no longer works: nothing in this workspace can be posted. */
const WORKSPACE_GONE = new Set(["invalid_auth", "not_installed", "token_revoked", "account_inactive_token", "not_authed", "team_access_not_granted", "token_expired"]);

/** Errors Slack documents as "try again" (or our own timeouts) even though ok:false was answered. */
const RETRYABLE_PLATFORM = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited"]);

export function classifySlackError(error: unknown): SlackFailure {
  const e = error as { code?: string; retryAfter?: number; statusCode?: number; message?: string };
  if (e?.code === ErrorCode.RateLimitedError) {
    // Slack says whole seconds; our own pacing (src/engine/workspace-rate-limiter.ts) may say less.
    return { kind: "rate_limited", retryAfterMs: Math.max(50, Math.round((e.retryAfter ?? 1) * 1000)) };
  }
  if (e?.code === ErrorCode.PlatformError) {
    const code = slackErrorCode(error) ?? "unknown_error";
    // account_inactive is about the token when Slack says so for the bot itself; for chat.postMessage
    // to a deactivated person it is the target. Both stop this target; the token case is caught by
    // invalid_auth on the next call anyway.
    if (WORKSPACE_GONE.has(code)) return { kind: "permanent", error: code, scope: "workspace" };
    if (TARGET_GONE.has(code)) return { kind: "permanent", error: code, scope: "target" };
    if (RETRYABLE_PLATFORM.has(code)) return { kind: "unknown_outcome", error: code };
    return { kind: "rejected", error: code };
  }
  return { kind: "unknown_outcome", error: e?.code ?? e?.message ?? String(error) };
}

/** The error Slack answered with ok:false (`data.error`), or undefined for anything else (network, 429…). */
export function slackErrorCode(error: unknown): string | undefined {
  return (error as { data?: { error?: string } } | undefined)?.data?.error;
}

/** What to log about a failed call: Slack's error code, else the error itself. */
export function slackErrorText(error: unknown): string {
  return slackErrorCode(error) ?? String(error);
}
