/**
 * The worker thread's side of ThreadedChartRenderer (render-thread.ts): draws each chart it is
 * sent with the ordinary in-thread renderer and posts the PNG back. Vega and resvg are loaded here,
 * so a process that draws charts keeps them off its main thread.
 */
import { parentPort, threadId } from "node:worker_threads";
import { ChartRenderer } from "./render.js";
import type { RenderJob, RenderReply } from "./render-thread.js";

const port = parentPort;
if (!port) throw new Error("render-worker.ts runs only as a worker thread (see render-thread.ts)");
const renderer = new ChartRenderer();

port.on("message", (job: RenderJob) => {
  renderer.render(job.key, job.spec, job.rows, job.scale).then(
    (chart): void => port.postMessage({ id: job.id, ok: true, png: chart.png, width: chart.width, height: chart.height, threadId } satisfies RenderReply),
    (error: unknown): void => port.postMessage({ id: job.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies RenderReply),
  );
});
