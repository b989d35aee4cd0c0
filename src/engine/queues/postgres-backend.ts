import { createPostgresBackend, runMigrations, type BackendFactory } from "bullmq";
import pg from "pg";
import { jobsExistOneByOne, type ExpiringKeys, type JobBackend } from "./job-backend.js";

/** BullMQ's own schema name when it is handed a pool (it cannot pick another then). */
const BULLMQ_SCHEMA = "bullmq";
/** Our pacing and lock keys: outside Prisma's schema, so they never show up as drift. */
const KEYS_TABLE = `${BULLMQ_SCHEMA}.stretch_expiring_keys`;

/**
 * SET NX PX on a table: one row per key with its expiry. The insert takes the key when it is
 * absent or expired; otherwise the row that blocked it says how long it still lives. UNLOGGED:
 * pacing and locks are worth nothing after a crash, like Redis keys that were never persisted.
 */
export class PostgresExpiringKeys implements ExpiringKeys {
  constructor(private readonly pool: pg.Pool) {}

  static async createTable(pool: pg.Pool): Promise<void> {
    await pool.query(`CREATE UNLOGGED TABLE IF NOT EXISTS ${KEYS_TABLE} (key text PRIMARY KEY, expires_at timestamptz NOT NULL)`);
  }

  async claim(key: string, ttlMs: number): Promise<{ taken: boolean; leftMs: number }> {
    const res = await this.pool.query<{ taken: boolean; left_ms: string | null }>(
      `WITH claimed AS (
         INSERT INTO ${KEYS_TABLE} AS k (key, expires_at)
         VALUES ($1, clock_timestamp() + make_interval(secs => $2::float8 / 1000))
         ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE k.expires_at <= clock_timestamp()
         RETURNING 1
       )
       SELECT EXISTS (SELECT 1 FROM claimed) AS taken,
              (SELECT ceil(extract(epoch FROM expires_at - clock_timestamp()) * 1000) FROM ${KEYS_TABLE} WHERE key = $1) AS left_ms`,
      [key, ttlMs],
    );
    const row = res.rows[0];
    if (!row || row.taken) return { taken: true, leftMs: 0 };
    return { taken: false, leftMs: Math.max(0, Number(row.left_ms ?? 0)) };
  }
}

/**
 * At most this many "error" listeners on the shared pool before Node warns of a leak: ours plus one
 * per open Queue or Worker (the app opens a fixed set at start-up: 5 queues, 5 workers), with room
 * for a test or tool that opens a few more. A real leak (listeners that outlive their queue) still
 * warns.
 */
const POOL_MAX_LISTENERS = 32;

/**
 * BullMQ's Postgres backend factory, made to give back what it takes from the shared pool. Each
 * Queue and Worker wraps the pool it is handed in a connection that adds an "error" listener to it
 * (forwarding an idle client's error as the queue's), and BullMQ 6.7 removes that listener only
 * with a pool it owns (it never ends a pool it was handed, nor unhooks from it). Measured: 11
 * listeners after start-up (MaxListenersExceededWarning), and one more left behind by every Queue
 * opened and closed. Here the listeners a backend added are removed when it closes.
 */
function releasingFactory(pool: pg.Pool): BackendFactory {
  const factory = createPostgresBackend as unknown as BackendFactory;
  return (name, opts, factoryOpts) => {
    const before = new Set(pool.listeners("error"));
    const backend = factory(name, opts, factoryOpts);
    const added = pool.listeners("error").filter((listener) => !before.has(listener));
    if (added.length === 0) return backend;
    const release = () => {
      for (const listener of added) pool.removeListener("error", listener as (error: Error) => void);
    };
    const close = backend.close.bind(backend);
    const disconnect = backend.disconnect.bind(backend);
    backend.close = async (...args: Parameters<typeof close>) => {
      try {
        return await close(...args);
      } finally {
        release();
      }
    };
    backend.disconnect = async () => {
      try {
        return await disconnect();
      } finally {
        release();
      }
    };
    return backend;
  };
}

export interface PostgresJobBackendOptions {
  /** Connections in the shared pool. Each Worker keeps one for LISTEN. Default 20. */
  poolSize?: number;
}

/**
 * The job queues on PostgreSQL, for machines without Redis (`npm run demo`): BullMQ 6.7's own
 * backend (FOR UPDATE SKIP LOCKED + LISTEN/NOTIFY, schema "bullmq") over one pool shared by every
 * Queue and Worker of the process (a pool per Queue would exhaust a small server's connections).
 * Migrates BullMQ's schema on start-up.
 */
export async function postgresJobBackend(databaseUrl: string, options: PostgresJobBackendOptions = {}): Promise<JobBackend> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.poolSize ?? 20,
    // BullMQ's SQL names its tables unqualified; with a pool of ours we set the schema.
    options: `-c search_path=${BULLMQ_SCHEMA}`,
    keepAlive: true,
    application_name: "stretch-jobs",
  });
  pool.on("error", () => undefined); // an idle client's error: the next query reconnects
  pool.setMaxListeners(POOL_MAX_LISTENERS);
  const client = await pool.connect();
  try {
    await runMigrations(client, BULLMQ_SCHEMA);
  } finally {
    client.release();
  }
  await PostgresExpiringKeys.createTable(pool);
  return {
    kind: "postgres",
    prefix: "bull",
    factory: releasingFactory(pool),
    connection: () => pool,
    keys: new PostgresExpiringKeys(pool),
    jobsExist: jobsExistOneByOne,
    ping: async () => {
      await pool.query("SELECT 1");
    },
    close: () => pool.end(),
  };
}
