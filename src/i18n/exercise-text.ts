/**
 * Exercise texts in a language: name, steps, safety cue and dosage note from `exercises.<id>` of
 * the language file, falling back to the catalog's English; dosage (numbers exact) with the
 * language's plurals.
 */
import type { Amount, Exercise } from "../exercises/types.js";
import { lookup, type T } from "./index.js";

export interface ExerciseText {
  name: string;
  steps: readonly string[];
  safety: string;
  note?: string;
}

export function exerciseText(ex: Exercise, t: T): ExerciseText {
  const own = t.lng === "en" ? undefined : (lookup(t.lng, `exercises.${ex.id}`) as Partial<ExerciseText> | undefined);
  const note = own?.note ?? ex.dosage.note;
  return {
    name: own?.name ?? ex.name,
    steps: Array.isArray(own?.steps) && own.steps.length === ex.steps.length ? own.steps : ex.steps,
    safety: own?.safety ?? ex.safety,
    ...(note ? { note } : {}),
  };
}

function amountText(a: Amount): string {
  return typeof a === "number" ? String(a) : `${a.min}–${a.max}`;
}
/** Plural form by the larger number of a range: "5–10 powtórzeń", "2–3 serie". */
const countOf = (a: Amount) => (typeof a === "number" ? a : a.max);

/** "10 reps · 2 sets", "hold 30 s · each side" — or the same in another language. */
export function dosageText(ex: Exercise, t: T): string {
  const { reps, sets, holdSeconds, perSide } = ex.dosage;
  const parts: string[] = [];
  if (reps !== undefined) parts.push(t("dosage.reps", { count: countOf(reps), amount: amountText(reps) }));
  // "1 set" adds nothing a reader needs.
  if (sets !== undefined && sets !== 1) parts.push(t("dosage.sets", { count: countOf(sets), amount: amountText(sets) }));
  if (holdSeconds !== undefined) parts.push(t("dosage.hold", { amount: amountText(holdSeconds) }));
  if (parts.length === 0) parts.push(t("dosage.fewRepeats"));
  if (perSide) parts.push(t("dosage.eachSide"));
  return parts.join(" · ");
}
