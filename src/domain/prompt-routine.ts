/**
 * Which routine a scheduled prompt carries. Pure: the seed comes from the prompt's identity, so a
 * fan-out that runs twice for the same slot builds the same routine.
 */
import { DateTime } from "luxon";
import { buildRoutine, createRng, type Routine } from "../exercises/routine-builder.js";
import { BODY_AREAS, type BodyArea, type Exercise } from "../exercises/types.js";
import { slotsBetween, type SlotRule } from "./slots.js";
import { isValidZone } from "../time/zones.js";

export interface PromptRoutineSettings {
  /** A body area, or null to rotate through the areas over the day. */
  area: string | null;
  lengthSeconds: number;
  seatedOnly: boolean;
}

/** The schedule's area when it names one; otherwise the area for this slot of the day. */
export function areaForSlot(area: string | null, slotIndexOfDay: number): BodyArea {
  const named = BODY_AREAS.find((a) => a === area?.trim().toLowerCase());
  if (named) return named;
  const i = ((slotIndexOfDay % BODY_AREAS.length) + BODY_AREAS.length) % BODY_AREAS.length;
  return BODY_AREAS[i] ?? "neck";
}

/** 0 for the day's first slot (local day in `tz`), 1 for the second… Ad-hoc instants count by hour. */
export function slotIndexOfDay(rule: SlotRule | null, tz: string, at: Date): number {
  const zone = isValidZone(tz) ? tz : "UTC";
  const dayStart = DateTime.fromJSDate(at, { zone }).startOf("day").toJSDate();
  if (!rule) return DateTime.fromJSDate(at, { zone }).hour;
  return slotsBetween(rule, zone, dayStart, at).length;
}

/** Start of the local day of `at` in `tz` (for "exercises already used today"). */
export function startOfLocalDay(at: Date, tz: string): Date {
  return DateTime.fromJSDate(at, { zone: isValidZone(tz) ? tz : "UTC" }).startOf("day").toJSDate();
}

/**
 * The prompt's routine: the slot's area, the schedule's length and position, avoiding exercises this
 * target already got today (the builder falls back to repeats only when nothing fresh fits).
 */
export function promptRoutine(settings: PromptRoutineSettings, area: BodyArea, usedToday: readonly string[], seed: string, catalog?: readonly Exercise[]): Routine {
  return buildRoutine(
    {
      areas: [area],
      budgetSeconds: settings.lengthSeconds,
      ...(settings.seatedOnly ? { position: "seated" as const } : {}),
      avoidIds: [...usedToday],
    },
    createRng(seed),
    catalog,
  );
}
