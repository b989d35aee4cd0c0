import { Queue, Worker, type BackendFactory, type Processor, type WorkerOptions } from "bullmq";

/**
 * A key that lives for a while: what the channel pacer and the reconcile lock need from the
 * datastore (Redis `SET key NX PX ttl`, or a row with an expiry in Postgres).
 */
export interface ExpiringKeys {
  /**
   * Sets `key` for `ttlMs` unless it is still set. `taken` is true when this call set it; otherwise
   * `leftMs` is how long the current holder keeps it.
   */
  claim(key: string, ttlMs: number): Promise<{ taken: boolean; leftMs: number }>;
}

export interface ConnectionOptions {
  /** Default false. */
  failFast?: boolean;
  /** Redis connect timeout in ms when failFast. Default 2000. */
  connectTimeoutMs?: number;
}

/**
 * Where the job queues live, chosen by QUEUE_BACKEND: Redis (production default) or PostgreSQL
 * (BullMQ 6.7's own backend, for a machine without Redis, e.g. `npm run demo`). Everything that
 * creates a Queue or Worker, and the two bits of coordination outside BullMQ (channel pacing and
 * the reconcile lock), goes through this, so services and listeners never know which one it is.
 */
export interface JobBackend {
  readonly kind: "redis" | "postgres";
  /**
   * Connection options for a Queue/Worker; `name` labels Redis connections (one per name). Owned by
   * the backend. `failFast`: commands fail at once while the server is down instead of waiting
   * for it (Redis: no offline queue, one retry); for producers that have somewhere else to go.
   */
  connection(name: string, options?: ConnectionOptions): unknown;
  /** Redis key prefix (QUEUE_PREFIX); the Postgres backend namespaces by schema instead. */
  readonly prefix: string;
  /** BullMQ backend factory; undefined = BullMQ's default (Redis). */
  readonly factory: BackendFactory | undefined;
  readonly keys: ExpiringKeys;
  /**
   * For each id, whether `queue` still holds a job with it (in any state, finished ones kept by
   * removeOnFail included): exactly when re-adding that id would be a no-op. The reconcile loop
   * asks it for every unsent prompt's deliver job each run: Redis answers a thousand ids per call.
   */
  jobsExist(queue: Queue, jobIds: readonly string[]): Promise<boolean[]>;
  /** Readiness probe. */
  ping(): Promise<void>;
  /** Closes every connection the backend opened. Call after the queues and workers are closed. */
  close(): Promise<void>;
}

/** A producer, on the backend's shared connection unless `connection` names another. */
export function newQueue<T>(backend: JobBackend, name: string, connection: { name: string } & ConnectionOptions = { name: "stretch-main" }): Queue<T> {
  const opts = { connection: backend.connection(connection.name, connection) as never, prefix: backend.prefix };
  return backend.factory ? (new Queue<T>(name, opts, backend.factory as never) as unknown as Queue<T>) : new Queue<T>(name, opts);
}

/** A consumer on `connection` (from `backend.connection(...)`), with the backend's prefix. */
export function newWorker<T>(
  backend: JobBackend,
  name: string,
  processor: Processor<T>,
  opts: Omit<WorkerOptions, "connection" | "prefix"> & { connection: unknown },
): Worker<T> {
  const full = { ...opts, connection: opts.connection as never, prefix: backend.prefix };
  return backend.factory
    ? (new Worker<T>(name, processor, full, backend.factory as never) as unknown as Worker<T>)
    : new Worker<T>(name, processor, full);
}

/** jobsExist by one state look-up per id: for a backend with no batched form (Postgres, the demo). */
export async function jobsExistOneByOne(queue: Queue, jobIds: readonly string[]): Promise<boolean[]> {
  const states = await Promise.all(jobIds.map((id) => queue.getJobState(id)));
  return states.map((state) => state !== "unknown");
}
