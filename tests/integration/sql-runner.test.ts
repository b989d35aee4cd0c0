import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqlPool, pgRunner } from "../../src/db/sql.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { eventually } from "../helpers/wait.js";

describe("pgRunner (the engine's hot statements)", () => {
  let database: TestDatabase;
  let pool: ReturnType<typeof createSqlPool>;

  beforeAll(async () => {
    database = await createTestDatabase("sql_runner");
    // One connection, so every statement below runs in the session whose prepared statements we read.
    pool = createSqlPool(database.url, 1);
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it("prepares each statement text once per connection and reuses it with new parameters", async () => {
    const sql = pgRunner(pool);
    const text = "SELECT $1::int + 1 AS n";
    expect(await sql.query<{ n: number }>(text, [1])).toEqual([{ n: 2 }]);
    expect(await sql.query<{ n: number }>(text, [41])).toEqual([{ n: 42 }]);
    expect(await sql.execute("SELECT generate_series(1, $1::int)", [3])).toBe(3);
    const prepared = await sql.query<{ statement: string }>("SELECT statement FROM pg_prepared_statements ORDER BY statement", []);
    expect(prepared.map((p) => p.statement)).toEqual(
      expect.arrayContaining(["SELECT $1::int + 1 AS n", "SELECT generate_series(1, $1::int)"]),
    );
    expect(prepared.filter((p) => p.statement === text)).toHaveLength(1);
  });

  it("reads timestamp columns as UTC whatever the server's time zone setting", async () => {
    const sql = pgRunner(pool);
    const [row] = await sql.query<{ at: Date }>("SELECT '2026-03-29 01:30:00'::timestamp AS at", []);
    expect(row?.at.toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it("an idle connection that Postgres closes is reported, not thrown, and the next query reconnects", async () => {
    const errors: string[] = [];
    const own = createSqlPool(database.url, 1, (error) => errors.push(error.message));
    try {
      const [{ pid }] = (await own.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows as [{ pid: number }];
      // Without the pool's own listener this is an uncaught exception (vitest fails the run).
      await pool.query("SELECT pg_terminate_backend($1)", [pid]);
      await eventually(() => errors.length > 0, 5_000);
      expect(errors[0]).toMatch(/terminat/);
      expect((await own.query<{ n: number }>("SELECT 1 AS n")).rows).toEqual([{ n: 1 }]);
    } finally {
      await own.end();
    }
  });
});
