import type { JobsOptions } from "bullmq";
import {
  DELIVER_JOB_OPTIONS,
  FANOUT_PRIORITY,
  JobName,
  SPREAD_PRIORITY,
  jobIds,
  SEED_JOB_OPTIONS,
  SLOT_JOB_OPTIONS,
  type DeliverJobData,
  type MaintenanceJobData,
  type SlotJobData,
} from "./queues/queues.js";

/**
 * Each job kind is enqueued here and nowhere else (Outline's `BaseTask.schedule(props)`): its name,
 * its deterministic job id (a repeat while the job exists is a no-op) and its retry policy are
 * written once. Callers hand over data; the queue is theirs, so tests can pass an in-memory one.
 */
export interface JobSink<T> {
  addBulk(jobs: Array<{ name: string; data: T; opts?: JobsOptions }>): Promise<unknown>;
}

export interface DeliverTaskProps {
  teamId: string;
  promptId: string;
  /** Post no earlier than this many ms from now (fan-out spread, snooze). Default: at once. */
  delayMs?: number;
  /** A slot's fan-out: queued behind jobs back for a booked post slot and behind answers people wait for (FANOUT_PRIORITY). */
  fanout?: boolean;
  /** A post slot of the workspace's budget already booked for this instant (machine ms): the delivery posts without asking again. */
  postSlotAt?: number;
}

/**
 * A fan-out's job: a first run at the slot queues behind others' (FANOUT_PRIORITY); one waiting for
 * a post slot booked at fan-out wakes into the plain wait list, like a job back for a slot it booked
 * (its slot must not pass while it queues); a spread slot's offset, SPREAD_PRIORITY.
 */
function priorityOf(delayMs: number, postSlotAt: number | undefined): { priority?: number } {
  if (delayMs <= 0) return { priority: FANOUT_PRIORITY };
  return postSlotAt !== undefined ? {} : { priority: SPREAD_PRIORITY };
}

/** `deliver`: post one stored Prompt (delivery.ts). */
export const deliverTask = {
  async schedule(queue: JobSink<DeliverJobData>, items: readonly DeliverTaskProps[]): Promise<void> {
    if (items.length === 0) return;
    await queue.addBulk(
      items.map(({ teamId, promptId, delayMs = 0, fanout = false, postSlotAt }) => ({
        name: JobName.deliver,
        data: { teamId, promptId, ...(postSlotAt !== undefined ? { postSlotAt } : {}) },
        opts: { ...DELIVER_JOB_OPTIONS, jobId: jobIds.deliver(promptId), ...(fanout ? priorityOf(delayMs, postSlotAt) : {}), ...(delayMs > 0 ? { delay: delayMs } : {}) },
      })),
    );
  },
};

/**
 * `slot` for a missed tick (reconcile's catch-up: due now), or for a slot whose tick passed less than
 * a lead before it (a lead-in: `leadMs`, its prompts wait for the slot). Regular ticks come from the
 * job schedulers.
 */
export const catchUpSlotTask = {
  async schedule(queue: JobSink<SlotJobData>, items: ReadonlyArray<{ teamId: string; scheduleId: string; slotAt: number; leadMs?: number }>): Promise<void> {
    if (items.length === 0) return;
    await queue.addBulk(
      items.map(({ teamId, scheduleId, slotAt, leadMs }) => ({
        name: JobName.slot,
        data: { teamId, scheduleId, slotAt, ...(leadMs !== undefined ? { leadMs } : {}) },
        opts: { ...SLOT_JOB_OPTIONS, jobId: jobIds.catchUpSlot(scheduleId, slotAt) },
      })),
    );
  },
};

/** `seed-channel`: learn a channel's members from Slack (membership.ts). */
export const seedChannelTask = {
  async schedule(queue: JobSink<MaintenanceJobData>, props: { teamId: string; channelId: string }): Promise<void> {
    await queue.addBulk([
      { name: JobName.seedChannel, data: { teamId: props.teamId, channelId: props.channelId }, opts: { ...SEED_JOB_OPTIONS, jobId: jobIds.seedChannel(props.teamId, props.channelId) } },
    ]);
  },
};
