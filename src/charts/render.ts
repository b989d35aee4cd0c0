import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Runtime } from "vega";
import type { TopLevelSpec } from "vega-lite";

/** The font every chart uses: shipped with the app (assets/fonts), so PNGs look the same everywhere. */
export const CHART_FONT_FAMILY = "DejaVu Sans";

const FONT_FILE = [
  new URL("../../assets/fonts/DejaVuSans.ttf", import.meta.url), // src/charts (tsx, tests)
  new URL("../../../assets/fonts/DejaVuSans.ttf", import.meta.url), // dist/src/charts (node dist)
]
  .map((u) => fileURLToPath(u))
  .find((path) => existsSync(path));

export const DEFAULT_SCALE = 1.5;

interface Libraries {
  vega: typeof import("vega");
  compile: typeof import("vega-lite").compile;
  Resvg: typeof import("@resvg/resvg-js").Resvg;
}

export interface RenderedChart {
  png: Buffer;
  width: number;
  height: number;
}

/** What ChartService draws with: in this thread (ChartRenderer) or in a worker thread (render-thread.ts). */
export interface PngRenderer {
  /** `key` names the chart kind (logs); the compiled spec is cached by its content. */
  render(key: string, spec: TopLevelSpec, rows: object[], scale?: number): Promise<RenderedChart>;
  /** Releases what it holds (ThreadedChartRenderer: stops its worker thread and draws no more). */
  close(): Promise<void>;
}

/** Compiled specs kept: a few kinds × the languages in use. */
const COMPILED_MAX = 16;

/**
 * Vega-Lite spec → Vega (compiled once per distinct spec and cached: compiling costs more than
 * rendering) → SVG with Vega's headless renderer (no canvas, no browser) → PNG with resvg.
 * `data` is bound to the spec's named data source "rows". Runs on the calling thread: the app
 * draws through ThreadedChartRenderer (render-thread.ts), which runs this in a worker thread.
 */
export class ChartRenderer implements PngRenderer {
  private readonly compiled = new Map<string, Runtime>();
  /** Imported on first use: vega takes ~0.2–0.6 s to load, and most processes never draw a chart. */
  private libraries: Promise<Libraries> | undefined;

  /**
   * `scale` multiplies the layout size: 1.5 (default) gives ~1,000–1,300 px wide charts, sharp on
   * high-density screens where Slack shows images ~600 px wide, at about half the raster and PNG
   * encoding cost of 2.
   */
  async render(key: string, spec: TopLevelSpec, rows: object[], scale = DEFAULT_SCALE): Promise<RenderedChart> {
    return this.toPng(await this.toSvg(key, spec, rows, scale));
  }

  private load(): Promise<Libraries> {
    this.libraries ??= Promise.all([import("vega"), import("vega-lite"), import("@resvg/resvg-js")]).then(([vega, vegaLite, resvg]) => ({
      vega,
      compile: vegaLite.compile,
      Resvg: resvg.Resvg,
    }));
    return this.libraries;
  }

  /** The first half: Vega's headless SVG (the spec compiled once per key). */
  async toSvg(key: string, spec: TopLevelSpec, rows: object[], scale = DEFAULT_SCALE): Promise<string> {
    const { vega, compile } = await this.load();
    // By content, not by kind: the same kind in another language has other titles and day names.
    const cacheKey = `${key}\n${JSON.stringify(spec)}`;
    let runtime = this.compiled.get(cacheKey);
    if (!runtime) {
      runtime = vega.parse(compile(spec).spec);
      if (this.compiled.size >= COMPILED_MAX) this.compiled.delete(this.compiled.keys().next().value!);
      this.compiled.set(cacheKey, runtime);
    }
    const view = new vega.View(runtime, { renderer: "none" });
    view.data("rows", rows);
    const svg = await view.toSVG(scale);
    view.finalize();
    return svg;
  }

  async close(): Promise<void> {
    this.compiled.clear();
  }

  /** The second half: resvg rasterises with the shipped font. */
  async toPng(svg: string): Promise<RenderedChart> {
    const { Resvg } = await this.load();
    const resvg = new Resvg(svg, {
      background: "white",
      font: { loadSystemFonts: FONT_FILE === undefined, ...(FONT_FILE ? { fontFiles: [FONT_FILE] } : {}), defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
    });
    const image = resvg.render();
    return { png: image.asPng(), width: image.width, height: image.height };
  }
}

/** Chart-wide look: the shipped font, quiet grid, readable sizes. */
export const CHART_CONFIG = {
  font: CHART_FONT_FAMILY,
  background: "white",
  padding: 12,
  view: { stroke: null },
  axis: { labelFontSize: 12, titleFontSize: 12, gridColor: "#e6e6e6", domainColor: "#888", tickColor: "#888" },
  legend: { labelFontSize: 12, titleFontSize: 12, symbolStrokeWidth: 3 },
  title: { fontSize: 16, anchor: "start", offset: 12 },
} as const;
