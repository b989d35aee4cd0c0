import { describe, expect, it } from "vitest";
import { SlotFanout } from "../../../src/engine/fanout.js";
import type { Recipient } from "../../../src/engine/repositories/channel-members.js";
import type { EngineSchedule } from "../../../src/engine/repositories/engine-schedules.js";
import type { SlotPromptRow } from "../../../src/engine/repositories/prompts.js";
import type { DeliverJobData } from "../../../src/engine/queues/queues.js";
import { MemoryQueue, silentLog } from "../../helpers/engine-fakes.js";

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
function world(s: EngineSchedule, people: Recipient[] = [], postsPerMinute = Number.POSITIVE_INFINITY) {
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

  it("a paused schedule or an uninstalled workspace fans out to nobody", async () => {
    const slot = nextHour();
    for (const s of [schedule({ pausedUntil: new Date(slot.getTime() + HOUR) }), schedule({ workspaceActive: false }), schedule({ active: false })]) {
      const { fanout, deliveries } = world(s);
      expect(await fanout.fanOut("sched-1", slot)).toEqual({ recipients: 0, enqueued: 0 });
      expect(deliveries.jobs.size).toBe(0);
    }
  });
});
