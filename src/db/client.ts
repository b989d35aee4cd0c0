import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client.js";
import type pg from "pg";
import { CONNECT_TIMEOUT_MS } from "./sql.js";

export type Db = PrismaClient;

/**
 * Prisma through the pg driver adapter: the "js" engine, so no native query-engine binary is needed.
 *
 * `source`: a DATABASE_URL (a pool of `poolSize` is made for this client), or the app's one pool
 * (createSqlPool), which Prisma then shares with the engine's plain SQL; whoever made the pool ends it.
 */
export function createDb(source: string | pg.Pool, poolSize = 10): Db {
  if (typeof source !== "string") return new PrismaClient({ adapter: new PrismaPg(source) });
  const databaseUrl = source;
  // jit=off: PostgreSQL's JIT can spend longer compiling a report-sized query than running it
  // (compare with `npm run bench:stats`); this app's queries are short OLTP and aggregates.
  // connectionTimeoutMillis: a Postgres that hangs fails calls (they are retried or kept by the inbox) instead of holding them.
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize, options: "-c jit=off", connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  return new PrismaClient({ adapter });
}

/** Readiness probe: one round trip. */
export async function pingDb(db: Db): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}
