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

// What the rest of the app asks of the engine. The engine implements these (schedule-sync.ts,
// dispatch.ts); services depend on them (re-exported by src/services/ports.ts), never on classes.

/** Keeps BullMQ job schedulers in line with Postgres, the source of truth. */
export interface ScheduleSync {
  /** After a schedule row was created, edited, paused, resumed or deleted. Idempotent. */
  scheduleChanged(teamId: string, scheduleId: string): Promise<void>;
}

export type PostNowResult =
  | { ok: true; channelId: string }
  /** `limit`: one `/stretch now` prompt is still on its way, or the hourly number is reached (until `retryAt`). */
  | { ok: false; reason: string; limit?: "pending" | "hourly"; retryAt?: Date; perHour?: number; tz?: string };

/** Posts prompts outside the slot grid. */
export interface PromptDispatch {
  /** `/stretch now`: one prompt in this channel (or DM) right away, for whoever asked. */
  postNow(input: { teamId: string; channelId: string; requestedBy: string }): Promise<PostNowResult>;
}

// What the engine asks of the rest of the app. The composition root (src/services/index.ts,
// src/app.ts) passes the services, which fit these shapes; the engine imports no service.

/** Final (or, for `deferred`, interim) fate of one prompt delivery. */
export type PromptOutcome = "posted" | "recovered" | "skipped" | "deferred" | "failed";

/** The engine's share of the app's Telemetry (src/services/telemetry.ts extends it). */
export interface EngineTelemetry {
  /** A prompt's outcome; `reason` for skipped/deferred/failed (free text is bounded by the adapter). */
  prompt(outcome: PromptOutcome, reason?: string): void;
  /** Seconds between the prompt's slot and the moment Slack accepted it. */
  promptLateness(seconds: number): void;
  /** One reconcile pass (this process held the lock), with what it repaired. */
  reconcileRun(result: { ok: true; repairs: Record<string, number> } | { ok: false }): void;
}

/** Reports nothing (tests and tools that build the engine without src/app.ts). */
export const silentEngineTelemetry: EngineTelemetry = {
  prompt: () => undefined,
  promptLateness: () => undefined,
  reconcileRun: () => undefined,
};

/** People's profiles as membership keeps them fresh (src/services/member-service.ts). */
export interface MemberProfiles {
  /** The stored profile, read from Slack first when there is none. */
  get(teamId: string, userId: string): Promise<unknown>;
  /** Reads one profile from Slack (users.info) and stores it. */
  refresh(teamId: string, userId: string): Promise<void>;
  /** Stores the profiles of a users.list page. */
  saveListed(teamId: string, users: Array<Record<string, unknown>>): Promise<void>;
  /** Slack says this person no longer exists. */
  markGone(teamId: string, userId: string): Promise<void>;
  /** A user_change event's user object. */
  applyUserChange(teamId: string, user: Record<string, unknown>): Promise<void>;
}

/** Who pressed "Another" on a prompt. */
export interface RoutineAsker {
  teamId: string;
  userId: string;
  channelId?: string | undefined;
}

/**
 * "Another routine" for a prompt's area (src/services/routine-service.ts): the engine finds the
 * prompt and hands back the reply untouched, so its type is the composition root's (`Reply`).
 */
export interface AnotherRoutine<Reply> {
  another(asker: RoutineAsker, text: string, currentIds: string[]): Promise<Reply>;
}

/** The weekly digest tick's work (src/services/digest-service.ts): sends whatever is due now. */
export interface DueDigests {
  sendDueDigests(): Promise<unknown>;
}

/** The hourly retention purge of uninstalled workspaces (src/services/installation-service.ts). */
export interface RetentionPurge {
  purgeExpired(): Promise<unknown>;
}
