import type { WebClient } from "@slack/web-api";
import { slackErrorCode } from "../slack/errors.js";

/** Why a user group could not be read, in terms the views turn into plain words. */
export type UsergroupProblem = "missing_scope" | "not_available" | "not_found" | "failed";

export type UsergroupMembers = { ok: true; userIds: string[] } | { ok: false; problem: UsergroupProblem };

/**
 * Members of a Slack user group (usergroups.users.list). User groups need a paid plan and the
 * usergroups:read scope; each failure is told apart so the person learns what to do about it.
 */
export async function usergroupMembers(slack: WebClient, token: () => Promise<string>, usergroupId: string): Promise<UsergroupMembers> {
  try {
    const res = await slack.usergroups.users.list({ token: await token(), usergroup: usergroupId, include_disabled: false });
    return { ok: true, userIds: (res.users ?? []).filter((u): u is string => typeof u === "string") };
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === "missing_scope" || code === "not_allowed_token_type" || code === "no_permission") return { ok: false, problem: "missing_scope" };
    if (code === "paid_teams_only" || code === "plan_upgrade_required" || code === "feature_not_enabled") return { ok: false, problem: "not_available" };
    if (code === "no_such_subteam" || code === "subteam_not_found" || code === "invalid_usergroup") return { ok: false, problem: "not_found" };
    return { ok: false, problem: "failed" };
  }
}
