import { ErrorCode } from "@slack/web-api";

/**
 * Where a Slack call for a workspace gets its bot token. Every Slack call made for a workspace —
 * listeners' services, delivery, digests, membership seeding — asks this with the workspace's team
 * id, so in OAuth mode nothing runs on a process-wide token.
 */
export interface TokenSource {
  /**
   * A bot token that is valid now for this workspace (refreshed first when token rotation says it
   * is about to expire). Rejects with a Slack-shaped `not_installed` error when the workspace has
   * no installation (uninstalled, tokens revoked), which callers classify like `invalid_auth`.
   */
  botToken(teamId: string, enterpriseId?: string): Promise<string>;
  /**
   * Deletes the stored tokens serving a workspace (or, org-wide, an Enterprise Grid org) at once.
   * Absent in single-workspace mode, where the token lives in the environment.
   */
  revoke?(teamId: string | undefined, enterpriseId: string | undefined, orgWide: boolean): Promise<number>;
}

/** Single-workspace mode: SLACK_BOT_TOKEN for every call. */
export class StaticTokenSource implements TokenSource {
  constructor(private readonly token: string) {}

  botToken(): Promise<string> {
    return Promise.resolve(this.token);
  }
}

/** Shaped like WebClient's platform errors so src/slack/errors.ts classifies it (scope: workspace). */
export function notInstalledError(teamId: string | undefined): Error {
  return Object.assign(new Error(`An API error occurred: not_installed (no installation for workspace ${teamId ?? "unknown"})`), {
    code: ErrorCode.PlatformError,
    data: { ok: false, error: "not_installed" },
  });
}

/** A token that expired and could not be refreshed. */
export function tokenExpiredError(): Error {
  return Object.assign(new Error("An API error occurred: token_expired (refresh failed)"), {
    code: ErrorCode.PlatformError,
    data: { ok: false, error: "token_expired" },
  });
}
