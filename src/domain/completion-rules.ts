import { completionWindow } from "./completion-window.js";

/**
 * Who may complete a prompt, with which emoji, until when. Pure: the service loads the rows and
 * asks this; every "no" has a reason (logged at debug, never shown: late reactions are ignored
 * quietly).
 */

export interface PromptFacts {
  /** DM prompts: the only person who may complete it. Null for channel prompts. */
  recipientUserId: string | null;
  /** Prompt.postedAt ?? Prompt.slotAt. */
  promptAt: Date;
  /** Schedule.tz, the fallback zone. */
  promptTz: string | null;
}

export interface PersonFacts {
  tz: string | null;
  workEndMinute: number;
  optedOut: boolean;
  isBot: boolean;
}

export interface CompletionAttempt {
  prompt: PromptFacts;
  /** The Member row; null when we have never seen this person (defaults apply). */
  person: PersonFacts | null;
  userId: string;
  /** Emoji name for reactions; undefined for the Done button. */
  reaction?: string | undefined;
  /** Workspace.completionReactions; empty = any emoji. */
  allowedReactions: readonly string[];
  /** When the person acted (the event's time, so a retried event is judged by when it happened). */
  at: Date;
  /** Delivery.localDate for this prompt and person, when there is one. */
  deliveredLocalDate?: string | null | undefined;
}

export type CompletionVerdict =
  | { ok: true; localDate: string }
  | { ok: false; reason: "bot" | "opted_out" | "not_recipient" | "emoji_not_counted" | "late" };

export function judgeCompletion(attempt: CompletionAttempt): CompletionVerdict {
  const { prompt, person } = attempt;
  if (person?.isBot) return { ok: false, reason: "bot" };
  // Opted-out people are not tracked at all: nothing is stored for them.
  if (person?.optedOut) return { ok: false, reason: "opted_out" };
  if (prompt.recipientUserId && prompt.recipientUserId !== attempt.userId) return { ok: false, reason: "not_recipient" };
  if (attempt.reaction !== undefined && !reactionCounts(attempt.reaction, attempt.allowedReactions)) {
    return { ok: false, reason: "emoji_not_counted" };
  }
  const window = completionWindow({
    promptAt: prompt.promptAt,
    memberTz: person?.tz,
    workEndMinute: person?.workEndMinute,
    promptTz: prompt.promptTz,
    deliveredLocalDate: attempt.deliveredLocalDate,
  });
  if (attempt.at.getTime() >= window.closesAt.getTime()) return { ok: false, reason: "late" };
  return { ok: true, localDate: window.localDate };
}

/**
 * Whether an emoji counts. Skin tones are the same emoji ("+1::skin-tone-3" counts as "+1"), and
 * the workspace list may be written with colons (":muscle:").
 */
export function reactionCounts(reaction: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const base = normalizeReaction(reaction);
  return allowed.some((a) => normalizeReaction(a) === base);
}

export function normalizeReaction(name: string): string {
  return name.trim().replace(/^:|:$/g, "").replace(/::skin-tone-\d$/, "").toLowerCase();
}
