/**
 * Chart rendering time (prints figures; not a test): `npm run bench:charts`.
 *
 * The manager chart at its largest usual size — 12 weeks, 20 teams plus the total — and a
 * person's 12-week calendar, through the production renderer (src/charts): Vega-Lite compiled
 * once, Vega's headless SVG, resvg to PNG at the production scale (1.5). Warm-up runs first (the
 * first render also compiles the spec), then BENCH_RUNS (default 40) timed runs each. Wall-clock
 * and this process's CPU time are both printed: on a shared, loaded machine the CPU time is the
 * steadier figure (the load average is printed too). BENCH_SAMPLES=docs/charts also writes the
 * README's sample pictures (and their alt text) there. Last, the app's own path: the 20-team chart
 * drawn in the worker thread (ThreadedChartRenderer), with how long the main event loop was busy
 * per chart (what Slack's acks would wait behind) next to its wall-clock time.
 * Goal: the 20-team chart in ≤ 150 ms on the development machine.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { ChartRenderer } from "../src/charts/render.js";
import { ThreadedChartRenderer } from "../src/charts/render-thread.js";
import { chartWords } from "../src/charts/words.js";
import { heatmapSpec, participationSpec } from "../src/charts/specs.js";
import { heatmapData, participationChartData } from "../src/domain/chart-data.js";
import { buildReport, type WeeklyAggregate } from "../src/domain/report.js";
import { weekStarts } from "../src/domain/report-period.js";
import { addDays } from "../src/time/zones.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const WARMUP = 5;
const today = new Date().toISOString().slice(0, 10);

function bigReport(teams: number, weeks: number) {
  const starts = weekStarts(today, weeks);
  const aggregates: WeeklyAggregate[] = [];
  for (let t = 0; t < teams; t++) {
    const team = `C0TEAM${String(t).padStart(4, "0")}`;
    starts.forEach((week, w) => {
      const people = 8 + (t % 7);
      aggregates.push({ team, week, deliveries: people * 40, people, completions: Math.round(people * 40 * Math.min(0.95, 0.25 + 0.05 * (t % 8) + 0.015 * w + 0.04 * Math.sin(t * 1.7 + w))), active: people - 1 });
    });
    aggregates.push({ team, week: null, deliveries: 1, people: 8 + (t % 7), completions: 0, active: 1 });
  }
  starts.forEach((week, w) => aggregates.push({ team: null, week, deliveries: 10_000, people: 220, completions: 3_800 + 150 * w + (w % 3) * 120, active: 180 }));
  aggregates.push({ team: null, week: null, deliveries: 1, people: 220, completions: 0, active: 1 });
  return buildReport({ weeks: starts, aggregates, streaks: new Map() });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(label: string, run: () => Promise<{ svgMs: number; pngMs: number; bytes: number; size: string }>): Promise<void> {
  for (let i = 0; i < WARMUP; i++) await run();
  const cpuMs: number[] = [];
  const totals: number[] = [];
  const svgs: number[] = [];
  const pngs: number[] = [];
  let last = { bytes: 0, size: "" };
  for (let i = 0; i < RUNS; i++) {
    const cpu = process.cpuUsage();
    const r = await run();
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
    svgs.push(r.svgMs);
    pngs.push(r.pngMs);
    totals.push(r.svgMs + r.pngMs);
    last = r;
  }
  const f = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return `p50 ${percentile(s, 50).toFixed(1)} ms, p90 ${percentile(s, 90).toFixed(1)} ms, max ${s.at(-1)!.toFixed(1)} ms`;
  };
  console.log(`${label} (${last.size} px, ${(last.bytes / 1024).toFixed(0)} KiB PNG, ${RUNS} runs)`);
  console.log(`  total        ${f(totals)}`);
  console.log(`  CPU time     ${f(cpuMs)}`);
  console.log(`  spec → SVG   ${f(svgs)}`);
  console.log(`  SVG → PNG    ${f(pngs)}`);
}

/** Wall-clock per chart, and the main thread's busy time meanwhile (event-loop utilisation). */
async function measureThreaded(label: string, spec: Parameters<ThreadedChartRenderer["render"]>[1], rows: object[]): Promise<void> {
  const threaded = new ThreadedChartRenderer();
  const cold = performance.now();
  await threaded.render("participation", spec, rows);
  const first = performance.now() - cold;
  for (let i = 0; i < WARMUP; i++) await threaded.render("participation", spec, rows);
  const walls: number[] = [];
  const busy: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const before = performance.eventLoopUtilization();
    const t0 = performance.now();
    await threaded.render("participation", spec, rows);
    walls.push(performance.now() - t0);
    busy.push(performance.eventLoopUtilization(before).active);
  }
  await threaded.close();
  const f = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return `p50 ${percentile(s, 50).toFixed(1)} ms, p90 ${percentile(s, 90).toFixed(1)} ms, max ${s.at(-1)!.toFixed(1)} ms`;
  };
  console.log(`${label} (${RUNS} runs; first chart, starting the thread: ${first.toFixed(0)} ms)`);
  console.log(`  wall-clock        ${f(walls)}`);
  console.log(`  main thread busy  ${f(busy)}`);
}

async function main(): Promise<void> {
  const renderer = new ChartRenderer();
  const report = bigReport(20, 12);
  const data = participationChartData(report, (id) => `#team-${id.slice(-4)}`, chartWords());
  const spec = participationSpec("Weekly participation");
  const once = async (key: string, s: typeof spec, rows: object[]) => {
    const t0 = performance.now();
    const svg = await renderer.toSvg(key, s, rows);
    const t1 = performance.now();
    const png = await renderer.toPng(svg);
    const t2 = performance.now();
    return { svgMs: t1 - t0, pngMs: t2 - t1, bytes: png.png.length, size: `${png.width}×${png.height}` };
  };
  const cold = performance.now();
  await once("participation", spec, data.points);
  console.log(`first render (compiles the spec): ${(performance.now() - cold).toFixed(0)} ms`);
  await measure(`participation: 12 weeks × 20 teams + total (${data.points.length} points)`, () => once("participation", spec, data.points));
  const byDay = new Map(Array.from({ length: 84 }, (_, i) => [addDays(today, -i), (i * 7) % 5] as [string, number]));
  const cells = heatmapData(today, byDay, chartWords()).cells;
  await measure(`calendar heatmap: 12 weeks (${cells.length} days)`, () => once("heatmap", heatmapSpec("Your last 12 weeks"), cells));
  await measureThreaded(`participation in the worker thread (the app's path)`, spec, data.points);
  const samples = process.env.BENCH_SAMPLES;
  if (samples) {
    // The README's pictures: a 6-team, 10-week chart and the calendar above.
    mkdirSync(samples, { recursive: true });
    const small = participationChartData(bigReport(6, 10), (id) => `#${["design", "platform", "support", "sales", "data", "mobile"][Number(id.slice(-1))]}`, chartWords());
    writeFileSync(join(samples, "participation.png"), (await renderer.render("participation", spec, small.points)).png);
    writeFileSync(join(samples, "participation.txt"), `${small.altText}\n`);
    const calendar = heatmapData(today, byDay, chartWords());
    writeFileSync(join(samples, "calendar.png"), (await renderer.render("heatmap", heatmapSpec("Your last 12 weeks"), calendar.cells)).png);
    writeFileSync(join(samples, "calendar.txt"), `${calendar.altText}\n`);
    console.log(`wrote sample charts to ${samples}`);
  }
  console.log(`goal: 20-team chart ≤ 150 ms · load average now ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${cpus().length} cores`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
