/**
 * reaction_added / reaction_removed envelopes, validated. Slack payloads are untrusted input: any
 * missing or odd field makes the event "not ours" (null), never an exception.
 */
export interface ReactionEvent {
  /** Envelope event_id: the idempotency key (a retry carries the same one). */
  eventId: string;
  teamId: string;
  kind: "added" | "removed";
  /** Who reacted. */
  userId: string;
  reaction: string;
  channelId: string;
  messageTs: string;
  /** Author of the message reacted to, when Slack says. */
  itemUser: string | undefined;
  /** When the reaction happened (event.event_ts, else the envelope's event_time, else now). */
  at: Date;
}

const SLACK_ID = /^[A-Z0-9][A-Z0-9_-]{1,40}$/i;
const MESSAGE_TS = /^\d{1,12}\.\d{1,8}$/;

export function parseReactionEvent(body: unknown, fallbackTeamId: string | undefined, now = new Date()): ReactionEvent | null {
  if (!isRecord(body) || !isRecord(body.event)) return null;
  const event = body.event;
  const kind = event.type === "reaction_added" ? "added" : event.type === "reaction_removed" ? "removed" : null;
  const item = isRecord(event.item) ? event.item : null;
  if (!kind || !item || item.type !== "message") return null;
  const eventId = str(body.event_id);
  const teamId = str(body.team_id) ?? fallbackTeamId;
  const userId = str(event.user);
  const reaction = str(event.reaction);
  const channelId = str(item.channel);
  const messageTs = str(item.ts);
  if (!eventId || eventId.length > 100 || !teamId || !userId || !reaction || reaction.length > 100 || !channelId || !messageTs) return null;
  if (!SLACK_ID.test(userId) || !SLACK_ID.test(channelId) || !SLACK_ID.test(teamId) || !MESSAGE_TS.test(messageTs)) return null;
  return { eventId, teamId, kind, userId, reaction, channelId, messageTs, itemUser: str(event.item_user), at: eventTime(event, body, now) };
}

function eventTime(event: Record<string, unknown>, body: Record<string, unknown>, now: Date): Date {
  const ts = Number(str(event.event_ts));
  if (Number.isFinite(ts) && ts > 1_000_000_000) return new Date(Math.round(ts * 1000));
  const time = body.event_time;
  if (typeof time === "number" && time > 1_000_000_000) return new Date(time * 1000);
  return now;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}
