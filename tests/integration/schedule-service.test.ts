import { StaticTokenSource } from "../../src/slack/token-source.js";
import type { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { nextPromptLine } from "../../src/bot/views/schedule.js";
import { MemberRepository } from "../../src/db/repositories/members.js";
import { ScheduleRepository } from "../../src/db/repositories/schedules.js";
import { createLogger } from "../../src/logger.js";
import { MemberService } from "../../src/services/member-service.js";
import type { ScheduleSync } from "../../src/services/ports.js";
import { ScheduleService, type ScheduleChange } from "../../src/services/schedule-service.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";

const TEAM = "T0SCHEDTEAM";
const CHANNEL = "C0SCHED0001";

/** users.info answered from a table: who is admin, which zone. */
function fakeSlack(users: Record<string, { tz?: string; is_admin?: boolean; is_owner?: boolean; team_id?: string }>) {
  const calls: string[] = [];
  const state = { down: false };
  const client = {
    users: {
      info: async ({ user }: { user: string }) => {
        calls.push(user);
        if (state.down) throw Object.assign(new Error("An HTTP protocol error occurred: statusCode = 503"), { code: "slack_webapi_http_error" });
        const u = users[user];
        if (!u) throw Object.assign(new Error("user_not_found"), { data: { error: "user_not_found" } });
        return { ok: true, user: { id: user, tz: u.tz, is_admin: u.is_admin ?? false, is_owner: u.is_owner ?? false, profile: {}, ...(u.team_id && { team_id: u.team_id }) } };
      },
    },
  };
  return { client: client as unknown as WebClient, calls, state };
}

class RecordingSync implements ScheduleSync {
  readonly calls: Array<{ teamId: string; scheduleId: string }> = [];
  failNext = false;
  async scheduleChanged(teamId: string, scheduleId: string): Promise<void> {
    this.calls.push({ teamId, scheduleId });
    if (this.failNext) {
      this.failNext = false;
      throw new Error("redis down");
    }
  }
}

const saved = (c: ScheduleChange) => {
  if (c.kind !== "saved") throw new Error(`expected saved, got ${JSON.stringify(c)}`);
  return c.view;
};

describe("ScheduleService on Postgres", () => {
  let database: TestDatabase;
  let service: ScheduleService;
  let sync: RecordingSync;
  let memberRepo: MemberRepository;
  const slack = fakeSlack({
    U0ALICE: { tz: "Europe/Warsaw" },
    U0BOB: { tz: "America/New_York" },
    U0ADMIN: { tz: "Asia/Kolkata", is_admin: true },
    U0OWNER: { tz: "UTC", is_owner: true },
    U0MANAGER: { tz: "Europe/London" },
    U0NOZONE: {},
    U0CONNECTADMIN: { tz: "UTC", is_admin: true, is_owner: true, team_id: "T0OTHERTEAM" },
    U0OWNADMIN: { tz: "UTC", is_admin: true, team_id: TEAM },
  });
  const alice = { teamId: TEAM, userId: "U0ALICE", channelId: CHANNEL };
  const bob = { ...alice, userId: "U0BOB" };
  const now = new Date("2026-11-23T12:30:00Z"); // Monday 13:30 in Warsaw

  beforeAll(async () => {
    database = await createTestDatabase("schedsvc");
  });
  afterAll(async () => {
    await database?.drop();
  });
  beforeEach(async () => {
    slack.state.down = false;
    await database.truncate();
    await database.db.workspace.create({ data: { teamId: TEAM } });
    sync = new RecordingSync();
    memberRepo = new MemberRepository(database.db);
    const log = createLogger("silent");
    service = new ScheduleService(new ScheduleRepository(database.db), memberRepo, new MemberService(memberRepo, slack.client, new StaticTokenSource("xoxb-test"), log), sync, { minIntervalMinutes: 15 }, log, {
      creatorOf: async (_team, channelId) => (channelId === CHANNEL ? "U0ALICE" : null),
    });
  });

  it("creates a channel schedule from the command, in the creator's Slack zone, and tells the engine", async () => {
    const v = saved(await service.applyText(alice, "every 60m 09:00-17:00 mon-fri", now));
    const row = await database.db.schedule.findUniqueOrThrow({ where: { teamId_targetKey: { teamId: TEAM, targetKey: `channel:${CHANNEL}` } } });
    expect(row).toMatchObject({ kind: "channel", channelId: CHANNEL, userId: null, createdBy: "U0ALICE", tz: "Europe/Warsaw", intervalMinutes: 60, windowStartMinute: 540, windowEndMinute: 1020, days: [1, 2, 3, 4, 5], active: true });
    expect(sync.calls).toEqual([{ teamId: TEAM, scheduleId: row.id }]);
    expect(nextPromptLine(v.next, now)).toBe("Next prompt: today 14:00 Europe/Warsaw");
  });

  it("falls back to UTC when the creator's zone is unknown", async () => {
    saved(await service.applyText({ ...alice, userId: "U0NOZONE" }, "every 60m", now));
    expect((await database.db.schedule.findFirstOrThrow()).tz).toBe("UTC");
  });

  it("updates in place (one row per target), keeping what was not typed", async () => {
    saved(await service.applyText(alice, "every 60m 09:00-17:00 mon-fri area neck tz America/New_York", now));
    const v = saved(await service.applyText(alice, "every 30m", now));
    expect(await database.db.schedule.count()).toBe(1);
    expect(v.schedule).toMatchObject({ intervalMinutes: 30, area: "neck", tz: "America/New_York", windowStartMinute: 540 });
    expect(sync.calls).toHaveLength(2);
    expect(sync.calls[0]!.scheduleId).toBe(sync.calls[1]!.scheduleId);
  });

  it("refuses contradictions after merging with the stored schedule, and saves nothing", async () => {
    saved(await service.applyText(alice, "every 60m 10:00-11:00", now));
    const change = await service.applyText(alice, "every 2h", now);
    expect(change).toMatchObject({ kind: "invalid", problems: [{ code: "intervalLongerThanWindow", every: 120, start: "10:00", end: "11:00" }] });
    expect((await database.db.schedule.findFirstOrThrow()).intervalMinutes).toBe(60);
    expect(sync.calls).toHaveLength(1);
  });

  describe("permissions on a channel's schedule", () => {
    beforeEach(async () => {
      saved(await service.applyText(alice, "every 60m", now));
      sync.calls.length = 0;
    });

    it("someone else is refused politely, nothing changes", async () => {
      const change = await service.applyText(bob, "every 30m", now);
      expect(change.kind).toBe("forbidden");
      expect((await service.applyText(bob, "off", now)).kind).toBe("forbidden");
      expect((await service.pause(bob, "channel 1h", now)).kind).toBe("forbidden");
      const row = await database.db.schedule.findFirstOrThrow();
      expect(row).toMatchObject({ intervalMinutes: 60, active: true, pausedUntil: null });
      expect(sync.calls).toEqual([]);
    });

    it("admins, owners and managers may change it; the creator stays the creator", async () => {
      saved(await service.applyText({ ...alice, userId: "U0ADMIN" }, "every 30m", now));
      saved(await service.applyText({ ...alice, userId: "U0OWNER" }, "every 45m", now));
      await memberRepo.updatePreferences(TEAM, "U0MANAGER", { isManager: true });
      saved(await service.applyText({ ...alice, userId: "U0MANAGER" }, "every 20m", now));
      expect(await database.db.schedule.findFirstOrThrow()).toMatchObject({ intervalMinutes: 20, createdBy: "U0ALICE" });
    });

    it("once turned off, anyone may set the channel up again and becomes its creator", async () => {
      expect(await service.applyText(alice, "off", now)).toMatchObject({ kind: "off", wasOn: true });
      expect((await database.db.schedule.findFirstOrThrow()).active).toBe(false);
      const v = saved(await service.applyText(bob, "every 90m", now));
      expect(v.schedule).toMatchObject({ createdBy: "U0BOB", active: true, tz: "Europe/Warsaw" }); // zone kept from the stored row
    });

    it("a DM schedule is its person's own, even for admins", async () => {
      saved(await service.applyText(bob, "dm every 90m", now));
      const bobs = await database.db.schedule.findFirstOrThrow({ where: { targetKey: "dm:U0BOB" } });
      expect(bobs).toMatchObject({ kind: "dm", userId: "U0BOB", channelId: null, tz: "America/New_York" });
      expect(await service.openEditor({ ...alice, userId: "U0ADMIN" }, bobs.id)).toEqual({ kind: "gone" });
      expect(await service.openEditor(bob, bobs.id)).toMatchObject({ kind: "edit", target: "dm", tz: "America/New_York" });
    });
  });

  it("turning off something that is not running says so and changes nothing", async () => {
    expect(await service.applyText(alice, "dm off", now)).toEqual({ kind: "off", target: "dm", schedule: null, wasOn: false });
    expect(sync.calls).toEqual([]);
  });

  it("in a DM with the bot, `schedule` means the caller's DM schedule; `members` is refused", async () => {
    const inDm = { ...alice, channelId: "D0ALICEDM" };
    const v = saved(await service.applyText(inDm, "every 90m", now));
    expect(v.schedule.targetKey).toBe("dm:U0ALICE");
    expect((await service.applyText(inDm, "members every 60m", now)).kind).toBe("invalid");
  });

  it("overview shows this channel's schedules and my DM schedule, not others'", async () => {
    saved(await service.applyText(alice, "every 60m", now));
    saved(await service.applyText(alice, "members at 10:00,15:00", now));
    saved(await service.applyText(alice, "dm every 90m", now));
    saved(await service.applyText(bob, "dm every 120m", now));
    saved(await service.applyText({ ...alice, channelId: "C0ELSEWHERE" }, "every 30m", now));
    const mine = await service.overview(alice, now);
    expect(mine.map((v) => v.schedule.targetKey)).toEqual([`channel:${CHANNEL}`, `members:${CHANNEL}`, "dm:U0ALICE"]);
    expect(mine.every((v) => v.canEdit)).toBe(true);
    const bobs = await service.overview(bob, now);
    expect(bobs.map((v) => [v.schedule.targetKey, v.canEdit])).toEqual([
      [`channel:${CHANNEL}`, false],
      [`members:${CHANNEL}`, false],
      ["dm:U0BOB", true],
    ]);
    // Members schedules are shown in the viewer's own zone.
    expect(nextPromptLine(bobs[1]!.next, now)).toContain("America/New_York");
  });

  it("pause for me holds my DM prompts; resume ends it; the channel schedule is untouched", async () => {
    saved(await service.applyText(alice, "every 60m", now));
    sync.calls.length = 0;
    const paused = await service.pause(bob, "2h", now);
    expect(paused).toEqual({ kind: "me-paused", until: new Date("2026-11-23T14:30:00Z"), tz: "America/New_York" });
    expect((await memberRepo.find(TEAM, "U0BOB"))!.pausedUntil).toEqual(new Date("2026-11-23T14:30:00Z"));
    expect((await database.db.schedule.findFirstOrThrow()).pausedUntil).toBeNull();
    const today = await service.pause(alice, "today", now);
    expect(today).toMatchObject({ kind: "me-paused", until: new Date("2026-11-23T23:00:00Z") });
    expect(await service.resume(bob, "", now)).toMatchObject({ kind: "me-resumed", wasPaused: true, channelPaused: null });
    // The pause ends at the resume (not erased), so prompts for slots inside it stay unsent.
    expect((await memberRepo.find(TEAM, "U0BOB"))!.pausedUntil).toEqual(now);
    expect(sync.calls).toEqual([]);
  });

  it("pause channel holds the channel's schedules until the given time; resume channel restarts them", async () => {
    saved(await service.applyText(alice, "every 60m", now));
    saved(await service.applyText(alice, "members every 60m", now));
    sync.calls.length = 0;
    const paused = await service.pause(alice, "channel 2h", now);
    expect(paused).toMatchObject({ kind: "channel-paused", until: new Date("2026-11-23T14:30:00Z") });
    const rows = await database.db.schedule.findMany();
    expect(rows.map((r) => r.pausedUntil)).toEqual([new Date("2026-11-23T14:30:00Z"), new Date("2026-11-23T14:30:00Z")]);
    expect(sync.calls).toHaveLength(2);
    const [view] = await service.overview(alice, now);
    expect(nextPromptLine(view!.next, now)).toBe("Next prompt: today 16:00 Europe/Warsaw");
    expect(await service.resume(bob, "", now)).toMatchObject({ kind: "me-resumed", wasPaused: false, channelPaused: { tz: "Europe/Warsaw" } });
    const resumed = await service.resume(alice, "channel", now);
    expect(resumed.kind).toBe("channel-resumed");
    expect((await database.db.schedule.findMany()).every((r) => r.pausedUntil === null)).toBe(true);
    expect(await service.pause(alice, "channel 1h", new Date()).then((o) => o.kind)).toBe("channel-paused");
    expect(await service.pause({ ...alice, channelId: "C0EMPTY" }, "channel 1h", now)).toEqual({ kind: "nothing-here" });
  });

  it("saving a paused schedule turns it back on and ends the pause", async () => {
    saved(await service.applyText(alice, "every 60m", now));
    await service.pause(alice, "channel 2h", now);
    const v = saved(await service.applyText(alice, "every 30m", now));
    expect(v.schedule.pausedUntil).toBeNull();
  });

  it("the modal path: editor values, then save with the same rules", async () => {
    const fresh = await service.openEditor(alice, "new:channel");
    expect(fresh).toMatchObject({ kind: "edit", target: "channel", channelId: CHANNEL, tz: "Europe/Warsaw" });
    const form = service.parseForm({ every: "", times: "10:00, 15:00", window: "", days: [1, 3], tz: "asia/tokyo", area: "neck", length: "2m", seated: true });
    if (!form.ok) throw new Error(JSON.stringify(form.errors));
    const v = saved(await service.saveSettings(alice, "channel", form.settings, form.tz, now));
    expect(v.schedule).toMatchObject({ times: ["10:00", "15:00"], intervalMinutes: null, days: [1, 3], tz: "Asia/Tokyo", area: "neck", lengthSeconds: 120, seatedOnly: true });
    expect((await service.saveSettings(bob, "channel", form.settings, form.tz, now)).kind).toBe("forbidden");
    expect(await service.openEditor(bob, v.schedule.id)).toMatchObject({ kind: "forbidden" });
    expect(await service.openEditor(alice, "not-a-uuid")).toEqual({ kind: "gone" });
  });

  it("a failing engine sync does not lose the saved row (reconcile catches up)", async () => {
    sync.failNext = true;
    saved(await service.applyText(alice, "every 60m", now));
    expect(await database.db.schedule.count()).toBe(1);
  });

  it("two people saving the same target at once end with one row", async () => {
    const results = await Promise.allSettled([service.applyText(alice, "every 60m", now), service.applyText(alice, "every 30m", now)]);
    expect(results.some((r) => r.status === "fulfilled")).toBe(true);
    expect(await database.db.schedule.count()).toBe(1);
  });

  describe("who may DM a whole channel (members schedules) and admin flags", () => {
    it("the channel's creator may set one up; anyone else is refused with nothing saved", async () => {
      const refused = await service.applyText(bob, "members every 60m", now);
      expect(refused).toEqual({ kind: "forbidden", schedule: null });
      expect(await database.db.schedule.count()).toBe(0);
      saved(await service.applyText(alice, "members every 60m", now)); // alice created CHANNEL
      expect(await database.db.schedule.findFirstOrThrow()).toMatchObject({ kind: "members", createdBy: "U0ALICE" });
      expect(sync.calls).toHaveLength(1);
    });

    it("admins and managers may set one up anywhere; the modal's Save is held to the same rule", async () => {
      const elsewhere = { ...bob, channelId: "C0OTHERCHAN" };
      expect((await service.saveSettings(elsewhere, "members", { ...settingsOfDefault(), intervalMinutes: 60 }, "UTC", now)).kind).toBe("forbidden");
      saved(await service.applyText({ ...elsewhere, userId: "U0OWNADMIN" }, "members every 60m", now));
      await memberRepo.updatePreferences(TEAM, "U0MANAGER", { isManager: true });
      saved(await service.applyText({ ...elsewhere, userId: "U0MANAGER", channelId: "C0THIRDCHAN" }, "members every 60m", now));
    });

    it("a Slack Connect admin of another team is no admin here", async () => {
      const stranger = { ...bob, userId: "U0CONNECTADMIN", channelId: "C0OTHERCHAN" };
      expect((await service.applyText(stranger, "members every 60m", now)).kind).toBe("forbidden");
      expect(await memberRepo.find(TEAM, "U0CONNECTADMIN")).toMatchObject({ isAdmin: false, isOwner: false });
    });

    it("admin flags are re-checked: when Slack cannot answer, stale flags do not count (fail closed)", async () => {
      saved(await service.applyText(alice, "every 60m", now));
      // U0ADMIN's flags were stored an hour ago; Slack is now unreachable.
      await memberRepo.saveProfile(TEAM, "U0ADMIN", { isAdmin: true }, new Date(Date.now() - 60 * 60_000));
      slack.state.down = true;
      expect((await service.applyText({ ...alice, userId: "U0ADMIN" }, "every 30m", now)).kind).toBe("forbidden");
      slack.state.down = false;
      saved(await service.applyText({ ...alice, userId: "U0ADMIN" }, "every 30m", now));
      expect(await database.db.schedule.findFirstOrThrow()).toMatchObject({ intervalMinutes: 30 });
    });
  });
});

function settingsOfDefault() {
  return { intervalMinutes: 60, times: [] as string[], windowStartMinute: 540, windowEndMinute: 1020, days: [1, 2, 3, 4, 5], area: null, lengthSeconds: 180, seatedOnly: false };
}
