import type { WebClient } from "@slack/web-api";
import { LRUCache } from "lru-cache";
import type { Logger } from "../logger.js";
import type { TokenSource } from "../slack/token-source.js";
import { slackErrorText } from "../slack/errors.js";

/** Most remembered channels; the creator of a channel never changes, so entries do not expire. */
const MAX_REMEMBERED = 5_000;

/**
 * Who created a channel (conversations.info `creator`), for the rule that only the channel's
 * creator, admins/owners and managers may DM a whole channel (`members` schedules). Unknown
 * (Slack unreachable, no access) is null: callers treat that as "not the creator" (fail closed).
 */
export class ChannelCreators {
  private readonly known = new LRUCache<string, string>({ max: MAX_REMEMBERED });

  constructor(
    private readonly slack: WebClient,
    private readonly tokens: TokenSource,
    private readonly log: Logger,
  ) {}

  async creatorOf(teamId: string, channelId: string): Promise<string | null> {
    const key = `${teamId}|${channelId}`;
    const cached = this.known.get(key);
    if (cached) return cached;
    try {
      const res = await this.slack.conversations.info({ token: await this.tokens.botToken(teamId), channel: channelId });
      const creator = (res.channel as { creator?: unknown } | undefined)?.creator;
      if (typeof creator !== "string" || creator.length === 0) return null;
      this.known.set(key, creator);
      return creator;
    } catch (error) {
      this.log.warn({ teamId, channelId, err: slackErrorText(error) }, "conversations.info failed; channel creator unknown");
      return null;
    }
  }
}
