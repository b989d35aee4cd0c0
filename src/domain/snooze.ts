/**
 * Snoozing a prompt: 15 minutes, an hour, until the person's meeting ends, or the start of their
 * next working day; at most MAX_SNOOZES times per prompt (then only Done / Skip). Pure.
 *
 * A snoozed copy is an ad-hoc DM prompt whose slotKey carries its origin and count:
 * `snooze:<original prompt id>:<user id>:<n>` (n = 1…MAX_SNOOZES). Older copies were keyed
 * `snooze:<prompt id>:<user id>` (one snooze): they count as n = 1.
 */
import { DateTime } from "luxon";
import { isValidZone } from "../time/zones.js";

export const MAX_SNOOZES = 3;

export const SNOOZE_CHOICES = ["15m", "1h", "meeting", "tomorrow"] as const;
export type SnoozeChoice = (typeof SNOOZE_CHOICES)[number];

export function isSnoozeChoice(value: string): value is SnoozeChoice {
  return (SNOOZE_CHOICES as readonly string[]).includes(value);
}

/** The original prompt and how many times it has been snoozed, from a prompt's slotKey. */
export function snoozeOrigin(promptId: string, slotKey: string): { rootId: string; count: number } {
  const m = /^snooze:([0-9a-f-]{36}):[^:]+(?::(\d+))?$/i.exec(slotKey);
  if (!m) return { rootId: promptId, count: 0 };
  return { rootId: m[1]!, count: m[2] ? Number(m[2]) : 1 };
}

export function snoozeSlotKey(rootId: string, userId: string, n: number): string {
  return `snooze:${rootId}:${userId}:${n}`;
}

/** How many more snoozes a prompt with this slotKey allows (0 = only Done / Skip). */
export function snoozesLeft(promptId: string, slotKey: string): number {
  return Math.max(0, MAX_SNOOZES - snoozeOrigin(promptId, slotKey).count);
}

export interface WorkWeek {
  tz: string;
  /** Minutes after local midnight. */
  workStartMinute: number;
  /** ISO weekdays, 1 = Monday. */
  workDays: number[];
}

/** The start of this person's next working day after today (their zone), at their start time. */
export function nextWorkdayStart(now: Date, week: WorkWeek): Date {
  const zone = isValidZone(week.tz) ? week.tz : "UTC";
  const days = week.workDays.length > 0 ? week.workDays : [1, 2, 3, 4, 5, 6, 7];
  let day = DateTime.fromJSDate(now, { zone }).startOf("day");
  for (let i = 0; i < 8; i++) {
    day = day.plus({ days: 1 });
    if (days.includes(day.weekday)) break;
  }
  return day.set({ hour: Math.floor(week.workStartMinute / 60), minute: week.workStartMinute % 60 }).toJSDate();
}

export type SnoozeTarget = { at: Date; fellBack: boolean };

/**
 * When the snoozed copy goes out. "After my meeting" needs a known end (a status with an expiry,
 * `meetingEndsAt`); without one it falls back to an hour and says so (`fellBack`).
 */
export function snoozeUntil(choice: SnoozeChoice, now: Date, week: WorkWeek, meetingEndsAt: Date | null): SnoozeTarget {
  const later = (ms: number) => new Date(now.getTime() + ms);
  switch (choice) {
    case "15m":
      return { at: later(15 * 60_000), fellBack: false };
    case "1h":
      return { at: later(3600_000), fellBack: false };
    case "tomorrow":
      return { at: nextWorkdayStart(now, week), fellBack: false };
    case "meeting":
      if (meetingEndsAt && meetingEndsAt.getTime() > now.getTime()) return { at: new Date(meetingEndsAt.getTime() + 60_000), fellBack: false };
      return { at: later(3600_000), fellBack: true };
  }
}
