import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemberDndRepository } from "../../src/engine/repositories/member-dnd.js";
import { createSqlPool, pgRunner } from "../../src/db/sql.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { addMembers, TEAM } from "../helpers/factories.js";

describe("stored DND answers", () => {
  let database: TestDatabase;
  let pool: ReturnType<typeof createSqlPool>;
  let repo: MemberDndRepository;
  const dndOf = async (userId: string) => database.db.member.findUniqueOrThrow({ where: { teamId_userId: { teamId: TEAM, userId } } });

  beforeAll(async () => {
    database = await createTestDatabase("member_dnd");
    pool = createSqlPool(database.url, 2);
    repo = new MemberDndRepository(database.db, pgRunner(pool));
    await addMembers(database.db, [{ userId: "U0DNDA0001" }, { userId: "U0DNDB0001" }]);
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it("stores answers for known members, ignores strangers, and never lets an older answer win", async () => {
    const start = new Date("2026-11-23T21:00:00.000Z");
    const end = new Date("2026-11-24T07:00:00.000Z");
    const event = new Date("2026-11-23T10:00:05.000Z");
    const saved = await repo.save([
      { teamId: TEAM, userId: "U0DNDA0001", enabled: true, nextStartAt: start, nextEndAt: end, checkedAt: event },
      { teamId: TEAM, userId: "U0STRANGER", enabled: true, nextStartAt: start, nextEndAt: end, checkedAt: event },
    ]);
    expect(saved).toBe(1);
    expect(await dndOf("U0DNDA0001")).toMatchObject({ dndEnabled: true, dndNextStartAt: start, dndNextEndAt: end, dndCheckedAt: event });

    // A dnd.teamInfo asked before that event answers "off" late: the event stays.
    await repo.save([{ teamId: TEAM, userId: "U0DNDA0001", enabled: false, nextStartAt: null, nextEndAt: null, checkedAt: new Date(event.getTime() - 1000) }]);
    expect(await dndOf("U0DNDA0001")).toMatchObject({ dndEnabled: true, dndCheckedAt: event });

    // A newer answer replaces it, and clears the window.
    const later = new Date(event.getTime() + 60_000);
    await repo.save([{ teamId: TEAM, userId: "U0DNDA0001", enabled: false, nextStartAt: null, nextEndAt: null, checkedAt: later }]);
    expect(await dndOf("U0DNDA0001")).toMatchObject({ dndEnabled: false, dndNextStartAt: null, dndNextEndAt: null, dndCheckedAt: later });
    expect(await dndOf("U0DNDB0001")).toMatchObject({ dndEnabled: null, dndCheckedAt: null });
  });

  it("works the same through Prisma (services built without the pg pool)", async () => {
    const viaPrisma = new MemberDndRepository(database.db);
    const checkedAt = new Date("2026-11-23T12:00:00.000Z");
    expect(await viaPrisma.save([{ teamId: TEAM, userId: "U0DNDB0001", enabled: true, nextStartAt: null, nextEndAt: new Date("2026-11-23T13:00:00.000Z"), checkedAt }])).toBe(1);
    expect(await dndOf("U0DNDB0001")).toMatchObject({ dndEnabled: true, dndNextStartAt: null, dndCheckedAt: checkedAt });
  });
});
