import { DelayedError, UnrecoverableError, type Job } from "bullmq";
import type { EngineServices } from "../../services/engine/index.js";
import { JobName, type DeliverJobData } from "../queues.js";

/** Spreads jobs that wake from the same wait a little, so they do not all ask at the same instant. */
const WAKE_JITTER_MS = 250;

/**
 * Translates a delivery outcome into BullMQ terms. Nothing here sleeps: waiting (channel pacing,
 * the workspace's post budget, DND, a claim held elsewhere) moves the job to delayed. A 429 delays
 * only this job (and, through the limiter's block, the same workspace's calls of that method) for
 * Retry-After, without counting an attempt; other workspaces' deliveries are not held up.
 * Permanent errors skip retries.
 */
export function deliveriesProcessor(engine: Pick<EngineServices, "delivery">) {
  return async (job: Job<DeliverJobData>, token?: string): Promise<string | undefined> => {
    if (job.name !== JobName.deliver) return undefined;
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const outcome = await engine.delivery.deliver(job.data.promptId, { lastAttempt });
    switch (outcome.kind) {
      case "done":
        return outcome.result;
      case "delay":
        await job.moveToDelayed(outcome.untilMs + (outcome.reason === "dnd" ? 0 : Math.floor(Math.random() * WAKE_JITTER_MS)), token);
        throw new DelayedError(outcome.reason);
      case "rate_limited":
        await job.moveToDelayed(Date.now() + outcome.retryAfterMs + Math.floor(Math.random() * WAKE_JITTER_MS), token);
        throw new DelayedError("rate limited");
      case "retry":
        throw new Error(outcome.error);
      case "fail":
        throw new UnrecoverableError(outcome.error);
    }
  };
}
