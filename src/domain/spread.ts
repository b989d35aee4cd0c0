/**
 * Big slots are spread on purpose: Slack lets a workspace post only so many messages a minute
 * (SLACK_POST_RATE_PER_MINUTE), so a slot with more recipients than that goes out over a window,
 * each person at a stable offset inside it (the same person gets about the same minute every slot).
 * Pure.
 */
import { hashString } from "../exercises/routine-builder.js";

/** The window a slot's prompts are spread over, in ms; 0 when they fit in a minute's budget. */
export function spreadWindowMs(recipients: number, postsPerMinute: number): number {
  if (recipients <= postsPerMinute || postsPerMinute <= 0) return 0;
  return Math.ceil((recipients / postsPerMinute) * 60_000);
}

/** A stable offset in [0, windowMs) for this key (the routine builder's hash: similar ids spread evenly). */
export function stableOffsetMs(key: string, windowMs: number): number {
  if (windowMs <= 0) return 0;
  return Math.floor((hashString(key) / 0x1_0000_0000) * windowMs);
}

/** How a slot goes out, for people to read ("2,000 members: prompts go out over about 4 minutes"). */
export interface SlotSpread {
  recipients: number;
  /** About how long the slot takes, whole minutes (at least 2: "about 1 minute" is no spread). */
  minutes: number;
  postsPerMinute: number;
}

/** The spread of a slot, or null when it fits in a minute's budget. Worded by the views. */
export function slotSpread(recipients: number, postsPerMinute: number): SlotSpread | null {
  const windowMs = spreadWindowMs(recipients, postsPerMinute);
  if (windowMs === 0) return null;
  return { recipients, minutes: Math.max(2, Math.round(windowMs / 60_000)), postsPerMinute };
}
