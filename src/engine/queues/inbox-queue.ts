import type { Job } from "bullmq";
import type { Logger } from "../../logger.js";
import type { Inbox, InboxItem, InboxQueue } from "../../services/inbox.js";
import { newQueue, newWorker, type JobBackend } from "./job-backend.js";

export const INBOX_QUEUE = "inbox";
const INBOX_JOB = "acknowledged";

/**
 * Retries of a stored item: 1 s doubling to 60 s, 600 attempts (about 10 hours of outage), then
 * it stays in the failed set for an operator (never removed: it is acknowledged work).
 */
export const INBOX_ATTEMPTS = 600;
export const INBOX_MAX_BACKOFF_MS = 60_000;
/** How long `add` may take before the item is held in memory instead. */
const ADD_TIMEOUT_MS = 2_000;

export function inboxBackoffMs(attemptsMade: number): number {
  return Math.min(INBOX_MAX_BACKOFF_MS, 1_000 * 2 ** Math.max(0, attemptsMade - 1));
}

/**
 * The durable half of the inbox (src/services/inbox.ts). Its producer has its own fail-fast
 * connection (Redis: no offline queue), so an `add` while the queue's server is down fails at once
 * instead of waiting forever (the main connection queues commands until Redis returns, which is
 * right for workers, not here). The job backend owns and closes the connection.
 */
export function createInboxQueue(backend: JobBackend, log: Logger): InboxQueue & { close(): Promise<void> } {
  const queue = newQueue<InboxItem>(backend, INBOX_QUEUE, { name: "stretch-inbox-producer", failFast: true, connectTimeoutMs: ADD_TIMEOUT_MS });
  queue.on("error", (error: Error) => log.debug({ err: error.message }, "inbox queue error"));
  return {
    add: async (item) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`inbox add timed out after ${ADD_TIMEOUT_MS} ms`)), ADD_TIMEOUT_MS);
      });
      try {
        await Promise.race([
          queue.add(INBOX_JOB, item, { attempts: INBOX_ATTEMPTS, backoff: { type: "inbox" }, removeOnComplete: true, removeOnFail: false }),
          timeout,
        ]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: async () => {
      await queue.close().catch(() => undefined);
    },
  };
}

/** Runs stored inbox items again (every role runs one: whoever is up drains the backlog). */
export function startInboxWorker(deps: { backend: JobBackend; inbox: Inbox; logger: Logger }): { close(force?: boolean): Promise<void> } {
  const log = deps.logger.child({ component: "inbox-worker" });
  const worker = newWorker<InboxItem>(deps.backend, INBOX_QUEUE, async (job: Job<InboxItem>) => deps.inbox.handle(job.data.kind, job.data.payload), {
    connection: deps.backend.connection("stretch-inbox-worker"),
    concurrency: 4,
    settings: { backoffStrategy: (attemptsMade: number) => inboxBackoffMs(attemptsMade) },
  });
  worker.on("failed", (job, error) => {
    const last = job && job.attemptsMade >= INBOX_ATTEMPTS;
    const line = { kind: job?.data.kind, attempts: job?.attemptsMade, err: error.message };
    if (last) log.error(line, "inbox item gave up after every retry; kept in the failed set");
    // Held reactions waiting for their prompt's ts are expected to fail a few times.
    else if (job?.data.kind === "held_reactions") log.debug(line, "held reactions still waiting; will retry");
    else log.warn(line, "inbox item failed; will retry");
  });
  worker.on("error", (error) => log.debug({ err: error.message }, "inbox worker error"));
  return {
    close: async (force = false) => {
      await worker.close(force).catch(() => undefined);
    },
  };
}
