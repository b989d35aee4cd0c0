import { execFileSync } from "node:child_process";
import { adminQuery, databaseUrl, TEMPLATE_DB } from "./db.js";

/**
 * Once per test run: a template database with every migration applied by the real CLI
 * (`prisma migrate deploy`), which each test file then clones. Applying the migrations here also
 * proves they run on an empty database.
 */
export default async function setup(): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${TEMPLATE_DB}"`);
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl(TEMPLATE_DB) },
    stdio: ["ignore", "ignore", "inherit"],
  });
}
