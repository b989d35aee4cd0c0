/**
 * A parser's problem (src/domain/problem.ts) in the person's language: `problems.<code>` of the
 * locale files, with its parameters; `count` picks the plural form.
 */
import type { Problem } from "../../domain/problem.js";
import { EN, type T } from "../../i18n/index.js";

export function problemText(p: Problem, t: T = EN): string {
  const { code, ...params } = p;
  const option = "option" in p ? { option: t(`problems.options.${p.option}`) } : {};
  return t(`problems.${code}`, { ...params, ...option });
}

/** The schedule modal shows errors as plain text: no Markdown backticks. */
export function plainProblemText(p: Problem, t: T = EN): string {
  return problemText(p, t).replace(/`/g, "");
}
