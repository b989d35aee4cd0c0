import { beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/time/clock.js";
import type { TestApp } from "../helpers/app.js";
import type { TestDatabase } from "../helpers/db.js";
import { useEngineApp } from "../helpers/engine-app.js";
import { type EngineQueuesProbe } from "../helpers/engine.js";
import { nextLocalTime } from "../helpers/time.js";
import { eventually } from "../helpers/wait.js";
import { addMembers, TEAM, joinChannel } from "../helpers/factories.js";

const OWNER = "U0SLOTOWN1";
const ALICE = "U0SLOTALI1";
const MINUTE = 60_000;

/**
 * Slots versus when a schedule was on (issue 8): no prompt from before a schedule existed, was
 * turned on, resumed or changed; after an outage one catch-up per target, never a backlog; nothing
 * from inside a pause. The app runs on a clock two days ahead of the machine's, so the real job
 * schedulers' ticks (machine time) are all "before the schedule was on" and never post.
 */
describe("slots only from when a schedule was on", () => {
  const clock = new ManualClock(new Date());
  const ctx = useEngineApp("engine_slots", { clock, env: { SLOT_CATCHUP_MINUTES: "10", SCHEDULE_MIN_INTERVAL_MINUTES: "1" } });
  const { fake } = ctx;
  let database: TestDatabase;
  let app: TestApp;
  let queues: EngineQueuesProbe;
  beforeAll(async () => {
    ({ database, app, queues } = ctx);
    await addMembers(database.db, [{ userId: OWNER, tz: "Europe/Warsaw" }, { userId: ALICE, tz: "Europe/Warsaw" }]);
  });

  const posts = (channel: string) => fake.callsOf("chat.postMessage").filter((c) => c.args.channel === channel);
  const reconcile = () => app.app.services.engine.reconciler.reconcileAll();
  /** A reconcile run and everything it enqueued (other tests' schedules may catch up too). */
  const reconcileAndSettle = async () => {
    await reconcile();
    await eventually(() => queues.idle());
  };
  const caller = (channelId: string) => ({ teamId: TEAM, userId: OWNER, channelId });

  it("`schedule every 1m` created just now posts no burst of catch-up prompts; after an outage, one", async () => {
    const channel = "C0BURST001";
    // Two days ahead, 30 s into a minute: the ten minutes before creation hold ten every-minute slots.
    clock.set(new Date(Math.floor((Date.now() + 2 * 86_400_000) / MINUTE) * MINUTE + 30_000));
    const saved = await app.app.services.schedules.applyText(caller(channel), "every 1m 00:00-23:59 daily");
    expect(saved.kind).toBe("saved");
    const first = await reconcile();
    expect(first.caughtUp).toBe(0);
    await eventually(() => queues.idle());
    expect(posts(channel)).toHaveLength(0);

    // The workers were down for five minutes (no ticks ran): the latest missed slot only.
    clock.advance(5 * MINUTE);
    const second = await reconcile();
    expect(second.caughtUp).toBe(1);
    await eventually(async () => (await queues.idle()) && posts(channel).length === 1);
    const prompts = await database.db.prompt.findMany({ where: { target: channel } });
    expect(prompts).toHaveLength(1);
    expect(prompts[0]!.slotAt.getTime()).toBe(Math.floor((clock.now().getTime() - MINUTE) / MINUTE) * MINUTE);
    // Reconciling again at the same instant adds nothing.
    expect((await reconcile()).caughtUp).toBe(0);
  });

  it("an hourly schedule created at :05 never posts that hour's :00 slot", async () => {
    const channel = "C0HOURLY01";
    const tenAm = nextLocalTime("Europe/Warsaw", 10, 0, new Date(Date.now() + 2 * 86_400_000));
    clock.set(new Date(tenAm.getTime() + 5 * MINUTE));
    const saved = await app.app.services.schedules.applyText(caller(channel), "every 60m 09:00-17:00 daily tz Europe/Warsaw");
    if (saved.kind !== "saved") throw new Error(`not saved: ${saved.kind}`);
    const id = saved.view.schedule.id;
    await reconcileAndSettle();
    // Even a tick that arrives for 10:00 (a late scheduler job) posts nothing; 11:00 does.
    await queues.runSlot(TEAM, id, tenAm);
    expect(posts(channel)).toHaveLength(0);
    clock.set(new Date(tenAm.getTime() + 60 * MINUTE));
    await queues.runSlot(TEAM, id, new Date(tenAm.getTime() + 60 * MINUTE));
    expect(posts(channel)).toHaveLength(1);
  });

  it("slots inside a channel pause are never posted, neither when the pause ends nor on resume", async () => {
    const channel = "C0PAUSED01";
    await joinChannel(database.db, channel, [OWNER]);
    const tenAm = nextLocalTime("Europe/Warsaw", 10, 0, new Date(Date.now() + 3 * 86_400_000));
    clock.set(new Date(tenAm.getTime() - 10 * MINUTE));
    const saved = await app.app.services.schedules.applyText(caller(channel), "every 30m 09:00-17:00 daily tz Europe/Warsaw");
    if (saved.kind !== "saved") throw new Error(`not saved: ${saved.kind}`);
    const id = saved.view.schedule.id;
    // Paused 09:50 → 10:50: the 10:00 and 10:30 slots fall inside.
    clock.set(new Date(tenAm.getTime() - 10 * MINUTE));
    expect((await app.app.services.schedules.pause(caller(channel), "channel 1h")).kind).toBe("channel-paused");
    clock.set(new Date(tenAm.getTime() + 31 * MINUTE));
    await queues.runSlot(TEAM, id, new Date(tenAm.getTime() + 30 * MINUTE));
    await reconcileAndSettle();
    expect(posts(channel)).toHaveLength(0);
    // Resumed at 10:40: 10:30 stays unsent (catch-up and a late tick alike); 11:00 goes out.
    clock.set(new Date(tenAm.getTime() + 40 * MINUTE));
    expect((await app.app.services.schedules.resume(caller(channel), "channel")).kind).toBe("channel-resumed");
    await reconcileAndSettle();
    await queues.runSlot(TEAM, id, new Date(tenAm.getTime() + 30 * MINUTE));
    expect(posts(channel)).toHaveLength(0);
    await queues.runSlot(TEAM, id, new Date(tenAm.getTime() + 60 * MINUTE));
    expect(posts(channel)).toHaveLength(1);
  });

  it("a person's resumed DM pause keeps the slots inside it unsent", async () => {
    const tenAm = nextLocalTime("Europe/Warsaw", 10, 0, new Date(Date.now() + 4 * 86_400_000));
    clock.set(new Date(tenAm.getTime() - 30 * MINUTE));
    const dm = { teamId: TEAM, userId: ALICE, channelId: "D0SLOTALI1" };
    const saved = await app.app.services.schedules.applyText(dm, "every 60m 09:00-17:00 daily");
    if (saved.kind !== "saved") throw new Error(`not saved: ${saved.kind}`);
    expect((await app.app.services.schedules.pause(dm, "2h")).kind).toBe("me-paused");
    clock.set(new Date(tenAm.getTime() + 5 * MINUTE));
    expect((await app.app.services.schedules.resume(dm, "")).kind).toBe("me-resumed");
    await queues.runSlot(TEAM, saved.view.schedule.id, tenAm);
    await queues.runSlot(TEAM, saved.view.schedule.id, new Date(tenAm.getTime() + 60 * MINUTE));
    const sent = await database.db.prompt.findMany({ where: { scheduleId: saved.view.schedule.id } });
    expect(sent.map((p) => p.slotAt.getTime())).toEqual([tenAm.getTime() + 60 * MINUTE]);
  });

  it("the engine reads lateness from its clock: a slot 30 min back is sent, 2 h back is expired", async () => {
    const channel = "C0LATENESS";
    const tenAm = nextLocalTime("Europe/Warsaw", 10, 0, new Date(Date.now() + 5 * 86_400_000));
    clock.set(new Date(tenAm.getTime() - 60 * MINUTE));
    const saved = await app.app.services.schedules.applyText(caller(channel), "every 60m 09:00-17:00 daily tz Europe/Warsaw");
    if (saved.kind !== "saved") throw new Error(`not saved: ${saved.kind}`);
    clock.set(new Date(tenAm.getTime() + 30 * MINUTE));
    await queues.runSlot(TEAM, saved.view.schedule.id, tenAm);
    clock.set(new Date(tenAm.getTime() + 3 * 60 * MINUTE));
    await queues.runSlot(TEAM, saved.view.schedule.id, new Date(tenAm.getTime() + 60 * MINUTE));
    const prompts = await database.db.prompt.findMany({ where: { scheduleId: saved.view.schedule.id }, orderBy: { slotAt: "asc" } });
    expect(prompts.map((p) => [p.status, p.reason])).toEqual([
      ["posted", null],
      ["skipped", "expired"],
    ]);
    expect(posts(channel)).toHaveLength(1);
  });
});
