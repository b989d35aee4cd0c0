/**
 * Whether a DM prompt may interrupt someone now (Do Not Disturb), and if not, until when to wait.
 * Pure: Slack's dnd.info answer and instants in, a verdict out.
 */
import { DateTime } from "luxon";
import { knownZone } from "./zones.js";

/** The fields of dnd.info we use (Unix seconds). */
export interface DndStatus {
  dnd_enabled?: boolean;
  next_dnd_start_ts?: number;
  next_dnd_end_ts?: number;
  snooze_enabled?: boolean;
  snooze_endtime?: number;
}

export type Availability = { kind: "ok" } | { kind: "defer"; until: Date } | { kind: "skip"; reason: string };

/** Deferred prompts go out this long after DND ends (clock skew between Slack and us). */
export const AFTER_DND_MS = 5_000;

/** When this person's DND (scheduled quiet hours or a manual snooze) ends, or null if not in DND now. */
export function dndEndsAt(status: DndStatus, nowMs: number): number | null {
  let until = 0;
  const snoozeEnd = (status.snooze_endtime ?? 0) * 1000;
  if (status.snooze_enabled && snoozeEnd > nowMs) until = snoozeEnd;
  const start = (status.next_dnd_start_ts ?? 0) * 1000;
  const end = (status.next_dnd_end_ts ?? 0) * 1000;
  if (status.dnd_enabled !== false && start > 0 && start <= nowMs && nowMs < end) until = Math.max(until, end);
  return until > 0 ? until : null;
}

/**
 * The wall-clock time `endMinute` (minutes after midnight; 1440 = the end of the day) on
 * `slotAt`'s local day in `tz`. Set as wall time, not added as elapsed minutes: a DST day has 23 or
 * 25 hours.
 */
export function windowEndInstant(slotAt: Date, tz: string, endMinute: number): Date {
  const zone = knownZone(tz) ? tz : "UTC";
  const day = DateTime.fromJSDate(slotAt, { zone }).startOf("day");
  if (endMinute >= 24 * 60) return day.plus({ days: 1 }).startOf("day").toJSDate();
  return day.set({ hour: Math.floor(endMinute / 60), minute: endMinute % 60 }).toJSDate();
}

/** In DND: wait for its end when that is still inside the window, else skip with reason "dnd". */
export function dndVerdict(dndEnd: number | null, windowEnd: Date): Availability {
  if (dndEnd === null) return { kind: "ok" };
  const until = dndEnd + AFTER_DND_MS;
  return until < windowEnd.getTime() ? { kind: "defer", until: new Date(until) } : { kind: "skip", reason: "dnd" };
}
