/**
 * Weekdays in the person's language: [1,2,3,4,5] → "Mon–Fri" / "pon.–pt."; all → "every day".
 * The names come from the locale file (`days.short`, Monday first), so a translator sets them.
 */
import { dayNames, EN, type T } from "../../i18n/index.js";

export { dayNames };

export function daysText(days: readonly number[], t: T = EN): string {
  const names = dayNames(t);
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 7) return t("days.everyDay");
  if (sorted.length === 0) return t("days.none");
  const contiguous = sorted.every((d, i) => i === 0 || d === sorted[i - 1]! + 1);
  if (contiguous && sorted.length >= 3) return `${names[sorted[0]! - 1]}–${names[sorted[sorted.length - 1]! - 1]}`;
  return sorted.map((d) => names[d - 1]).join(", ");
}
