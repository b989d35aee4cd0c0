/** Options of a MicroBatcher. */
export interface MicroBatcherOptions<T, R> {
  /** Processes one batch; must return one result per item, in order. */
  process(items: T[]): Promise<R[]>;
  /** Result for every item of a batch that still failed after the retries (e.g. after handing them to a durable queue). */
  onFailure(items: T[], error: unknown): R | Promise<R>;
  /**
   * Result for an item submitted while `maxPending` items already wait (the database is slow or
   * down): it is handed on here instead of growing the queue. Default: queued anyway (unbounded).
   */
  onOverflow?(item: T): Promise<R>;
  /** Most items waiting in memory before `onOverflow` takes new ones. Default 10,000. */
  maxPending?: number;
  /** Most items per batch. Default 500. */
  maxBatch?: number;
  /** How long the first item of an idle batcher waits for company, in ms. Default 5. */
  lingerMs?: number;
  /** Delays before retrying a failed batch, in ms. Default [50, 250, 1000]. */
  retryDelaysMs?: number[];
}

/**
 * Collects items and processes them in batches, one batch at a time. Why: the reaction hot path
 * (1,000 events/s) would cost a transaction per event; a batch costs a handful of queries. One
 * batch at a time keeps Slack's order (an add and then a remove of the same emoji stay in order)
 * and batches grow by themselves when the database is slow. Items are never dropped silently: a
 * failing batch is retried, then handed to `onFailure`; past `maxPending` waiting items new ones go
 * to `onOverflow` (memory stays bounded while the database is down); `drain()` waits for everything.
 */
export class MicroBatcher<T, R> {
  private queue: Array<{ item: T; resolve: (r: R) => void }> = [];
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly maxBatch: number;
  private readonly lingerMs: number;
  private readonly retryDelaysMs: number[];

  constructor(private readonly options: MicroBatcherOptions<T, R>) {
    this.maxBatch = options.maxBatch ?? 500;
    this.lingerMs = options.lingerMs ?? 5;
    this.retryDelaysMs = options.retryDelaysMs ?? [50, 250, 1000];
  }

  /** Resolves with the item's result once its batch is done (never rejects). */
  submit(item: T): Promise<R> {
    if (this.options.onOverflow && this.queue.length >= (this.options.maxPending ?? 10_000)) return this.options.onOverflow(item);
    return new Promise<R>((resolve) => {
      this.queue.push({ item, resolve });
      if (this.running) return; // the running loop picks it up
      if (this.queue.length >= this.maxBatch) this.start();
      else this.timer ??= setTimeout(() => this.start(), this.lingerMs);
    });
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Waits until every submitted item has been processed. */
  async drain(): Promise<void> {
    if (this.queue.length > 0 && !this.running) this.start();
    while (this.running) await this.running;
  }

  private start(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.running ??= this.loop().finally(() => {
      this.running = undefined;
      if (this.queue.length > 0) this.start();
    });
  }

  private async loop(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      const items = batch.map((b) => b.item);
      const results = await this.withRetries(items);
      batch.forEach((b, i) => b.resolve(results[i] as R));
    }
  }

  private async withRetries(items: T[]): Promise<R[]> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.options.process(items);
      } catch (error) {
        const delay = this.retryDelaysMs[attempt];
        if (delay === undefined) {
          const result = await this.options.onFailure(items, error);
          return items.map(() => result);
        }
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }
}
