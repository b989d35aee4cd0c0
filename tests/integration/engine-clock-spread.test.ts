import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { jobIds } from "../../src/engine/queues/queues.js";
import { ManualClock } from "../../src/time/clock.js";
import { useAppFixture } from "../helpers/app-fixture.js";
import { addMembers, createSchedule, joinChannel, TEAM } from "../helpers/factories.js";
import { eventually } from "../helpers/wait.js";

/**
 * A slot spread over minutes (more recipients than the post budget) measures each person's delay
 * from the engine's clock, on which the slot is: with the clock months away from the machine's
 * date (the demo's offset clock, a test's manual one) the delays stay inside the spread window
 * instead of counting the months between the two.
 */
const CHANNEL = "C0SPREADCL";
const PEOPLE = ["U0SPREAD01", "U0SPREAD02", "U0SPREAD03", "U0SPREAD04"];
const START = DateTime.utc().plus({ days: 200 }).startOf("hour").set({ hour: 10 });
const clock = new ManualClock(START.toJSDate());

describe("slot spread on an engine clock far from the machine's", () => {
  const ctx = useAppFixture("engine_clock_spread", {
    clock,
    // Two posts a minute: four people take a two-minute window.
    env: { SLOT_CATCHUP_MINUTES: "0", RECONCILE_INTERVAL_SECONDS: "3600", SLACK_POST_RATE_PER_MINUTE: "2", PROMPT_SKIP_AWAY: "false" },
    queues: true,
  });

  it("each deliver job waits the slot's distance on the engine's clock plus its offset in the window", async () => {
    await addMembers(ctx.database.db, PEOPLE.map((userId) => ({ userId, tz: "UTC" })));
    await joinChannel(ctx.database.db, CHANNEL, PEOPLE);
    const id = await createSchedule(ctx.database.db, { kind: "members", channelId: CHANNEL, tz: "UTC", intervalMinutes: 15, windowStartMinute: 0, windowEndMinute: 1440 });
    const slotAt = new Date(clock.now().getTime() + 30 * 60_000); // 30 minutes ahead on the engine's clock
    await ctx.queues.slot(TEAM, id, slotAt);
    const prompts = await eventually(async () => {
      const rows = await ctx.database.db.prompt.findMany({ where: { scheduleId: id, slotAt } });
      return rows.length === PEOPLE.length ? rows : null;
    }, 30_000);
    const windowMs = 2 * 60_000;
    const waits: number[] = [];
    for (const p of prompts) {
      const job = await eventually(() => ctx.queues.deliveries.getJob(jobIds.deliver(p.id)));
      waits.push(job.opts.delay ?? 0);
    }
    for (const wait of waits) {
      expect(wait).toBeGreaterThanOrEqual(30 * 60_000 - 5_000);
      expect(wait).toBeLessThan(30 * 60_000 + windowMs);
    }
  });
});
