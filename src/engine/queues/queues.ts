import type { JobsOptions, Queue } from "bullmq";
import { DIGEST_QUEUE } from "./digest-queue.js";
import { newQueue, type JobBackend } from "./job-backend.js";

/**
 * The engine's queues. Separate queues so a 10,000-recipient fan-out or a 429 pause on deliveries
 * never holds up the next slot's fan-out, maintenance never competes with either, and a slow digest
 * run (one report per manager) never delays prompts.
 */
export const QueueName = {
  /** `slot` jobs: one per schedule tick (from job schedulers) or catch-up; fan out to recipients. */
  slots: "slots",
  /** `deliver` jobs: one per Prompt row; posts one Slack message. */
  deliveries: "deliveries",
  /** `seed-channel` jobs: channel membership from conversations.members. */
  maintenance: "maintenance",
  /** `digest` ticks of the weekly manager digest (queues/digest-queue.ts). */
  digests: DIGEST_QUEUE,
} as const;

export const JobName = {
  slot: "slot",
  deliver: "deliver",
  seedChannel: "seed-channel",
  /** Hourly: delete the data of workspaces uninstalled more than DATA_RETENTION_DAYS ago. */
  purgeUninstalled: "purge-uninstalled",
} as const;

/** A schedule tick. `slotAt` (ms) is set by catch-up and tests; scheduler ticks carry it in opts. */
export interface SlotJobData {
  teamId: string;
  scheduleId: string;
  slotAt?: number;
  /**
   * Ticks and lead-ins run ahead of their slot (FANOUT_LEAD_MS): their prompts wait for it. A tick's
   * slot is its minute plus this. Absent (catch-up, older schedulers): the slot is due now.
   */
  leadMs?: number;
}

/** One prompt to post. The Prompt row exists already (created by the fan-out or the caller). */
export interface DeliverJobData {
  teamId: string;
  promptId: string;
  /** A post slot of the workspace's budget booked for this instant (ms) by an earlier run: post without asking again. */
  postSlotAt?: number;
  /** Set when Slack took the post but recording it failed: what to record (never post again). */
  posted?: { channel: string; ts: string };
}

export interface SeedChannelJobData {
  teamId: string;
  channelId: string;
  /** Where a seed that waited for Slack's limits resumes (src/engine/membership.ts). */
  progress?: { usersListCursor?: string };
}

/** seed-channel jobs carry a channel; the purge job carries nothing. */
export type MaintenanceJobData = SeedChannelJobData | Record<string, never>;

/** Job scheduler id of the retention purge (one per deployment, whatever the number of workers). */
export const PURGE_SCHEDULER_ID = "purge-uninstalled";
export const PURGE_EVERY_MS = 3600_000;

/**
 * Job ids may not contain ':' in BullMQ 6 (except its own repeat ids), so ours use '|'.
 * A Prompt id is unique per (schedule, slot, target), so `deliver|<promptId>` is deterministic:
 * a fan-out repeated by catch-up or a second worker adds no second job while the first exists.
 */
export const jobIds = {
  deliver: (promptId: string) => `deliver|${promptId}`,
  catchUpSlot: (scheduleId: string, slotAt: number) => `slot|${scheduleId}|${slotAt}`,
  seedChannel: (teamId: string, channelId: string) => `seed|${teamId}|${channelId}`,
  /** Job scheduler id of a schedule (not a job id: scheduler ids may contain ':'). */
  scheduler: (scheduleId: string) => `schedule:${scheduleId}`,
};

/**
 * Deliver jobs of a slot's fan-out wait in BullMQ's prioritized set at this priority; a job that
 * comes back for a post slot it booked is moved to priority 0, the plain wait list, which workers
 * take first. Without it a booked job woke behind thousands of first runs queued by the same slot,
 * came back tens of seconds after its slot, booked again and came back again (bench:multitenant).
 * Jobs added elsewhere (/stretch now, snoozes, repairs) go to the wait list too: people waiting for
 * an answer come first.
 */
export const FANOUT_PRIORITY = 10;

/**
 * A spread slot's jobs (added delayed, each at its person's offset) go ahead of other fan-outs'
 * first runs when due: they come at most at the workspace's post budget, so this costs the others
 * at most that share, and the big workspace's budget is not left unused while a slot minute's
 * burst of small workspaces is worked through (measured: a 5,000-person slot fell ~90 s behind
 * its spread during the burst and never caught up, 1.18× its floor).
 */
export const SPREAD_PRIORITY = 5;

/** Retries for deliveries: transient Slack/network errors back off 2 s, 4 s, 8 s … (≈ 17 min in all). */
export const DELIVER_JOB_OPTIONS: JobsOptions = {
  attempts: 10,
  backoff: { type: "exponential", delay: 2_000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
};

export const SLOT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: "exponential", delay: 1_000 },
  // Kept an hour so a catch-up for the same tick (same job id) is not run twice while Redis holds it.
  removeOnComplete: { age: 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export const SEED_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: "exponential", delay: 5_000 },
  removeOnComplete: true,
  removeOnFail: { age: 24 * 3600 },
};

export interface EngineQueues {
  slots: Queue<SlotJobData>;
  deliveries: Queue<DeliverJobData>;
  maintenance: Queue<MaintenanceJobData>;
  digests: Queue;
  prefix: string;
  /** Closes the Queue objects; the Redis connection stays open (its creator closes it). */
  close(): Promise<void>;
}

/**
 * Producers on the backend's shared, non-blocking connection (see job-backend.ts). The backend,
 * not close(), closes that connection.
 */
export function createQueues(backend: JobBackend): EngineQueues {
  const slots = newQueue<SlotJobData>(backend, QueueName.slots);
  const deliveries = newQueue<DeliverJobData>(backend, QueueName.deliveries);
  const maintenance = newQueue<MaintenanceJobData>(backend, QueueName.maintenance);
  const digests = newQueue(backend, QueueName.digests);
  return {
    slots,
    deliveries,
    maintenance,
    digests,
    prefix: backend.prefix,
    close: async () => {
      await Promise.all([slots.close(), deliveries.close(), maintenance.close(), digests.close()]);
    },
  };
}
