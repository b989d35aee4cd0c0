import { threadId } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { ChartRenderer } from "../../../src/charts/render.js";
import { ThreadedChartRenderer } from "../../../src/charts/render-thread.js";
import { heatmapSpec, participationSpec } from "../../../src/charts/specs.js";
import { chartWords } from "../../../src/charts/words.js";
import { heatmapData } from "../../../src/domain/chart-data.js";
import { decodePng } from "../../helpers/png.js";
import type { TopLevelSpec } from "vega-lite";

/** The app draws in a worker thread (src/charts/render-thread.ts); these check what it hands back. */
describe("ThreadedChartRenderer", () => {
  const threaded = new ThreadedChartRenderer();
  const inThread = new ChartRenderer();
  afterAll(() => threaded.close());
  const cells = heatmapData("2026-03-18", new Map([["2026-03-17", 3]]), chartWords()).cells;

  it("draws in another thread, byte for byte the PNG the in-thread renderer draws", async () => {
    expect(threaded.running).toBe(false);
    const spec = heatmapSpec("Your last 12 weeks");
    const [fromWorker, here] = await Promise.all([threaded.render("heatmap", spec, cells), inThread.render("heatmap", spec, cells)]);
    expect(threaded.running).toBe(true);
    expect(threaded.lastThreadId).toBeDefined();
    expect(threaded.lastThreadId).not.toBe(threadId);
    expect(Buffer.isBuffer(fromWorker.png)).toBe(true);
    expect(fromWorker.png.equals(here.png)).toBe(true);
    expect({ width: fromWorker.width, height: fromWorker.height }).toEqual({ width: here.width, height: here.height });
    expect(decodePng(fromWorker.png).width).toBe(here.width);
  });

  it("several charts at once each get their own answer", async () => {
    const rows = [{ week: "2026-03-16", label: "Mar 16", team: "All teams", rate: 0.5, order: 0 }];
    const [a, b] = await Promise.all([threaded.render("heatmap", heatmapSpec("A"), cells), threaded.render("participation", participationSpec("B"), rows)]);
    expect(a.png.equals(b.png)).toBe(false);
    expect(a.png.equals((await inThread.render("heatmap", heatmapSpec("A"), cells)).png)).toBe(true);
    expect(b.png.equals((await inThread.render("participation", participationSpec("B"), rows)).png)).toBe(true);
  });

  it("a chart the worker cannot draw fails alone; the thread keeps drawing", async () => {
    const broken = { ...heatmapSpec("x"), mark: "no-such-mark" } as unknown as TopLevelSpec;
    const error = await threaded.render("broken", broken, cells).then(
      () => null,
      (e: unknown) => e as Error,
    );
    // Vega-Lite's own complaint, sent back from the thread; not the thread dying.
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).not.toMatch(/thread stopped|closed/);
    expect(threaded.running).toBe(true);
    expect(decodePng((await threaded.render("heatmap", heatmapSpec("again"), cells)).png).width).toBeGreaterThan(0);
  });

  it("close() stops the thread (shutdown) and refuses further charts", async () => {
    const own = new ThreadedChartRenderer();
    await own.render("heatmap", heatmapSpec("t"), cells);
    expect(own.running).toBe(true);
    await own.close();
    expect(own.running).toBe(false);
    await expect(own.render("heatmap", heatmapSpec("t"), cells)).rejects.toThrow(/closed/);
  });
});
