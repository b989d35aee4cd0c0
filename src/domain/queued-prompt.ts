/**
 * State wins over queue: a prompt queued earlier is re-checked when it is about to be posted, and
 * skipped (with this reason) when what people said since then forbids it. Pure.
 */
export interface QueuedPromptState {
  /** `now:` (asked for with /stretch now) and `snooze:` prompts are not the schedule's slots. */
  slotKey: string;
  slotAt: Date;
  /** Whether the prompt's schedule still exists (a deleted one leaves scheduleId null). */
  scheduleFound: boolean;
  scheduleKind: "channel" | "members" | "dm" | null;
  scheduleActive: boolean | null;
  schedulePausedUntil: Date | null;
  scheduleSlotsFrom: Date | null;
  /** Why the schedule stopped (e.g. channel_archived), when it did. */
  schedulePausedReason: string | null;
  workspaceActive: boolean | null;
  /** DM prompts: their person (null fields: no profile stored). */
  isDm: boolean;
  memberOptedOut: boolean | null;
  memberPausedUntil: Date | null;
  /** Members schedules: the person is still in the channel. */
  memberInChannel: boolean | null;
  /** A later slot of the same schedule already has a prompt for this target. */
  superseded: boolean;
}

export type SkipReason =
  | "workspace_inactive"
  | "opted_out"
  | "schedule_deleted"
  | "schedule_off"
  | "paused"
  | "before_schedule_on"
  | "left_channel"
  | "superseded"
  | string;

/** A pause holds a prompt whose slot fell before it ended, and anything while it lasts. */
function pausedFor(pausedUntil: Date | null, slotAt: Date, now: Date): boolean {
  return pausedUntil !== null && (pausedUntil > slotAt || pausedUntil > now);
}

/** Why this queued prompt must not be posted `now`, or null when it may go. */
export function queuedPromptSkipReason(s: QueuedPromptState, now: Date): SkipReason | null {
  if (s.workspaceActive === false) return "workspace_inactive";
  if (s.isDm && s.memberOptedOut) return "opted_out";
  const adHoc = s.slotKey.startsWith("now:") || s.slotKey.startsWith("snooze:");
  // A pause holds a person's scheduled and snoozed DMs; a /stretch now they asked for goes out.
  if (s.isDm && !s.slotKey.startsWith("now:") && pausedFor(s.memberPausedUntil, s.slotAt, now)) return "paused";
  if (adHoc) return null;
  if (!s.scheduleFound) return "schedule_deleted";
  if (s.scheduleActive === false) return s.schedulePausedReason ?? "schedule_off";
  if (pausedFor(s.schedulePausedUntil, s.slotAt, now)) return "paused";
  if (s.scheduleSlotsFrom && s.scheduleSlotsFrom > s.slotAt) return "before_schedule_on";
  if (s.scheduleKind === "members" && s.memberInChannel === false) return "left_channel";
  if (s.superseded) return "superseded";
  return null;
}
