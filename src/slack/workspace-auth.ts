import type { WebClient } from "@slack/web-api";
import type { Logger } from "../logger.js";

export interface BotIdentity {
  botToken: string;
  botUserId?: string;
  botId?: string;
  teamId?: string;
  enterpriseId?: string;
}

/** A request for a workspace this app is not installed in (or cannot confirm yet): refused. */
export class NotInstalledError extends Error {
  constructor(teamId: string | undefined, installedTeam: string | undefined) {
    super(installedTeam ? `not installed in team ${teamId ?? "(none)"}` : "installed workspace unknown yet (auth.test has not answered)");
    this.name = "NotInstalledError";
  }
}

/**
 * Resolves the bot identity for a workspace. Single-token mode: SLACK_BOT_TOKEN for every team.
 *
 * auth.test is called lazily and its answer cached; a failure (Slack unreachable) is remembered
 * for `retryAfterMs` so requests keep flowing with the token alone instead of waiting on Slack.
 */
export class SingleWorkspaceAuth {
  private identity: Promise<Omit<BotIdentity, "botToken">> | undefined;
  private failedAt = 0;

  /**
   * Remembers the installed team once auth.test confirmed it, and answers for it while auth.test
   * cannot be reached (e.g. a restart during a Slack outage). Optional: without it, requests are
   * refused until auth.test answers.
   */
  installedTeams: { confirm(teamId: string, botUserId?: string, botId?: string): Promise<void>; isConfirmed(teamId: string): Promise<boolean> } | undefined;

  constructor(
    private readonly botToken: string,
    private readonly client: WebClient,
    private readonly logger: Logger,
    /** All three known: start-up skips auth.test. Without the team id it is still asked (authorize needs it). */
    known: { botUserId?: string | undefined; botId?: string | undefined; teamId?: string | undefined } = {},
    private readonly retryAfterMs = 30_000,
  ) {
    if (known.botUserId && known.botId && known.teamId) {
      this.identity = Promise.resolve({ botUserId: known.botUserId, botId: known.botId, teamId: known.teamId });
    }
  }

  /**
   * The identity for a request from `teamId`, only if that is the workspace the token belongs to
   * (or, on Enterprise Grid, a workspace of its organization). Anything else, including a request
   * while auth.test has never answered, throws NotInstalledError (Bolt answers 401): a team id in
   * a signed request is the only check between another workspace and this one's data.
   */
  async authorize(teamId: string | undefined, enterpriseId: string | undefined): Promise<BotIdentity> {
    const identity = await this.resolve();
    if (!identity.teamId && teamId && (await this.confirmedEarlier(teamId))) return { ...identity, teamId };
    const sameOrg = Boolean(enterpriseId && identity.enterpriseId && enterpriseId === identity.enterpriseId);
    if (!identity.teamId || (teamId !== undefined && teamId !== identity.teamId && !sameOrg)) {
      throw new NotInstalledError(teamId, identity.teamId);
    }
    return { ...identity, teamId: teamId ?? identity.teamId };
  }

  async resolve(): Promise<BotIdentity> {
    if (!this.identity && Date.now() - this.failedAt >= this.retryAfterMs) {
      this.identity = this.fetchIdentity();
    }
    const known = this.identity ? await this.identity : {};
    return { botToken: this.botToken, ...known };
  }

  private async confirmedEarlier(teamId: string): Promise<boolean> {
    try {
      return (await this.installedTeams?.isConfirmed(teamId)) ?? false;
    } catch (error) {
      this.logger.warn({ err: errorMessage(error) }, "could not check the installed workspace; refusing the request");
      return false;
    }
  }

  private async fetchIdentity(): Promise<Omit<BotIdentity, "botToken">> {
    try {
      const res = await this.client.auth.test({ token: this.botToken });
      const identity: Omit<BotIdentity, "botToken"> = {};
      if (res.user_id) identity.botUserId = res.user_id;
      if (res.bot_id) identity.botId = res.bot_id;
      if (res.team_id) identity.teamId = res.team_id;
      if (res.enterprise_id) identity.enterpriseId = res.enterprise_id;
      if (identity.teamId) {
        void this.installedTeams?.confirm(identity.teamId, identity.botUserId, identity.botId).catch((error: unknown) => {
          this.logger.warn({ err: errorMessage(error) }, "could not remember the installed workspace");
        });
      }
      return identity;
    } catch (error) {
      this.failedAt = Date.now();
      this.identity = undefined;
      this.logger.warn({ err: errorMessage(error) }, "auth.test failed; continuing with the token alone, will retry");
      return {};
    }
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
