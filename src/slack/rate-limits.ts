/**
 * Slack's rate limits, in one place. Slack counts per method, per workspace, per app; the figures
 * are the documented tiers (docs.slack.dev "Rate limits"), a little under each tier's floor so a
 * normal run provokes almost no 429s:
 *   Tier 1: 1+ per minute · Tier 2: 20+ · Tier 3: 50+ · Tier 4: 100+ · chat.postMessage: special
 *   (about 1 per second per channel, plus a workspace-wide budget Slack does not publish).
 * Since 2025, commercially distributed apps not approved for the Marketplace get
 * conversations.history and conversations.replies at about 1 call a minute.
 */
export interface MethodLimit {
  /** Calls per minute per workspace we allow ourselves. */
  perMinute: number;
  /** Calls allowed back to back before spacing applies (Slack tolerates short bursts). */
  burst: number;
}

export const METHOD_LIMITS: Readonly<Record<string, MethodLimit>> = {
  // Tier 4
  "users.info": { perMinute: 90, burst: 10 },
  "conversations.members": { perMinute: 90, burst: 5 },
  // Tier 3
  "users.getPresence": { perMinute: 45, burst: 4 },
  "conversations.open": { perMinute: 45, burst: 10 },
  "conversations.info": { perMinute: 45, burst: 5 },
  // Tier 2
  "dnd.teamInfo": { perMinute: 18, burst: 4 },
  "users.list": { perMinute: 18, burst: 2 },
  // Non-Marketplace commercial apps (see above); internal apps get Tier 3 but we cannot tell.
  "conversations.history": { perMinute: 1, burst: 1 },
};

/** Default workspace-wide chat.postMessage budget (SLACK_POST_RATE_PER_MINUTE): what large bot operators report Slack allows, with a margin. */
export const DEFAULT_POST_RATE_PER_MINUTE = 500;

/** One channel: about one message a second (posts to one channel are also spaced by the channel pacer). */
export const CHANNEL_POST_SPACING_MS = 1100;

/** The limit of a method for a workspace; chat.postMessage uses the configured budget. */
export function limitOf(method: string, postRatePerMinute: number): MethodLimit | undefined {
  if (method === "chat.postMessage") return { perMinute: postRatePerMinute, burst: Math.max(1, Math.floor(postRatePerMinute / 60)) };
  return METHOD_LIMITS[method];
}
