import { DelayedError, UnrecoverableError, Worker, type Job, type Queue } from "bullmq";
import { RECORD_RETRY_MS } from "../../services/engine/delivery.js";
import type { EngineServices } from "../../services/engine/index.js";
import { JobName, type DeliverJobData } from "../queues.js";

/**
 * Translates a delivery outcome into BullMQ terms. Nothing here sleeps: waiting (channel pacing,
 * DND, a claim held elsewhere) moves the job to delayed; a 429 rate-limits the whole queue for
 * Retry-After and hands the job back without counting an attempt; permanent errors skip retries.
 */
export function deliveriesProcessor(engine: Pick<EngineServices, "delivery">, queue: Pick<Queue<DeliverJobData>, "rateLimit">) {
  return async (job: Job<DeliverJobData>, token?: string): Promise<string | undefined> => {
    if (job.name !== JobName.deliver) return undefined;
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const outcome = await engine.delivery.deliver(job.data.promptId, { lastAttempt, ...(job.data.posted ? { posted: job.data.posted } : {}) });
    switch (outcome.kind) {
      case "done":
        return outcome.result;
      case "delay":
        await job.moveToDelayed(outcome.untilMs, token);
        throw new DelayedError(outcome.reason);
      case "rate_limited":
        await queue.rateLimit(outcome.retryAfterMs);
        throw Worker.RateLimitError();
      case "retry":
        throw new Error(outcome.error);
      case "fail":
        throw new UnrecoverableError(outcome.error);
      case "posted_unrecorded":
        // Retried without counting attempts until the database takes it: a posted prompt is counted.
        await job.updateData({ ...job.data, posted: outcome.posted });
        await job.moveToDelayed(Date.now() + RECORD_RETRY_MS, token);
        throw new DelayedError(outcome.error);
    }
  };
}
