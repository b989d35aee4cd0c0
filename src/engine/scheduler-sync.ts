import type { Queue } from "bullmq";
import { JobName, jobIds, SLOT_JOB_OPTIONS, type SlotJobData } from "./queues/queues.js";

/** One schedule's tick: a cron over UTC minutes (see cronMinutes in domain/slots.ts). */
export interface TickSpec {
  pattern: string;
  tz: string;
}

export interface ExistingTick extends TickSpec {
  scheduleId: string;
}

const PREFIX = "schedule:";

/**
 * A slot job wakes this long before its slot: the fan-out (who, routines, Prompt rows, booked post
 * slots, deliver jobs delayed to the slot) is done by then, so at the slot only posting is left.
 * Why: with the fan-out at the slot, 200 workspaces sharing a minute spent their first ~2 s fanning
 * out and the slot minute's CPU carried it (bench:multitenant). Every delivery re-checks the state at
 * its claim (off, pause, opt-out, left the channel), so an early fan-out never posts what changed since.
 */
export const FANOUT_LEAD_MS = 60_000;

/**
 * The cron over UTC minutes that wakes a schedule's slot job one lead early ("0,30" slots tick at
 * "29,59"); the cron only wakes the job, isSlot decides per target.
 */
export function tickSpec(minutes: number[]): TickSpec | null {
  if (minutes.length === 0) return null;
  const lead = FANOUT_LEAD_MS / 60_000;
  const ticks = [...new Set(minutes.map((m) => (((m - lead) % 60) + 60) % 60))].sort((a, b) => a - b);
  return { pattern: `${ticks.join(",")} * * * *`, tz: "UTC" };
}

/**
 * BullMQ job schedulers derived from Postgres schedules: one per active schedule, id
 * "schedule:<id>", producing `slot` jobs. upsertJobScheduler is idempotent, so start-up, every
 * change and the reconciler may all call `ensure` freely.
 */
export class SlotSchedulers {
  constructor(private readonly slots: Queue<SlotJobData>) {}

  async ensure(teamId: string, scheduleId: string, spec: TickSpec): Promise<void> {
    await this.slots.upsertJobScheduler(
      jobIds.scheduler(scheduleId),
      { pattern: spec.pattern, tz: spec.tz },
      // leadMs: the tick's minute plus this is the slot (slotInstant); ticks of older schedulers have none.
      { name: JobName.slot, data: { teamId, scheduleId, leadMs: FANOUT_LEAD_MS }, opts: SLOT_JOB_OPTIONS },
    );
  }

  async remove(scheduleId: string): Promise<void> {
    await this.slots.removeJobScheduler(jobIds.scheduler(scheduleId));
  }

  /** Every schedule tick Redis holds now (ours only: ids starting "schedule:"). */
  async list(): Promise<ExistingTick[]> {
    const out: ExistingTick[] = [];
    const page = 1000;
    for (let start = 0; ; start += page) {
      const batch = await this.slots.getJobSchedulers(start, start + page - 1, true);
      for (const s of batch) {
        if (!s.key.startsWith(PREFIX)) continue;
        out.push({ scheduleId: s.key.slice(PREFIX.length), pattern: s.pattern ?? "", tz: s.tz ?? "" });
      }
      if (batch.length < page) return out;
    }
  }
}
