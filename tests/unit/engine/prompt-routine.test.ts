import { describe, expect, it } from "vitest";
import { areaForSlot, promptRoutine, slotIndexOfDay } from "../../../src/domain/prompt-routine.js";
import { BODY_AREAS } from "../../../src/exercises/types.js";

const rule = { intervalMinutes: 60, times: [], windowStartMinute: 540, windowEndMinute: 1020, days: [1, 2, 3, 4, 5, 6, 7] };

describe("prompt routines", () => {
  it("rotates through the areas over the day unless the schedule names one", () => {
    expect(BODY_AREAS.map((_, i) => areaForSlot(null, i))).toEqual([...BODY_AREAS]);
    expect(areaForSlot(null, BODY_AREAS.length)).toBe(BODY_AREAS[0]);
    expect(areaForSlot("Hips", 3)).toBe("hips");
    expect(areaForSlot("elbows", 1)).toBe(BODY_AREAS[1]);
  });

  it("numbers the slots of the local day (0 = first)", () => {
    expect(slotIndexOfDay(rule, "Europe/Warsaw", new Date("2026-11-23T08:00:00Z"))).toBe(0); // 09:00
    expect(slotIndexOfDay(rule, "Europe/Warsaw", new Date("2026-11-23T11:00:00Z"))).toBe(3); // 12:00
    expect(slotIndexOfDay(rule, "America/New_York", new Date("2026-11-23T16:00:00Z"))).toBe(2); // 11:00
  });

  it("is the same routine for the same prompt seed, and avoids what the target already did today", () => {
    const settings = { area: null, lengthSeconds: 180, seatedOnly: false };
    const a = promptRoutine(settings, "neck", [], "s|slot|U1");
    const b = promptRoutine(settings, "neck", [], "s|slot|U1");
    expect(a.items.map((i) => i.exercise.id)).toEqual(b.items.map((i) => i.exercise.id));
    const used = a.items.map((i) => i.exercise.id);
    const next = promptRoutine(settings, "shoulders", used, "s|slot2|U1");
    expect(next.items.some((i) => used.includes(i.exercise.id))).toBe(false);
  });

  it("keeps to seated exercises for a seated schedule", () => {
    const r = promptRoutine({ area: null, lengthSeconds: 120, seatedOnly: true }, "neck", [], "x");
    expect(r.items.every((i) => i.exercise.positions.includes("seated"))).toBe(true);
  });
});
