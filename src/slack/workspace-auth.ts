import type { WebClient } from "@slack/web-api";
import type { Logger } from "../logger.js";

export interface BotIdentity {
  botToken: string;
  botUserId?: string;
  botId?: string;
  teamId?: string;
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

  constructor(
    private readonly botToken: string,
    private readonly client: WebClient,
    private readonly logger: Logger,
    known: { botUserId?: string | undefined; botId?: string | undefined } = {},
    private readonly retryAfterMs = 30_000,
  ) {
    if (known.botUserId && known.botId) {
      this.identity = Promise.resolve({ botUserId: known.botUserId, botId: known.botId });
    }
  }

  async resolve(): Promise<BotIdentity> {
    if (!this.identity && Date.now() - this.failedAt >= this.retryAfterMs) {
      this.identity = this.fetchIdentity();
    }
    const known = this.identity ? await this.identity : {};
    return { botToken: this.botToken, ...known };
  }

  private async fetchIdentity(): Promise<Omit<BotIdentity, "botToken">> {
    try {
      const res = await this.client.auth.test({ token: this.botToken });
      const identity: Omit<BotIdentity, "botToken"> = {};
      if (res.user_id) identity.botUserId = res.user_id;
      if (res.bot_id) identity.botId = res.bot_id;
      if (res.team_id) identity.teamId = res.team_id;
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
