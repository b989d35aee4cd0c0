import { threadId as mainThreadId, Worker } from "node:worker_threads";
import type { TopLevelSpec } from "vega-lite";
import type { Logger } from "../logger.js";
import { ChartRenderer, DEFAULT_SCALE, type PngRenderer, type RenderedChart } from "./render.js";

/** One chart to draw, as posted to the worker (plain data: it is copied across threads). */
export interface RenderJob {
  id: number;
  key: string;
  spec: TopLevelSpec;
  rows: object[];
  scale: number;
}

export type RenderReply = { id: number; ok: true; png: Uint8Array; width: number; height: number; threadId: number } | { id: number; ok: false; error: string };

interface Waiting {
  job: RenderJob;
  resolve: (chart: RenderedChart) => void;
  reject: (error: Error) => void;
}

/** Started from TypeScript (tsx, vitest) or from the build (dist): the worker entry is the sibling file. */
const FROM_SOURCE = import.meta.url.endsWith(".ts");

function startWorker(): Worker {
  const entry = new URL(FROM_SOURCE ? "./render-worker.ts" : "./render-worker.js", import.meta.url);
  if (!FROM_SOURCE) return new Worker(entry);
  // From source the thread registers tsx's loader (a dev dependency) before it imports TypeScript.
  // (Its "tsx" entry registers nothing in a worker thread on Node 20; the esm/api's register() does.)
  const tsx = import.meta.resolve("tsx/esm/api");
  return new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`, { eval: true });
}

/**
 * Draws charts in one worker thread, so the ~100–200 ms of CPU a large chart costs (Vega's layout,
 * resvg's rasterising) never holds the main event loop, where Slack's 3-second acks are answered.
 * One thread is enough: charts are rare (a report, a digest, a Home open), and jobs queue in it.
 *
 * The thread starts with the first chart and is unref'd while idle (it never keeps a process
 * alive); close() terminates it (shutdown). A thread that dies mid-chart fails the charts it held
 * and the next chart starts a new one. A thread that dies before drawing anything (it cannot load)
 * leaves this process drawing in-thread (ChartRenderer), logged once: slower, but charts still come.
 */
export class ThreadedChartRenderer implements PngRenderer {
  private worker: Worker | undefined;
  private answered = false;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private closed = false;
  private fallback: ChartRenderer | undefined;
  private last: number | undefined;

  constructor(private readonly log?: Logger) {}

  /** The thread that drew the last chart (the main thread's id when in-thread). */
  get lastThreadId(): number | undefined {
    return this.last;
  }

  /** Whether a worker thread is up (none before the first chart and after close()). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  render(key: string, spec: TopLevelSpec, rows: object[], scale = DEFAULT_SCALE): Promise<RenderedChart> {
    if (this.closed) return Promise.reject(new Error("the chart renderer is closed"));
    const job: RenderJob = { id: this.nextId++, key, spec, rows, scale };
    if (this.fallback) return this.inThread(job);
    return new Promise<RenderedChart>((resolve, reject) => {
      let worker: Worker;
      try {
        worker = this.worker ?? this.spawn();
      } catch (error) {
        this.useFallback(error);
        this.inThread(job).then(resolve, reject);
        return;
      }
      this.waiting.set(job.id, { job, resolve, reject });
      worker.ref();
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new Error("the chart renderer was closed"));
    if (worker) await worker.terminate();
  }

  private spawn(): Worker {
    const worker = startWorker();
    this.answered = false;
    worker.on("message", (reply: RenderReply) => this.settle(worker, reply));
    worker.on("error", (error: Error) => this.lost(worker, error));
    worker.on("exit", (code) => this.lost(worker, new Error(`the chart worker thread stopped (exit code ${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(worker: Worker, reply: RenderReply): void {
    this.answered = true;
    const waiting = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) worker.unref();
    if (!waiting) return;
    if (!reply.ok) return waiting.reject(new Error(reply.error));
    this.last = reply.threadId;
    waiting.resolve({ png: Buffer.from(reply.png.buffer, reply.png.byteOffset, reply.png.byteLength), width: reply.width, height: reply.height });
  }

  /** The thread crashed or exited ('error' is followed by 'exit': the second call finds nothing). */
  private lost(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    if (this.answered || this.closed) return this.failAll(error);
    // Never drew anything: it cannot start here. Draw in this thread from now on, these charts too.
    this.useFallback(error);
    const jobs = [...this.waiting.values()];
    this.waiting.clear();
    for (const { job, resolve, reject } of jobs) this.inThread(job).then(resolve, reject);
  }

  private useFallback(error: unknown): void {
    this.fallback ??= new ChartRenderer();
    this.log?.warn({ err: error instanceof Error ? error.message : String(error) }, "chart worker thread could not start; drawing charts on the main thread");
  }

  private async inThread(job: RenderJob): Promise<RenderedChart> {
    const chart = await this.fallback!.render(job.key, job.spec, job.rows, job.scale);
    this.last = mainThreadId;
    return chart;
  }

  private failAll(error: Error): void {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of waiting) w.reject(error);
  }
}
