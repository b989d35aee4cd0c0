/** Parsers return problem codes; tests read them the way an English speaker sees them. */
import { plainProblemText, problemText } from "../../src/bot/views/problem-text.js";
import type { Problem } from "../../src/domain/problem.js";
import type { ScheduleFormResult } from "../../src/domain/schedule-form.js";

export const inEnglish = (p: Problem): string => problemText(p);
export const allInEnglish = (ps: readonly Problem[]): string[] => ps.map(inEnglish);

/** The schedule modal's result with its errors as the modal shows them (plain English text). */
export function formInEnglish(r: ScheduleFormResult) {
  if (r.ok) return r;
  return { ok: false as const, errors: Object.fromEntries(Object.entries(r.errors).map(([f, p]) => [f, plainProblemText(p)])) };
}
