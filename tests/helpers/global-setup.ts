import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { adminQuery, databaseUrl, PG_ADMIN_URL } from "./db.js";

/**
 * Once per test run: a template database with every migration applied by the real CLI
 * (`prisma migrate deploy`), which each test file then clones. Applying them here also proves the
 * migrations run on an empty database.
 *
 * The template is named after a hash of prisma/migrations and reused while they are unchanged:
 * `migrate deploy` itself takes ~0.5 s but the CLI lingers ~10 s before exiting (an open timer).
 */
export default async function setup(): Promise<void> {
  ensurePrismaClient();
  const name = `stretch_test_tpl_${migrationsHash()}`;
  process.env.TEST_TEMPLATE_DB = name;
  if (await templateIsReady(name)) return;
  // Several checkouts of this repo may share one PostgreSQL (worktrees, a CI run beside a dev
  // run): dropping "stale" templates would pull a template from under another run's clones. Only a
  // CI run, which owns its machine, cleans them up.
  if (process.env.CI === "true") await dropStaleTemplates(name);
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${name}"`);
  try {
    execFileSync("npx", ["prisma", "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: databaseUrl(name) },
      stdio: ["ignore", "ignore", "inherit"],
    });
    await adminQuery(`COMMENT ON DATABASE "${name}" IS 'ready'`);
  } catch (error) {
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    throw error;
  }
}

/**
 * `npm ci` generates the client (postinstall), but an install with --ignore-scripts does not: the
 * suite then generates it rather than failing every file with "Failed to load url".
 */
function ensurePrismaClient(): void {
  if (existsSync(join(process.cwd(), "src", "generated", "prisma", "client.ts"))) return;
  execFileSync("npx", ["--no", "prisma", "generate"], { stdio: ["ignore", "ignore", "inherit"] });
}

function migrationsHash(): string {
  const root = join(process.cwd(), "prisma", "migrations");
  const hash = createHash("sha256");
  for (const dir of readdirSync(root).sort()) {
    if (dir.endsWith(".toml")) continue;
    hash.update(dir);
    hash.update(readFileSync(join(root, dir, "migration.sql")));
  }
  return hash.digest("hex").slice(0, 12);
}

/** A template only counts once its migrations finished (marked by the comment). */
async function templateIsReady(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    const res = await client.query(
      "SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = $1",
      [name],
    );
    return res.rows[0]?.note === "ready";
  } finally {
    await client.end();
  }
}

/** Templates of earlier migration sets are dead weight once the migrations changed. */
async function dropStaleTemplates(keep: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    const res = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'stretch_test_tpl_%'");
    for (const { datname } of res.rows) {
      if (datname !== keep) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}
