/** Options for {@link MicroBatcher}. */
export interface MicroBatcherOptions {
  /** Largest batch handed to `run`. Default 500. */
  maxSize?: number;
  /** Batches running at once; while they run, new items wait and form the next batch. Default 2. */
  maxInFlight?: number;
  /**
   * How long a batch smaller than maxSize waits for more items before it goes, in ms. Default 0
   * (next turn). For calls whose budget is the number of calls (dnd.teamInfo: ~20 a minute), a
   * short wait turns many one-person calls into one call for many.
   */
  lingerMs?: number;
}

/**
 * Turns many concurrent single-item calls into few batch calls (DataLoader style). Items added in
 * the same event-loop turn, or while `maxInFlight` batches are running, go out together, so batch
 * size grows with load by itself and a lone item waits at most one turn.
 *
 * Why: each delivery needs a claim and a record in Postgres; at 100+ concurrent deliveries, one
 * statement per batch instead of per prompt keeps the database off the critical path.
 */
export class MicroBatcher<I, O> {
  private queue: Array<{ item: I; resolve: (o: O) => void; reject: (e: unknown) => void }> = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly maxSize: number;
  private readonly maxInFlight: number;
  private readonly lingerMs: number;

  /** `run` returns one output per input, in input order. */
  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    options: MicroBatcherOptions = {},
  ) {
    this.maxSize = options.maxSize ?? 500;
    this.maxInFlight = options.maxInFlight ?? 2;
    this.lingerMs = options.lingerMs ?? 0;
  }

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    const go = () => {
      this.scheduled = false;
      this.flush();
    };
    if (this.lingerMs > 0 && this.queue.length < this.maxSize) setTimeout(go, this.lingerMs).unref();
    else setImmediate(go);
  }

  private flush(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxSize);
      this.inFlight += 1;
      this.run(batch.map((b) => b.item))
        .then(
          (outputs) => batch.forEach((b, i) => b.resolve(outputs[i] as O)),
          (error: unknown) => batch.forEach((b) => b.reject(error)),
        )
        .finally(() => {
          this.inFlight -= 1;
          this.schedule();
        });
    }
  }
}
