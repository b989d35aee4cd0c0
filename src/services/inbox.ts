import type { Logger } from "../logger.js";

/**
 * Work Slack has already been told we accepted (events are acknowledged before any listener
 * runs; a Done press is acknowledged before it is stored): reactions, Done presses and lifecycle
 * or membership events. Each kind has one handler, looked up by name, so an item can be stored in
 * Redis and run again by another process after a restart.
 */
export type InboxKind =
  | "reactions"
  /** Reactions that arrived before their prompt's ts was recorded: retried until it is (or 30 minutes). */
  | "held_reactions"
  | "done"
  | "member_joined"
  | "member_left"
  | "channel_gone"
  | "user_change"
  | "user_status"
  | "dnd_updated"
  | "app_uninstalled"
  | "tokens_revoked";

export type InboxHandler = (payload: never) => Promise<void>;

/** One deferred piece of work. `size` counts toward the memory bound (a reaction batch: its events). */
export interface InboxItem {
  kind: InboxKind;
  payload: unknown;
  size: number;
  /** When it was first accepted (ms since epoch), for logs. */
  acceptedAt: number;
}

/** The durable queue (BullMQ on Redis, src/engine/queues/inbox-queue.ts). `add` must fail fast when Redis is down. */
export interface InboxQueue {
  add(item: InboxItem): Promise<void>;
}

export interface InboxOptions {
  /** Most events held in process memory while neither Postgres nor Redis takes them. Default 10,000 (INBOX_MEMORY_LIMIT). */
  memoryLimit?: number;
  /** How often held items are tried again, in ms. Default 2,000. */
  retryEveryMs?: number;
  /**
   * How long `run` waits for the work before keeping it for later, in ms. Default 10,000: a
   * database that hangs (rather than refusing) must not pile requests up in memory. The late run
   * may still finish; handlers are idempotent, so the retry then changes nothing.
   */
  runTimeoutMs?: number;
}

export type InboxOutcome = "done" | "queued" | "held" | "dropped";

/**
 * Nothing acknowledged is lost, within a stated bound:
 * 1. the work runs at once (the normal path);
 * 2. if it fails (Postgres down), it goes to the durable queue in Redis, whose worker retries it
 *    with back-off for hours (src/engine/queues/inbox-queue.ts);
 * 3. if Redis cannot take it either, it is held in this process's memory and tried again every
 *    `retryEveryMs` (straight to Postgres first, then Redis), up to `memoryLimit` events. Beyond
 *    that bound new items are dropped with an error log naming them; a SIGTERM drains what is
 *    held (drain()), and whatever still cannot be stored then is logged as lost.
 */
export class Inbox {
  private readonly handlers = new Map<InboxKind, InboxHandler>();
  private held: InboxItem[] = [];
  private heldSize = 0;
  private timer: NodeJS.Timeout | undefined;
  private retrying: Promise<void> | undefined;
  private readonly memoryLimit: number;
  private readonly retryEveryMs: number;
  private readonly runTimeoutMs: number;

  constructor(
    private readonly queue: InboxQueue | null,
    private readonly log: Logger,
    options: InboxOptions = {},
  ) {
    this.memoryLimit = options.memoryLimit ?? 10_000;
    this.retryEveryMs = options.retryEveryMs ?? 2_000;
    this.runTimeoutMs = options.runTimeoutMs ?? 10_000;
  }

  register<P>(kind: InboxKind, handler: (payload: P) => Promise<void>): void {
    this.handlers.set(kind, handler as InboxHandler);
  }

  /** Events held in memory right now (neither Postgres nor Redis took them yet). */
  get heldEvents(): number {
    return this.heldSize;
  }

  /** Runs the work now; when that fails, keeps it (Redis, else memory). Never rejects. */
  async run<P>(kind: InboxKind, payload: P, size = 1): Promise<InboxOutcome> {
    try {
      await this.attempt(kind, payload);
      return "done";
    } catch (error) {
      this.log.warn({ kind, err: errorText(error) }, "acknowledged work failed; keeping it for a retry");
      return this.defer(kind, payload, size);
    }
  }

  /** Keeps work that could not be done now: the durable queue, else bounded memory. Never rejects. */
  async defer<P>(kind: InboxKind, payload: P, size = 1): Promise<InboxOutcome> {
    const item: InboxItem = { kind, payload, size, acceptedAt: Date.now() };
    if (await this.toQueue(item)) return "queued";
    return this.hold(item);
  }

  /** The handler, given up on after runTimeoutMs (it may still finish: handlers are idempotent). */
  private async attempt(kind: InboxKind, payload: unknown, timeoutMs = this.runTimeoutMs): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.handle(kind, payload),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs one item's handler (the inbox worker calls this); throws when it fails. */
  async handle(kind: InboxKind, payload: unknown): Promise<void> {
    const handler = this.handlers.get(kind);
    if (!handler) throw new Error(`no inbox handler for "${kind}"`);
    await handler(payload as never);
  }

  /**
   * Shutdown: one more try for everything held (Postgres, then Redis), within `deadlineMs`.
   * Whatever is still held afterwards is logged as lost, item by item.
   */
  async drain(deadlineMs = 5_000): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.retrying) await this.retrying;
    const stopAt = Date.now() + deadlineMs;
    const items = this.takeHeld();
    for (const item of items) {
      const left = stopAt - Date.now();
      const stored = left > 0 && (await this.retryOne(item, Math.min(left, this.runTimeoutMs)));
      if (!stored) this.log.error({ kind: item.kind, events: item.size, payload: item.payload }, "LOST: acknowledged work could not be stored before exit");
    }
  }

  private hold(item: InboxItem): InboxOutcome {
    if (this.heldSize + item.size > this.memoryLimit) {
      this.log.error(
        { kind: item.kind, events: item.size, held: this.heldSize, limit: this.memoryLimit, payload: item.payload },
        "LOST: Postgres and Redis are both unavailable and the in-memory inbox is full; dropping acknowledged work",
      );
      return "dropped";
    }
    this.held.push(item);
    this.heldSize += item.size;
    this.log.error({ kind: item.kind, held: this.heldSize, limit: this.memoryLimit }, "Postgres and Redis both unavailable: holding acknowledged work in memory");
    this.schedule();
    return "held";
  }

  private schedule(): void {
    if (this.timer || this.held.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.retrying = this.retryHeld().finally(() => {
        this.retrying = undefined;
        this.schedule();
      });
    }, this.retryEveryMs);
    this.timer.unref();
  }

  /** In order; stops at the first item nothing would take (both still down: no point hammering). */
  private async retryHeld(): Promise<void> {
    const items = this.takeHeld();
    let index = 0;
    for (; index < items.length; index += 1) {
      if (!(await this.retryOne(items[index]!))) break;
    }
    const rest = items.slice(index);
    this.held = [...rest, ...this.held];
    this.heldSize += rest.reduce((n, i) => n + i.size, 0);
    if (index > 0) this.log.info({ stored: index, stillHeld: this.heldSize }, "held acknowledged work stored");
  }

  private async retryOne(item: InboxItem, timeoutMs = this.runTimeoutMs): Promise<boolean> {
    try {
      await this.attempt(item.kind, item.payload, timeoutMs);
      return true;
    } catch {
      return this.toQueue(item);
    }
  }

  private async toQueue(item: InboxItem): Promise<boolean> {
    if (!this.queue) return false;
    try {
      await this.queue.add(item);
      return true;
    } catch (error) {
      this.log.warn({ kind: item.kind, err: errorText(error) }, "durable inbox queue unavailable");
      return false;
    }
  }

  private takeHeld(): InboxItem[] {
    const items = this.held;
    this.held = [];
    this.heldSize = 0;
    return items;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0]! : String(error);
}
