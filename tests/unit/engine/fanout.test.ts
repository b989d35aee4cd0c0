import { describe, expect, it } from "vitest";
import { SlotFanout, type FanoutDeps } from "../../../src/engine/fanout.js";
import type { Recipient } from "../../../src/engine/repositories/channel-members.js";
import type { EngineSchedule } from "../../../src/engine/repositories/engine-schedules.js";
import type { SlotPromptRow } from "../../../src/engine/repositories/prompts.js";
import type { DeliverJobData } from "../../../src/engine/queues/queues.js";
import { MemoryQueue, silentLog } from "../../helpers/engine-fakes.js";
import { ManualClock, type Clock } from "../../../src/time/clock.js";
import { MemoryWorkspaceRateLimiter } from "../../../src/engine/workspace-rate-limiter.js";
import { MemoryDndLookahead } from "../../../src/engine/dnd-lookahead.js";

const TEAM = "T0FANOUT";
const HOUR = 3600_000;
/** The next whole UTC hour: a slot of an hourly all-day rule, in the future whatever today is. */
const nextHour = () => new Date(Math.ceil((Date.now() + 1) / HOUR) * HOUR);
const isoWeekday = (d: Date) => ((d.getUTCDay() + 6) % 7) + 1;

function schedule(over: Partial<EngineSchedule> = {}): EngineSchedule {
  return {
    id: "sched-1",
    teamId: TEAM,
    kind: "channel",
    channelId: "C0FANOUT",
    userId: null,
    createdBy: "U0OWNER",
    intervalMinutes: 60,
    times: [],
    windowStartMinute: 0,
    windowEndMinute: 1440,
    days: [1, 2, 3, 4, 5, 6, 7],
    tz: "UTC",
    area: null,
    lengthSeconds: 120,
    seatedOnly: false,
    active: true,
    pausedUntil: null,
    slotsFrom: null,
    workspaceActive: true,
    ...over,
  };
}

const person = (userId: string, over: Partial<Recipient> = {}): Recipient => ({ userId, tz: "UTC", workStartMinute: 0, workEndMinute: 1440, workDays: [1, 2, 3, 4, 5, 6, 7], ...over });

/** The fan-out over in-memory ports: a prompt table keyed like the real one (schedule, slot, target). */
function world(s: EngineSchedule, people: Recipient[] = [], postsPerMinute = Number.POSITIVE_INFINITY, clock?: Clock, extra: Pick<FanoutDeps, "limiter" | "dndLookahead" | "dndPrefetch"> = {}) {
  const stored = new Map<string, { id: string; target: string; status: "pending" | "posted" }>();
  const deliveries = new MemoryQueue<DeliverJobData>();
  const prompts = {
    async upsertForSlot(input: { slotKey: string; rows: SlotPromptRow[] }) {
      return input.rows.map((r) => {
        const key = `${input.slotKey}|${r.target}`;
        let row = stored.get(key);
        if (!row) stored.set(key, (row = { id: `p-${stored.size + 1}`, target: r.target, status: "pending" }));
        return row;
      });
    },
    async exercisesSince() {
      return [];
    },
  };
  const fanout = new SlotFanout({
    schedules: { find: async (id) => (id === s.id ? s : null) },
    channelMembers: { recipients: async () => people },
    members: { find: async () => null },
    prompts,
    queues: { deliveries },
    log: silentLog,
    postsPerMinute,
    ...(clock ? { clock } : {}),
    ...extra,
  });
  return { fanout, deliveries, stored };
}

describe("slot fan-out (in-memory ports)", () => {
  it("a channel schedule gets one deliver job for its slot and none off the grid", async () => {
    const slot = nextHour();
    const { fanout, deliveries } = world(schedule());
    expect(await fanout.fanOut("sched-1", new Date(slot.getTime() + 30 * 60_000))).toEqual({ recipients: 0, enqueued: 0 });
    expect(deliveries.jobs.size).toBe(0);
    expect(await fanout.fanOut("sched-1", slot)).toEqual({ recipients: 1, enqueued: 1 });
    expect([...deliveries.jobs.keys()]).toEqual(["deliver|p-1"]);
    expect(deliveries.jobs.get("deliver|p-1")).toMatchObject({ name: "deliver", data: { teamId: TEAM, promptId: "p-1" }, opts: { attempts: 10 } });
  });

  it("a members schedule DMs only the people whose working days include the slot", async () => {
    const slot = nextHour();
    const away = [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== isoWeekday(slot));
    const { fanout, deliveries, stored } = world(schedule({ kind: "members" }), [person("U0ANA"), person("U0BOB", { workDays: away }), person("U0CY")]);
    expect(await fanout.fanOut("sched-1", slot)).toEqual({ recipients: 2, enqueued: 2 });
    expect([...stored.values()].map((r) => r.target).sort()).toEqual(["U0ANA", "U0CY"]);
    expect(deliveries.jobs.size).toBe(2);
  });

  it("running the same slot twice adds no second job for anyone", async () => {
    const slot = nextHour();
    const { fanout, deliveries } = world(schedule({ kind: "members" }), [person("U0ANA"), person("U0BOB")]);
    await fanout.fanOut("sched-1", slot);
    await fanout.fanOut("sched-1", slot);
    expect([...deliveries.jobs.keys()].sort()).toEqual(["deliver|p-1", "deliver|p-2"]);
  });

  it("more people than a minute's post budget are spread over the slot's window, each at a stable offset", async () => {
    const slot = nextHour();
    const people = Array.from({ length: 12 }, (_, i) => person(`U0P${i}`));
    const { fanout, deliveries } = world(schedule({ kind: "members" }), people, 2);
    await fanout.fanOut("sched-1", slot);
    const delays = [...deliveries.jobs.values()].map((j) => j.opts.delay ?? 0);
    expect(delays).toHaveLength(12);
    // Nobody is posted before the slot; not everyone at the same instant.
    const untilSlot = slot.getTime() - Date.now();
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(untilSlot - 1_000);
    expect(new Set(delays.map((d) => Math.round(d / 1000))).size).toBeGreaterThan(1);
  });

  it("measures the spread delays on the engine's clock, not the machine's", async () => {
    // Ten minutes before a slot on an engine clock set decades away from the machine's (as the
    // demo's offset clock or a test's manual clock are): the delays count from the engine's now.
    const slot = new Date(Date.UTC(2061, 0, 3, 10, 0));
    const clock = new ManualClock(new Date(slot.getTime() - 10 * 60_000));
    const people = Array.from({ length: 12 }, (_, i) => person(`U0C${i}`));
    const { fanout, deliveries } = world(schedule({ kind: "members" }), people, 2, clock);
    expect(await fanout.fanOut("sched-1", slot)).toEqual({ recipients: 12, enqueued: 12 });
    const delays = [...deliveries.jobs.values()].map((j) => j.opts.delay ?? 0);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(10 * 60_000);
    // 12 people at 2 a minute: spread over at most a few minutes after the slot, not decades.
    expect(Math.max(...delays)).toBeLessThan(10 * 60_000 + HOUR);
  });

  it("a paused schedule or an uninstalled workspace fans out to nobody", async () => {
    const slot = nextHour();
    for (const s of [schedule({ pausedUntil: new Date(slot.getTime() + HOUR) }), schedule({ workspaceActive: false }), schedule({ active: false })]) {
      const { fanout, deliveries } = world(s);
      expect(await fanout.fanOut("sched-1", slot)).toEqual({ recipients: 0, enqueued: 0 });
      expect(deliveries.jobs.size).toBe(0);
    }
  });

  it("a slot within a minute's budget books each DM's post at fan-out: one run each, at its slot, in budget order", async () => {
    const slot = nextHour();
    // 60 posts a minute: a burst of one, then one a second.
    const limiter = new MemoryWorkspaceRateLimiter(60);
    const dndLookahead = new MemoryDndLookahead();
    const people = Array.from({ length: 5 }, (_, i) => person(`U0B${i}`));
    const { fanout, deliveries, stored } = world(schedule({ kind: "members" }), people, 60, new ManualClock(slot), { limiter, dndLookahead });
    const before = Date.now();
    expect(await fanout.fanOut("sched-1", slot)).toEqual({ recipients: 5, enqueued: 5 });
    const jobs = [...deliveries.jobs.values()];
    const bookedAt = jobs.map((j) => j.data.postSlotAt ?? Number.NaN).sort((a, b) => a - b);
    expect(bookedAt.every((t) => t >= before)).toBe(true);
    // One second apart, like the budget; each job waits for its own slot (no run before it).
    for (let i = 1; i < bookedAt.length; i++) expect(bookedAt[i]! - bookedAt[i - 1]!).toBeCloseTo(1_000, -1);
    for (const j of jobs) expect(j.opts.delay ?? 0).toBeGreaterThanOrEqual(j.data.postSlotAt! - Date.now() - 5);
    // Woken for a booked slot, a job goes to the plain wait list (ahead of first runs), like one back for a slot it booked.
    for (const j of jobs) expect(j.opts.priority).toBe((j.opts.delay ?? 0) > 0 ? undefined : 10);
    // The budget is spent: a delivery asking now waits behind the five.
    expect((await limiter.reserveAhead(TEAM, "chat.postMessage", HOUR)).waitMs).toBeGreaterThanOrEqual(4_000);
    // DND look-ups are filled with the people due next, earliest first.
    const targetOf = new Map([...stored.values()].map((r) => [r.id, r.target]));
    const order = [...jobs].sort((a, b) => a.data.postSlotAt! - b.data.postSlotAt!).map((j) => targetOf.get(j.data.promptId));
    expect(await dndLookahead.take(TEAM, [], 5)).toEqual(order);
  });

  it("a fan-out ahead of its slot books the DM posts from the slot on; channel prompts and spread slots book nothing", async () => {
    const slot = nextHour();
    const limiter = new MemoryWorkspaceRateLimiter(60);
    const before = Date.now();
    const early = world(schedule({ kind: "members" }), [person("U0E1"), person("U0E2")], 60, new ManualClock(new Date(slot.getTime() - 60_000)), { limiter });
    await early.fanout.fanOut("sched-1", slot, { ahead: true });
    const booked = [...early.deliveries.jobs.values()].map((j) => j.data.postSlotAt ?? Number.NaN).sort((a, b) => a - b);
    // A minute ahead on the engine's clock: booked a minute and one second apart on the machine's.
    expect(booked[0]!).toBeGreaterThanOrEqual(before + 60_000);
    expect(booked[0]!).toBeLessThan(Date.now() + 60_000 + 5);
    expect(booked[1]! - booked[0]!).toBeCloseTo(1_000, -1);
    for (const j of early.deliveries.jobs.values()) expect(j.opts.delay).toBeGreaterThanOrEqual(j.data.postSlotAt! - Date.now() - 5);

    const other = new MemoryWorkspaceRateLimiter(60);
    const channel = world(schedule(), [], 60, new ManualClock(slot), { limiter: other });
    await channel.fanout.fanOut("sched-1", slot);
    const spread = world(schedule({ kind: "members" }), Array.from({ length: 3 }, (_, i) => person(`U0S${i}`)), 2, new ManualClock(slot), { limiter: other });
    await spread.fanout.fanOut("sched-1", slot);
    for (const w of [channel, spread]) for (const j of w.deliveries.jobs.values()) expect(j.data.postSlotAt).toBeUndefined();
    // Nothing of that budget was taken.
    expect(await other.reserveAhead(TEAM, "chat.postMessage", HOUR)).toEqual({ reserved: true, waitMs: 0 });
  });

  it("a tick ahead of its slot delays every job to the slot (nothing goes out early); a catch-up posts at once", async () => {
    const slot = nextHour();
    const clock = new ManualClock(new Date(slot.getTime() - 60_000));
    const channel = world(schedule(), [], Number.POSITIVE_INFINITY, clock);
    await channel.fanout.fanOut("sched-1", slot, { ahead: true });
    const members = world(schedule({ kind: "members" }), [person("U0L1"), person("U0L2")], Number.POSITIVE_INFINITY, clock);
    await members.fanout.fanOut("sched-1", slot, { ahead: true });
    const delays = [...channel.deliveries.jobs.values(), ...members.deliveries.jobs.values()].map((j) => j.opts.delay ?? 0);
    expect(delays).toHaveLength(3);
    for (const d of delays) expect(d).toBe(60_000);
    const catchUp = world(schedule(), [], Number.POSITIVE_INFINITY, clock);
    await catchUp.fanout.fanOut("sched-1", slot);
    expect([...catchUp.deliveries.jobs.values()].map((j) => j.opts.delay ?? 0)).toEqual([0]);
  });

  it("ahead of its slot, looks up the DND of the people whose stored answer will not hold then, and nobody else's", async () => {
    const slot = nextHour();
    const asked: Array<{ teamId: string; users: string[] }> = [];
    const dndPrefetch = {
      async prefetch(teamId: string, users: string[]) {
        asked.push({ teamId, users });
        return users.length;
      },
    };
    const fresh = { dndEnabled: true, dndNextStartAt: null, dndNextEndAt: null, dndCheckedAt: new Date(slot.getTime() - 3600_000) };
    const old = { ...fresh, dndCheckedAt: new Date(slot.getTime() - 3 * 24 * 3600_000) };
    const people = [person("U0FRESH", fresh), person("U0OLD", old), person("U0NEVER")];
    const ahead = world(schedule({ kind: "members" }), people, 60, new ManualClock(new Date(slot.getTime() - 60_000)), { dndPrefetch });
    await ahead.fanout.fanOut("sched-1", slot, { ahead: true });
    expect(asked).toEqual([{ teamId: TEAM, users: ["U0OLD", "U0NEVER"] }]);
    // At the slot (a catch-up, a lead-in seconds before) the deliveries ask as before; a spread slot fills calls as people come due.
    asked.length = 0;
    await world(schedule({ kind: "members" }), people, 60, new ManualClock(slot), { dndPrefetch }).fanout.fanOut("sched-1", slot, { ahead: true });
    await world(schedule({ kind: "members" }), people, 1, new ManualClock(new Date(slot.getTime() - 60_000)), { dndPrefetch }).fanout.fanOut("sched-1", slot, { ahead: true });
    // A catch-up (not ahead) is due now: no look-up ahead either.
    await world(schedule({ kind: "members" }), people, 60, new ManualClock(new Date(slot.getTime() - 60_000)), { dndPrefetch }).fanout.fanOut("sched-1", slot);
    expect(asked).toEqual([]);
  });
});
