import { beforeEach, describe, expect, it } from "vitest";
import { eventually } from "../helpers/wait.js";
import { createSchedule, TEAM } from "../helpers/factories.js";
import { useAppFixture } from "../helpers/app-fixture.js";

const ZONES = ["Europe/Warsaw", "America/New_York", "Asia/Kolkata", "Australia/Sydney"];

describe("seeding a channel's members at Slack's pace: nobody is dropped", () => {
  const ctx = useAppFixture("seeding", { env: { SLOT_CATCHUP_MINUTES: "0", RECONCILE_INTERVAL_SECONDS: "3600" }, queues: true });
  const { fake } = ctx;
  beforeEach(() => {
    fake.reset();
    fake.users.clear();
  });

  async function seed(channel: string, userIds: string[]): Promise<void> {
    userIds.forEach((id, i) => fake.addUser({ id, tz: ZONES[i % ZONES.length]! }));
    fake.channelMembers.set(channel, userIds);
    const id = await createSchedule(ctx.database.db, { kind: "members", channelId: channel, tz: "UTC" });
    await ctx.app.app.services.engine.scheduleSync.scheduleChanged(TEAM, id);
    await fake.waitFor("conversations.members", (c) => c.args.channel === channel);
    await eventually(() => ctx.queues.seeded(), 60_000);
  }

  const zonesOf = async (userIds: string[]) => {
    const rows = await ctx.database.db.member.findMany({ where: { teamId: TEAM, userId: { in: userIds } } });
    return new Map(rows.map((r) => [r.userId, r.tz]));
  };

  it("a 1,000-person channel under Slack's rate limits: paginated members, profiles from users.list at its tier, no 429, every zone known", async () => {
    fake.rateLimits = {};
    const people = Array.from({ length: 1_000 }, (_, i) => `U0BIG${String(i).padStart(5, "0")}`);
    await seed("C0HUGE0001", people);
    expect(fake.callsOf("conversations.members").length).toBeGreaterThanOrEqual(1);
    expect(fake.callsOf("users.list").length).toBe(5);
    expect(fake.callsOf("users.info")).toHaveLength(0);
    expect(fake.calls.filter((c) => c.rateLimited)).toEqual([]);
    const zones = await zonesOf(people);
    people.forEach((id, i) => expect(zones.get(id)).toBe(ZONES[i % ZONES.length]));
    // users.list's tier (about 20 a minute) takes ~10 s for five pages: more than the default timeout on a busy machine.
  }, 90_000);

  it("a lookup Slack answers 429 is retried after Retry-After, never stored as a person without a zone", async () => {
    const people = Array.from({ length: 12 }, (_, i) => `U0SMALL${String(i).padStart(3, "0")}`);
    fake.queue("users.info", ...Array.from({ length: 3 }, () => ({ status: 429, headers: { "retry-after": "1" }, body: { ok: false, error: "ratelimited" } })));
    await seed("C0SMALL001", people);
    expect(fake.calls.filter((c) => c.method === "users.info" && c.args.user && c.rateLimited === undefined).length).toBeGreaterThanOrEqual(people.length);
    const zones = await zonesOf(people);
    people.forEach((id, i) => expect(zones.get(id)).toBe(ZONES[i % ZONES.length]));
  });
});
