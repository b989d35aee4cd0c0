/**
 * Whether a DM prompt may interrupt someone now (Do Not Disturb), and if not, until when to wait.
 * Pure: Slack's dnd.info answer and instants in, a verdict out.
 */
import { DateTime } from "luxon";
import { isValidZone } from "../time/zones.js";

/** The fields of dnd.info we use (Unix seconds). */
export interface DndStatus {
  dnd_enabled?: boolean;
  next_dnd_start_ts?: number;
  next_dnd_end_ts?: number;
  snooze_enabled?: boolean;
  snooze_endtime?: number;
}

/** `defer.reason`: why it waits (none = DND); quiet statuses say meeting / huddle / away_status. */
export type Availability = { kind: "ok" } | { kind: "defer"; until: Date; reason?: string } | { kind: "skip"; reason: string };

/** What we stored of someone's DND (Member.dnd*): instants, null when Slack gave none. */
export interface CachedDnd {
  enabled: boolean | null;
  nextStartAt: Date | null;
  nextEndAt: Date | null;
  /** When Slack told us (a dnd.teamInfo answer or a dnd_updated_user event); null = never. */
  checkedAt: Date | null;
}

/** A stored DND answer is asked again after this long even if nothing announced a change. */
export const DND_CACHE_MAX_AGE_MS = 24 * 3600_000;

/**
 * The stored answer as a DndStatus while it still describes `nowMs`, else null (ask Slack). Slack
 * gives the current or next quiet window only; once that window has ended the one after it is
 * unknown, so the answer expires then, and in any case after DND_CACHE_MAX_AGE_MS. Changes in
 * between arrive as dnd_updated_user events, which overwrite the stored answer.
 */
export function cachedDndStatus(cached: CachedDnd, nowMs: number): DndStatus | null {
  if (!cached.checkedAt || nowMs - cached.checkedAt.getTime() > DND_CACHE_MAX_AGE_MS) return null;
  if (cached.enabled !== false && cached.nextEndAt && cached.nextEndAt.getTime() <= nowMs) return null;
  return {
    ...(cached.enabled !== null && { dnd_enabled: cached.enabled }),
    ...(cached.nextStartAt && { next_dnd_start_ts: cached.nextStartAt.getTime() / 1000 }),
    ...(cached.nextEndAt && { next_dnd_end_ts: cached.nextEndAt.getTime() / 1000 }),
  };
}

/** Slack's DND fields as what we store (0 or a missing ts means "none"). */
export function toCachedDnd(status: DndStatus, checkedAt: Date): CachedDnd & { checkedAt: Date } {
  const at = (ts: number | undefined) => (ts && ts > 0 ? new Date(ts * 1000) : null);
  return { enabled: status.dnd_enabled ?? null, nextStartAt: at(status.next_dnd_start_ts), nextEndAt: at(status.next_dnd_end_ts), checkedAt };
}

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
  const zone = isValidZone(tz) ? tz : "UTC";
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
