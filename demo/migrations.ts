import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";

/** Folders in prisma/migrations (each one migration). */
export function migrationNames(root: string): string[] {
  return readdirSync(join(root, "prisma", "migrations"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** Migrations not yet finished in this database, by `_prisma_migrations`. */
export async function pendingMigrations(databaseUrl: string, names: readonly string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query("SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present");
    if (!table.rows[0]?.present) return [...names];
    const done = await client.query<{ name: string }>(
      "SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const applied = new Set(done.rows.map((r) => r.name));
    return names.filter((n) => !applied.has(n));
  } finally {
    await client.end();
  }
}

/**
 * `prisma migrate deploy` only when something is pending: the CLI costs ~11 s even with nothing to
 * apply (a fixed wait inside Prisma), which would make every restart slow.
 */
export async function migrateIfNeeded(root: string, databaseUrl: string): Promise<{ applied: string[]; ms: number }> {
  const started = Date.now();
  const pending = await pendingMigrations(databaseUrl, migrationNames(root));
  if (pending.length === 0) return { applied: [], ms: Date.now() - started };
  const prisma = join(root, "node_modules", ".bin", "prisma");
  await promisify(execFile)(prisma, ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    maxBuffer: 16 * 1024 * 1024,
  });
  return { applied: pending, ms: Date.now() - started };
}
