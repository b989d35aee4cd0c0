import type { Job } from "bullmq";
import type { EngineServices } from "../index.js";
import type { FanoutResult } from "../fanout.js";
import { JobName, type SlotJobData } from "../queues/queues.js";

const MINUTE_MS = 60_000;

/**
 * The slot instant comes from the tick's scheduled minute, not when the job happens to run: a
 * scheduler job carries its minute as `opts.prevMillis` (its job id is repeat:<scheduler>:<millis>)
 * and the lead it runs ahead by in `data.leadMs`; catch-up and tests put the slot in `data.slotAt`.
 * A delayed or retried job therefore still fans out its own slot.
 */
export function slotInstant(job: Pick<Job<SlotJobData>, "data" | "opts" | "timestamp">): Date {
  const tick = job.opts.prevMillis;
  const at = job.data.slotAt ?? (tick !== undefined ? tick + (job.data.leadMs ?? 0) : job.timestamp);
  return new Date(Math.floor(at / MINUTE_MS) * MINUTE_MS);
}

export function slotsProcessor(engine: Pick<EngineServices, "fanout">) {
  return async (job: Job<SlotJobData>): Promise<FanoutResult | undefined> => {
    switch (job.name) {
      case JobName.slot:
        // Ticks and lead-ins (leadMs) run ahead of their slot; a catch-up's slot is due now.
        return engine.fanout.fanOut(job.data.scheduleId, slotInstant(job), { ahead: job.data.leadMs !== undefined });
      default:
        return undefined;
    }
  };
}
