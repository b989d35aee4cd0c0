import type { Routine } from "../exercises/routine-builder.js";
import type { T } from "../i18n/index.js";

/**
 * What the engine posts, as data. The engine decides who gets what and when, and posts it (the
 * exactly-once protocol lives in delivery.ts); how it looks is the edge's business: the composition
 * root passes the Block Kit presenter (src/bot/presenters/engine.ts). Outline's presenters are the model.
 */
export interface EnginePresenter {
  /** The stretch prompt itself (a channel post or a DM). */
  prompt(view: PromptView): OutgoingMessage;
  /** The DM telling a schedule's owner it was paused (channel gone, person deactivated…). */
  schedulePaused(notice: PausedScheduleNotice, t: T): OutgoingMessage;
}

/** A rendered message, opaque to the engine: spread into chat.postMessage as is. */
export interface OutgoingMessage {
  text: string;
  blocks?: readonly unknown[];
}

export interface PromptView {
  promptId: string;
  routine: Routine;
  /** Channel prompts talk to everyone; DM prompts to one person. */
  audience: "channel" | "dm";
  /** Set on the re-sent copy after Snooze. */
  snoozed?: boolean;
  /** Snoozes this prompt still allows (default MAX_SNOOZES); 0 → only Done and Skip. */
  snoozesLeft?: number;
  /** `full`: every step inline (a person's choice); default compact. */
  style?: "compact" | "full";
  /** The language (default English). */
  t?: T;
}

export interface PausedScheduleNotice {
  kind: "channel" | "members" | "dm";
  channelId: string | null;
  /** Why it was paused (a PauseReason code, or Slack's error). */
  reason: string;
}
