/**
 * What a schedule does next ("Next prompt: today 14:00 Europe/Warsaw" once worded by the views),
 * for one person or for the channel. Pure; the job engine decides what really happens, this
 * mirrors its rules for humans:
 * members schedules follow each person's zone and working hours, DM schedules their zone only
 * (the person chose the window themselves), channel schedules the schedule's zone.
 */
import { DateTime } from "luxon";
import { isValidZone } from "../time/zones.js";
import { intersectWithWorkHours, nextSlot, type SlotRule } from "./slots.js";

export interface NextPromptSchedule extends SlotRule {
  kind: "channel" | "members" | "dm";
  tz: string;
  active: boolean;
  pausedUntil: Date | null;
}

export interface NextPromptMember {
  tz: string | null;
  workStartMinute: number;
  workEndMinute: number;
  workDays: number[];
  pausedUntil: Date | null;
  optedOut: boolean;
}

/**
 * What comes next, worded by the views in the person's language: `at` a time, or why nothing
 * comes (the schedule is off, they opted out, no slot in the coming week — within their working
 * hours for members schedules).
 */
export type NextPromptState = "at" | "off" | "opted_out" | "none_this_week" | "none_in_work_hours";

export interface NextPrompt {
  at: Date | null;
  tz: string;
  state: NextPromptState;
}

export function nextPrompt(schedule: NextPromptSchedule, member: NextPromptMember | undefined, now: Date): NextPrompt {
  const personal = schedule.kind !== "channel" && member !== undefined;
  const tz = personal && isValidZone(member.tz) ? member.tz : schedule.tz;
  if (!schedule.active) return { at: null, tz, state: "off" };
  if (personal && member.optedOut) return { at: null, tz, state: "opted_out" };
  const rule = schedule.kind === "members" && member ? intersectWithWorkHours(schedule, member) : schedule;
  // A slot exactly at the end of a pause is not held, hence the millisecond before it.
  const holds = [now.getTime(), (schedule.pausedUntil?.getTime() ?? 0) - 1, personal ? (member.pausedUntil?.getTime() ?? 0) - 1 : 0];
  const after = new Date(Math.max(...holds));
  const at = nextSlot(rule, tz, after);
  if (!at) return { at: null, tz, state: schedule.kind === "members" && member ? "none_in_work_hours" : "none_this_week" };
  return { at, tz, state: "at" };
}
