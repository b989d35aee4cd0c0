import type { Job } from "bullmq";
import type { EngineServices } from "../index.js";
import type { FanoutResult } from "../fanout.js";
import { JobName, type SlotJobData } from "../queues/queues.js";

const MINUTE_MS = 60_000;

/**
 * The slot instant is the tick's scheduled minute, not when the job happens to run: a scheduler
 * job carries it as `opts.prevMillis` (its job id is repeat:<scheduler>:<millis>), catch-up and
 * tests put it in `data.slotAt`. A delayed or retried job therefore still fans out its own slot.
 */
export function slotInstant(job: Pick<Job<SlotJobData>, "data" | "opts" | "timestamp">): Date {
  const at = job.data.slotAt ?? job.opts.prevMillis ?? job.timestamp;
  return new Date(Math.floor(at / MINUTE_MS) * MINUTE_MS);
}

export function slotsProcessor(engine: Pick<EngineServices, "fanout">) {
  return async (job: Job<SlotJobData>): Promise<FanoutResult | undefined> => {
    switch (job.name) {
      case JobName.slot:
        return engine.fanout.fanOut(job.data.scheduleId, slotInstant(job));
      default:
        return undefined;
    }
  };
}
