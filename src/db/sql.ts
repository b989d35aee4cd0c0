import { createHash } from "node:crypto";
import pg from "pg";
import type { Db } from "./client.js";

/**
 * Plain SQL for the job engine's hot statements (one statement per batch of deliveries).
 * Why not Prisma: through the driver adapter, a raw statement with array parameters and a few
 * hundred result values costs ~5 ms of CPU in Prisma's query interpreter; pg itself ~0.3 ms.
 */
export interface SqlRunner {
  query<T>(text: string, params: unknown[]): Promise<T[]>;
  execute(text: string, params: unknown[]): Promise<number>;
}

const TIMESTAMP = 1114;

/** timestamp(3) columns hold UTC (Prisma's convention): read them as UTC whatever the process TZ. */
function parseUtc(text: string): Date {
  return new Date(`${text.replace(" ", "T")}Z`);
}

/** How long opening a connection may take before the call fails (then retried or kept by the inbox). */
export const CONNECT_TIMEOUT_MS = 5_000;

/**
 * The app's pg pool. Its type parser reads timestamps as UTC for the plain SQL here; Prisma's
 * adapter passes its own parsers with every query, so the pool can serve Prisma too (createDb).
 */
export function createSqlPool(databaseUrl: string, max: number, onIdleError: (error: Error) => void = () => undefined): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max,
    // jit=off: PostgreSQL's JIT spends 50–150 ms compiling report-sized queries that run in ~10 ms
    // without it (bench/stats-queries.ts); this app's queries are short OLTP and aggregates.
    options: "-c jit=off",
    // A Postgres that hangs (rather than refusing) fails the call instead of holding it forever.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") => {
        if (oid === TIMESTAMP) return parseUtc;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection that Postgres closes (restart, failover, database dropped) emits "error" on
  // the pool; with no listener that is an uncaught exception that kills the process. Prisma's
  // adapter listens only while it is connected, so the pool keeps a listener of its own: the next
  // query simply opens a new connection.
  pool.on("error", onIdleError);
  return pool;
}

/**
 * Every statement runs as a named prepared statement (name = hash of its text), so Postgres parses
 * and plans it once per connection instead of on every batch: planning the claim statement alone
 * cost more CPU than executing it. Statement texts here are constants; values are always parameters.
 */
export function pgRunner(pool: pg.Pool): SqlRunner {
  const names = new Map<string, string>();
  const nameOf = (text: string): string => {
    let name = names.get(text);
    if (name === undefined) names.set(text, (name = `s${createHash("sha1").update(text).digest("hex").slice(0, 16)}`));
    return name;
  };
  return {
    query: async <T>(text: string, params: unknown[]) => (await pool.query({ name: nameOf(text), text, values: params })).rows as T[],
    execute: async (text: string, params: unknown[]) => (await pool.query({ name: nameOf(text), text, values: params })).rowCount ?? 0,
  };
}

/** The same statements through Prisma (when no pool was given: tests, tools). */
export function prismaRunner(db: Db): SqlRunner {
  return {
    query: <T>(text: string, params: unknown[]) => db.$queryRawUnsafe<T[]>(text, ...params),
    execute: (text: string, params: unknown[]) => db.$executeRawUnsafe(text, ...params),
  };
}
