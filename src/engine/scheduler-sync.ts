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

/** "0,30 * * * *" in UTC: the cron only wakes the slot job; isSlot decides per target. */
export function tickSpec(minutes: number[]): TickSpec | null {
  if (minutes.length === 0) return null;
  return { pattern: `${minutes.join(",")} * * * *`, tz: "UTC" };
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
      { name: JobName.slot, data: { teamId, scheduleId }, opts: SLOT_JOB_OPTIONS },
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
