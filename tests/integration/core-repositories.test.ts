import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MemberRepository } from "../../src/db/repositories/members.js";
import { RoutineRequestRepository } from "../../src/db/repositories/routine-requests.js";
import { WorkspaceRepository } from "../../src/db/repositories/workspaces.js";
import { prismaRunner } from "../../src/db/sql.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";

describe("core repositories on PostgreSQL", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("int_core");
  });
  afterAll(async () => database?.drop());
  beforeEach(async () => database.truncate());

  it("records routine requests and returns recent exercise ids for that person only, newest first", async () => {
    const repo = new RoutineRequestRepository(prismaRunner(database.db));
    await repo.record({ teamId: "T1", userId: "U1", channelId: "C1", text: "neck", outcome: "routine", areas: ["neck"], exerciseIds: ["neck-rolls", "shoulder-shrugs"], seconds: 120 });
    await new Promise((r) => setTimeout(r, 5));
    await repo.record({ teamId: "T1", userId: "U1", text: "hips", outcome: "routine", areas: ["hips"], exerciseIds: ["deep-hip-muscle-stretch"], seconds: 60 });
    await repo.record({ teamId: "T1", userId: "U2", text: "legs", outcome: "routine", areas: ["legs"], exerciseIds: ["calf-raises"] });
    await repo.record({ teamId: "T2", userId: "U1", text: "core", outcome: "routine", areas: ["core"], exerciseIds: ["isometric-core-bracing"] });

    expect(await repo.recentExerciseIds("T1", "U1", new Date(Date.now() - 60_000))).toEqual(["deep-hip-muscle-stretch", "neck-rolls", "shoulder-shrugs"]);
    expect(await repo.recentExerciseIds("T1", "U1", new Date(Date.now() + 60_000))).toEqual([]);
    const row = await database.db.routineRequest.findFirstOrThrow({ where: { teamId: "T1", userId: "U1", text: "neck" } });
    expect(row).toMatchObject({ channelId: "C1", outcome: "routine", areas: ["neck"], seconds: 120 });
  });

  it("stores nothing for a person who opted out", async () => {
    const repo = new RoutineRequestRepository(prismaRunner(database.db));
    await new WorkspaceRepository(database.db).ensure("T1", undefined);
    await new MemberRepository(database.db).updatePreferences("T1", "U1", { optedOut: true });
    await repo.record({ teamId: "T1", userId: "U1", text: "neck", outcome: "routine", areas: ["neck"], exerciseIds: ["neck-rolls"] });
    await repo.record({ teamId: "T2", userId: "U1", text: "neck", outcome: "routine", areas: ["neck"], exerciseIds: ["neck-rolls"] });
    expect(await database.db.routineRequest.findMany({ select: { teamId: true } })).toEqual([{ teamId: "T2" }]);
  });

  it("stores hostile request text verbatim as data (parameterised, truncated to 500 chars)", async () => {
    const repo = new RoutineRequestRepository(prismaRunner(database.db));
    const text = `'; DROP TABLE "RoutineRequest"; -- ${"x".repeat(1000)}`;
    await repo.record({ teamId: "T1", userId: "U1", text, outcome: "unknown", areas: [], exerciseIds: [] });
    const row = await database.db.routineRequest.findFirstOrThrow({ where: { teamId: "T1" } });
    expect(row.text).toBe(text.slice(0, 500));
  });

  it("creates a workspace once and keeps member preferences when the Slack profile is refreshed", async () => {
    const workspaces = new WorkspaceRepository(database.db);
    await workspaces.ensure("T1", undefined);
    await workspaces.ensure("T1", undefined);
    expect(await database.db.workspace.count()).toBe(1);

    const members = new MemberRepository(database.db);
    await members.saveProfile("T1", "U1", { tz: "Europe/Warsaw", displayName: "Ala", isAdmin: false });
    await members.updatePreferences("T1", "U1", { optedOut: true, workStartMinute: 480 });
    await members.saveProfile("T1", "U1", { tz: "America/New_York", isAdmin: true });
    const member = await members.find("T1", "U1");
    expect(member).toMatchObject({ tz: "America/New_York", displayName: "Ala", isAdmin: true, optedOut: true, workStartMinute: 480, workEndMinute: 1020 });
    expect(await members.findMany("T1", ["U1", "U404"])).toHaveLength(1);
    expect(await members.find("T2", "U1")).toBeNull();
  });
});
