import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDb, type Db } from "../../src/db/client.js";

/** Admin connection for creating and dropping per-file databases. */
export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
/** Migrated by the global setup (which sets TEST_TEMPLATE_DB); each test file clones it. */
function templateDb(): string {
  const name = process.env.TEST_TEMPLATE_DB;
  if (!name) throw new Error("TEST_TEMPLATE_DB is not set: run tests through vitest (tests/helpers/global-setup.ts)");
  return name;
}

export function databaseUrl(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  db: Db;
  /** Empties every table (between tests in one file). */
  truncate(): Promise<void>;
  drop(): Promise<void>;
}

/** A fresh database for one test file, cloned from the migrated template. */
export async function createTestDatabase(label = "t"): Promise<TestDatabase> {
  const name = `stretch_${label.replace(/[^a-z0-9_]/gi, "").toLowerCase().slice(0, 20)}_${randomBytes(4).toString("hex")}`;
  await cloneTemplate(name);
  const url = databaseUrl(name);
  const db = createDb(url, 5);
  return {
    name,
    url,
    db,
    async truncate() {
      const tables = await db.$queryRaw<Array<{ tablename: string }>>`
        SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
      if (tables.length === 0) return;
      const list = tables.map((t) => `"public"."${t.tablename}"`).join(", ");
      await db.$executeRawUnsafe(`TRUNCATE ${list} CASCADE`);
    },
    async drop() {
      await db.$disconnect();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/**
 * Postgres refuses to clone a template while any other session is connected to it, and parallel
 * test files (or a concurrent run) clone it at the same moment: retry briefly.
 */
async function cloneTemplate(name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${templateDb()}"`);
      return;
    } catch (error) {
      const busy = error instanceof Error && error.message.includes("being accessed by other users");
      if (!busy || attempt >= 40) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}
