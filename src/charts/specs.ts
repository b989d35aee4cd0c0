import type { TopLevelSpec } from "vega-lite";
import { HEATMAP_LEVELS } from "../domain/chart-data.js";
import { dayNames, EN, type T } from "../i18n/index.js";
import { CHART_CONFIG } from "./render.js";

/**
 * Okabe & Ito's palette (distinguishable with the common colour-vision deficiencies), black first
 * for the total; pure yellow is left out (too faint on white). Lines also differ by dash pattern,
 * so more teams than colours (or a monochrome print) stay tellable apart.
 */
export const LINE_COLOURS = ["#000000", "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#7F7F7F"];
const DASHES = [[1, 0], [1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [12, 4]];

/**
 * Sequential single-hue blues (ColorBrewer "Blues"): light to dark reads the same for every kind of
 * colour vision; an empty day is light grey, as on GitHub.
 */
export const HEATMAP_COLOURS = ["#ebedf0", "#c6dbef", "#6baed6", "#2171b5", "#08306b"];

/** Weekly participation, one line per team (rows: ParticipationPoint). */
export function participationSpec(title: string, t: T = EN): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    width: 640,
    height: 300,
    config: CHART_CONFIG,
    data: { name: "rows" },
    mark: { type: "line", point: { filled: true, size: 36 }, strokeWidth: 2.25 },
    encoding: {
      x: { field: "label", type: "ordinal", sort: { field: "week", op: "min" }, title: null, axis: { labelAngle: 0, labelOverlap: true } },
      y: { field: "rate", type: "quantitative", scale: { domain: [0, 1] }, axis: { format: "%", tickCount: 5 }, title: t("charts.axisCompleted") },
      color: { field: "team", type: "nominal", sort: { field: "order", op: "min" }, scale: { range: LINE_COLOURS }, title: null, legend: { labelLimit: 200, symbolType: "stroke" } },
      strokeDash: { field: "team", type: "nominal", sort: { field: "order", op: "min" }, scale: { range: DASHES }, title: null },
      order: { field: "week", type: "ordinal" },
    },
  } as TopLevelSpec;
}

/** A person's 12 weeks: a calendar grid (rows: HeatmapCell). */
export function heatmapSpec(title: string, t: T = EN): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    config: { ...CHART_CONFIG, axis: { ...CHART_CONFIG.axis, domain: false, ticks: false, grid: false } },
    width: { step: 24 },
    height: { step: 24 },
    data: { name: "rows" },
    mark: { type: "rect", cornerRadius: 3, stroke: "white", strokeWidth: 3 },
    encoding: {
      // Columns are weeks, labelled by their Monday ("Sep 14"); every other label fits.
      x: { field: "weekLabel", type: "ordinal", sort: { field: "week", op: "min" }, title: null, axis: { orient: "top", labelAngle: 0, labelOverlap: "greedy", labelFontSize: 11 } },
      y: { field: "weekday", type: "ordinal", sort: [...dayNames(t)], title: null },
      color: {
        field: "level",
        type: "ordinal",
        scale: { domain: [...HEATMAP_LEVELS], range: HEATMAP_COLOURS },
        title: t("charts.legendPerDay"),
        legend: { orient: "bottom", direction: "horizontal", symbolType: "square", symbolSize: 200 },
      },
      tooltip: [{ field: "date" }, { field: "count" }],
    },
  } as TopLevelSpec;
}
