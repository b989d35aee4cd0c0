import { DelayedError, UnrecoverableError, type Job } from "bullmq";
import { RECORD_RETRY_MS } from "../delivery.js";
import type { EngineServices } from "../index.js";
import { JobName, type DeliverJobData } from "../queues/queues.js";

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
    const outcome = await engine.delivery.deliver(job.data.promptId, {
      lastAttempt,
      ...(job.data.posted ? { posted: job.data.posted } : {}),
      ...(job.data.postSlotAt !== undefined ? { postSlotAt: job.data.postSlotAt } : {}),
    });
    switch (outcome.kind) {
      case "done":
        return outcome.result;
      case "delay": {
        // A booked post slot: wake exactly for it, and say so to the next run.
        if (outcome.postSlotAt !== undefined || job.data.postSlotAt !== undefined) {
          const { postSlotAt: _previous, ...rest } = job.data;
          await job.updateData(outcome.postSlotAt !== undefined ? { ...rest, postSlotAt: outcome.postSlotAt } : rest);
        }
        // Back for a booked slot: ahead of the first runs still queued (see FANOUT_PRIORITY). Only an
        // ordering: a backend that refuses it leaves the job where it was (it still wakes for its slot).
        if (outcome.postSlotAt !== undefined && job.priority !== 0) await job.changePriority({ priority: 0 }).catch(() => undefined);
        const jitter = outcome.reason === "dnd" || outcome.postSlotAt !== undefined ? 0 : Math.floor(Math.random() * WAKE_JITTER_MS);
        await job.moveToDelayed(outcome.untilMs + jitter, token);
        throw new DelayedError(outcome.reason);
      }
      case "rate_limited": {
        // A post slot booked before the 429 is spent: the next run books again (after the block).
        if (job.data.postSlotAt !== undefined) {
          const { postSlotAt: _spent, ...rest } = job.data;
          await job.updateData(rest);
        }
        // No jitter: jobs waiting for the same slot come back together and share one call (DND batches).
        await job.moveToDelayed(Date.now() + outcome.retryAfterMs, token);
        throw new DelayedError("rate limited");
      }
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
