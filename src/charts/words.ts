/**
 * ChartWords (src/domain/chart-data.ts) in a person's language: axis labels, series names and the
 * alt text, from the `charts.*` keys of the locale files and Intl dates.
 */
import type { ChartWords } from "../domain/chart-data.js";
import { dayNames, EN, formatShortDate, type T } from "../i18n/index.js";

export function chartWords(t: T = EN): ChartWords {
  const names = dayNames(t);
  return {
    date: (isoDate) => formatShortDate(t, isoDate),
    weekday: (d) => names[d - 1]!,
    allTeams: t("charts.allTeams"),
    smallTeams: (count) => t("charts.smallTeams", { count }),
    participationHead: (p) => t("charts.participationAlt", { count: p.weeks, from: p.from, to: p.to }),
    heatmapHead: (p) =>
      t("charts.heatmapAlt", { count: p.weeks, from: p.from, to: p.to }) +
      " " +
      t("charts.heatmapDone", { count: p.total, activeDays: p.activeDays, days: p.days }) +
      (p.best ? ` ${t("charts.bestWeek", { count: p.best.count, week: p.best.week })}` : ""),
    perWeek: (list) => t("charts.perWeek", { list }),
    more: (count, kind) => t(kind === "teams" ? "charts.moreTeams" : "charts.moreWeeks", { count }),
  };
}
