import type { ChannelMemberRepository } from "./repositories/channel-members.js";
import type { EngineSchedule, EngineScheduleRepository } from "./repositories/engine-schedules.js";
import type { PromptRepository } from "./repositories/prompts.js";
import { latestMissedSlot } from "../domain/catch-up.js";
import { DELIVER_JOB_OPTIONS, JobName, jobIds, SLOT_JOB_OPTIONS, type EngineQueues } from "./queues/queues.js";
import type { SlotSchedulers, TickSpec } from "./scheduler-sync.js";
import type { Logger } from "../logger.js";
import { systemClock, type Clock } from "../time/clock.js";
import { ruleOf, type EngineScheduleSync } from "./schedule-sync.js";

export interface ReconcileOptions {
  /** The latest missed slot this far back is fanned out, never older ones (SLOT_CATCHUP_MINUTES). */
  catchUpMs: number;
  /** Unsent prompts this far back get their deliver job back (PROMPT_MAX_LATENESS_MINUTES). */
  repairMs: number;
  leaseMs: number;
}

export interface ReconcileReport {
  active: number;
  created: number;
  updated: number;
  removed: number;
  caughtUp: number;
  repaired: number;
  seeded: number;
}

/** A tick this recent may still be fanning out normally: catch-up leaves it alone. */
const GRACE_MS = 60_000;

interface Wanted {
  schedule: EngineSchedule;
  spec: TickSpec;
  /** The zones its slots are computed in (zonesOf): the channel's, the DM person's, every member's. */
  zones: string[];
}

/**
 * Makes Redis match Postgres: a job scheduler for every active schedule (created or corrected),
 * none for anything else; ticks missed while Redis was empty are fanned out (the Prompt unique key
 * makes that safe); unsent prompts whose deliver job vanished get it back (same job id). After a
 * FLUSHALL, the next run repairs everything.
 */
export class Reconciler {
  constructor(
    private readonly schedules: EngineScheduleRepository,
    private readonly channelMembers: ChannelMemberRepository,
    private readonly prompts: PromptRepository,
    private readonly sync: EngineScheduleSync,
    private readonly schedulers: SlotSchedulers,
    private readonly queues: EngineQueues,
    private readonly options: ReconcileOptions,
    private readonly log: Logger,
    private readonly clock: Clock = systemClock,
  ) {}

  async reconcileAll(now = this.clock.now()): Promise<ReconcileReport> {
    const report: ReconcileReport = { active: 0, created: 0, updated: 0, removed: 0, caughtUp: 0, repaired: 0, seeded: 0 };
    const active = await this.schedules.listActive();
    report.active = active.length;
    const existing = new Map((await this.schedulers.list()).map((t) => [t.scheduleId, t]));
    const wanted = new Map<string, Wanted>();
    for (const s of active) {
      const zones = await this.sync.zonesOf(s);
      const spec = await this.sync.tickFor(s, zones);
      if (spec) wanted.set(s.id, { schedule: s, spec, zones });
    }
    for (const [id, { schedule, spec }] of wanted) {
      const have = existing.get(id);
      if (have && have.pattern === spec.pattern && have.tz === spec.tz) continue;
      await this.schedulers.ensure(schedule.teamId, id, spec);
      if (have) report.updated += 1;
      else report.created += 1;
    }
    for (const id of existing.keys()) {
      if (wanted.has(id)) continue;
      await this.schedulers.remove(id);
      report.removed += 1;
    }
    report.caughtUp = await this.catchUp([...wanted.values()], now);
    report.repaired = await this.repair(now);
    report.seeded = await this.seedUnknownChannels(active);
    if (report.created + report.updated + report.removed + report.caughtUp + report.repaired + report.seeded > 0) {
      this.log.info(report, "reconciled job schedulers with Postgres");
    }
    return report;
  }

  /**
   * After an outage (Redis lost, workers down) each schedule gets at most one catch-up: the latest
   * slot it missed within the window, never one from before it was on or inside a pause, and none
   * when that slot or a later one already has prompts. Older missed slots are dropped for good.
   */
  private async catchUp(wanted: Wanted[], now: Date): Promise<number> {
    if (this.options.catchUpMs <= 0 || wanted.length === 0) return 0;
    const window = { now, catchUpMs: this.options.catchUpMs, graceMs: GRACE_MS };
    const latestDone = await this.prompts.latestScheduledSlots(wanted.map((w) => w.schedule.id), new Date(now.getTime() - this.options.catchUpMs));
    const jobs = [];
    for (const { schedule, zones } of wanted) {
      // Members schedules: the grid in every member's zone; the fan-out checks each person's hours.
      const slot = latestMissedSlot(ruleOf(schedule), zones, schedule, window);
      if (!slot) continue;
      const done = latestDone.get(schedule.id);
      if (done && done.getTime() >= slot.getTime()) continue;
      const t = slot.getTime();
      jobs.push({
        name: JobName.slot,
        data: { teamId: schedule.teamId, scheduleId: schedule.id, slotAt: t },
        opts: { ...SLOT_JOB_OPTIONS, jobId: jobIds.catchUpSlot(schedule.id, t) },
      });
    }
    if (jobs.length > 0) await this.queues.slots.addBulk(jobs);
    return jobs.length;
  }

  /** Unsent prompts whose job may be gone: re-add (a job that still exists keeps its id: no-op). */
  private async repair(now: Date): Promise<number> {
    const rows = await this.prompts.unfinished(new Date(now.getTime() - this.options.repairMs), new Date(now.getTime() - GRACE_MS), this.options.leaseMs);
    if (rows.length === 0) return 0;
    const existing = await Promise.all(rows.map((r) => this.queues.deliveries.getJobState(jobIds.deliver(r.id))));
    const lost = rows.filter((_, i) => existing[i] === "unknown");
    if (lost.length === 0) return 0;
    await this.queues.deliveries.addBulk(
      lost.map((r) => ({ name: JobName.deliver, data: { teamId: r.teamId, promptId: r.id }, opts: { ...DELIVER_JOB_OPTIONS, jobId: jobIds.deliver(r.id) } })),
    );
    return lost.length;
  }

  /** Channel and members schedules whose channel has no known members yet get a seed job. */
  private async seedUnknownChannels(active: EngineSchedule[]): Promise<number> {
    let seeded = 0;
    for (const s of active) {
      if (s.kind === "dm" || !s.channelId) continue;
      if ((await this.channelMembers.count(s.teamId, s.channelId)) > 0) continue;
      await this.sync.requestSeed(s.teamId, s.channelId);
      seeded += 1;
    }
    return seeded;
  }
}
