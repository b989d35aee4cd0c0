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

/** Several problems, one after another (a parser's `Invalid.problems`). */
export function problemsText(problems: readonly Problem[], t: T = EN): string {
  return problems.map((p) => problemText(p, t)).join(" ");
}

/** Modals show errors as plain text: what is to be typed goes in the language's quotes, not backticks. */
export function plainProblemText(p: Problem, t: T = EN): string {
  return problemText(p, t).replace(/`([^`]+)`/g, (_, code: string) => t("problems.quoted", { text: code })).replace(/`/g, "");
}
