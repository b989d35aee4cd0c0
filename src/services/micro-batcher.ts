/** Options of a MicroBatcher. Every one has a default. */
export interface MicroBatcherOptions<T, R> {
  /** Largest batch handed to `process`. Default 500. */
  maxSize?: number;
  /**
   * Batches running at once; while they run, new items wait and form the next batch. Default 2.
   * 1 keeps the order items came in (the reaction path: an add then a remove of the same emoji).
   */
  maxInFlight?: number;
  /**
   * How long a batch smaller than maxSize waits for more items before it goes, in ms. Default 0
   * (next turn). For calls whose budget is the number of calls (dnd.teamInfo: ~20 a minute), or
   * whose cost is per statement, a short wait turns many one-item calls into one for many.
   */
  lingerMs?: number;
  /** Delays before retrying a failed batch, in ms. Default none: the first failure counts. */
  retryDelaysMs?: readonly number[];
  /**
   * The result for every item of a batch that still failed after the retries (e.g. after handing
   * them to a durable queue). Default: the items' promises reject with the error.
   */
  onFailure?(items: T[], error: unknown): R | Promise<R>;
  /**
   * The result for an item added while `maxPending` items already wait (the database is slow or
   * down): it is handed on here instead of growing the queue. Default: queued anyway (unbounded).
   */
  onOverflow?(item: T): Promise<R>;
  /** Most items waiting in memory before `onOverflow` takes new ones. Default 10,000. */
  maxPending?: number;
}

/**
 * Turns many concurrent single-item calls into few batch calls (DataLoader style). Items added in
 * the same event-loop turn (or within `lingerMs`), or while `maxInFlight` batches are running, go
 * out together, so batch size grows with load by itself and a lone item waits at most one turn.
 *
 * Why: each delivery needs a claim and a record in Postgres, and the reaction hot path (1,000
 * events/s) would cost a transaction per event; one statement per batch keeps the database off
 * the critical path. Nothing is dropped silently: a failing batch is retried (retryDelaysMs), then
 * handed to `onFailure` or rejected; past `maxPending` new items go to `onOverflow`; `drain()`
 * waits for everything.
 */
export class MicroBatcher<T, R> {
  private queue: Array<{ item: T; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private scheduled = false;
  private idle: Array<() => void> = [];
  private readonly maxSize: number;
  private readonly maxInFlight: number;
  private readonly lingerMs: number;

  /** `process` returns one result per item, in item order. */
  constructor(
    private readonly process: (items: T[]) => Promise<R[]>,
    private readonly options: MicroBatcherOptions<T, R> = {},
  ) {
    this.maxSize = options.maxSize ?? 500;
    this.maxInFlight = options.maxInFlight ?? 2;
    this.lingerMs = options.lingerMs ?? 0;
  }

  /** Resolves with the item's result once its batch is done. */
  add(item: T): Promise<R> {
    if (this.options.onOverflow && this.queue.length >= (this.options.maxPending ?? 10_000)) return this.options.onOverflow(item);
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Items waiting for a batch. */
  get pending(): number {
    return this.queue.length;
  }

  /** Waits until every item added so far has been processed (waiting batches go at once). */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.inFlight > 0) {
      this.flushNow();
      await new Promise<void>((resolve) => this.idle.push(resolve));
    }
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    if (this.lingerMs > 0 && this.queue.length < this.maxSize) {
      this.timer = setTimeout(() => this.flushNow(), this.lingerMs);
      this.timer.unref();
    } else {
      setImmediate(() => this.flushNow());
    }
  }

  private flushNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.scheduled = false;
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxSize);
      this.inFlight += 1;
      this.run(batch.map((b) => b.item))
        .then(
          (results) => batch.forEach((b, i) => b.resolve(results[i] as R)),
          (error: unknown) => batch.forEach((b) => b.reject(error)),
        )
        .finally(() => {
          this.inFlight -= 1;
          this.schedule();
          // drain() re-checks after every batch.
          for (const wake of this.idle.splice(0)) wake();
        });
    }
  }

  /** One batch with its retries; after the last, `onFailure`'s result for every item, or the error. */
  private async run(items: T[]): Promise<R[]> {
    const delays = this.options.retryDelaysMs ?? [];
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.process(items);
      } catch (error) {
        const delay = delays[attempt];
        if (delay === undefined) {
          if (!this.options.onFailure) throw error;
          const result = await this.options.onFailure(items, error);
          return items.map(() => result);
        }
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }
}
