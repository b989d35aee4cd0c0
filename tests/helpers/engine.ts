import { Queue, type Job } from "bullmq";
import { Redis } from "ioredis";
import { JobName, QueueName, type DeliverJobData, type SeedChannelJobData, type SlotJobData } from "../../src/engine/queues/queues.js";
import { eventually } from "./wait.js";

/**
 * Queue handles for job-engine tests: a producer on the app's queues (same QUEUE_PREFIX) to drive
 * slot jobs at a chosen instant instead of waiting for real time. Rows: factories.ts.
 */
/** Producers on the app's queues, for driving slot jobs and looking at deliver jobs. */
export class EngineQueuesProbe {
  readonly redis: Redis;
  readonly slots: Queue<SlotJobData>;
  readonly deliveries: Queue<DeliverJobData>;
  readonly maintenance: Queue<SeedChannelJobData>;

  constructor(redisUrl: string, prefix: string) {
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    this.slots = new Queue<SlotJobData>(QueueName.slots, { connection: this.redis, prefix });
    this.deliveries = new Queue<DeliverJobData>(QueueName.deliveries, { connection: this.redis, prefix });
    this.maintenance = new Queue<SeedChannelJobData>(QueueName.maintenance, { connection: this.redis, prefix });
  }

  /** True once no membership seed job is waiting or running. */
  async seeded(): Promise<boolean> {
    // One atomic count (a seed waiting for Slack's limits moves between delayed and active), less
    // the hourly retention purge's next run, which is always delayed on the same queue.
    const counts = await this.maintenance.getJobCounts("waiting", "active", "prioritized", "delayed");
    const purges = (await this.maintenance.getDelayed()).filter((j) => j.name !== JobName.seedChannel).length;
    return Object.values(counts).reduce((a, b) => a + b, 0) - purges === 0;
  }

  /** A slot job for this schedule at exactly this instant, as the job scheduler (or catch-up) would add it. */
  async slot(teamId: string, scheduleId: string, at: Date): Promise<Job<SlotJobData>> {
    return this.slots.add(JobName.slot, { teamId, scheduleId, slotAt: at.getTime() }, { jobId: `test|${scheduleId}|${at.getTime()}|${Math.random().toString(36).slice(2)}` });
  }

  /** True once no slot or deliver job is waiting, running or delayed (job schedulers' next ticks aside). */
  async idle(): Promise<boolean> {
    const [s, d, delayedSlots] = await Promise.all([
      this.slots.getJobCounts("waiting", "active", "prioritized"),
      this.deliveries.getJobCounts("waiting", "active", "delayed", "prioritized"),
      this.slots.getDelayed(),
    ]);
    const pendingSlots = delayedSlots.filter((j) => !j.id?.startsWith("repeat:"));
    return [...Object.values(s), ...Object.values(d)].every((n) => n === 0) && pendingSlots.length === 0;
  }

  /** Runs a slot job and waits until it and every delivery it caused are finished. */
  async runSlot(teamId: string, scheduleId: string, at: Date, timeoutMs = 15_000): Promise<void> {
    const job = await this.slot(teamId, scheduleId, at);
    await eventually(async () => (await job.getState()) === "completed" && (await this.idle()), timeoutMs);
  }

  async close(): Promise<void> {
    await this.slots.close();
    await this.deliveries.close();
    await this.maintenance.close();
    await this.redis.quit();
  }
}

/** chat.postMessage args as the fake recorded them. */
export interface PostArgs {
  channel: string;
  text: string;
  blocks: Array<{ type: string; elements?: Array<{ action_id?: string; value?: string; text?: { text: string } }>; text?: { text: string } }>;
  metadata?: { event_type: string; event_payload: { prompt_id: string } };
}
