import { channelKey, type ChannelMemberRepository } from "./repositories/channel-members.js";
import type { EngineSchedule, EngineScheduleRepository } from "./repositories/engine-schedules.js";
import type { PromptRepository } from "./repositories/prompts.js";
import { latestMissedSlot } from "../domain/catch-up.js";
import { jobIds, type EngineQueues } from "./queues/queues.js";
import { catchUpSlotTask, deliverTask } from "./tasks.js";
import type { SlotSchedulers, TickSpec } from "./scheduler-sync.js";
import type { Logger } from "../logger.js";
import type { JobBackend } from "./queues/job-backend.js";
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

/** What Reconciler needs: one object, so call sites name every part. */
export interface ReconcilerDeps {
  schedules: EngineScheduleRepository;
  channelMembers: ChannelMemberRepository;
  prompts: PromptRepository;
  sync: EngineScheduleSync;
  schedulers: SlotSchedulers;
  queues: EngineQueues;
  /** Which deliver jobs still exist, many at once (the repair's check). */
  jobs: Pick<JobBackend, "jobsExist">;
  options: ReconcileOptions;
  log: Logger;
  /** Default: `systemClock`. */
  clock?: Clock;
}

/**
 * Makes Redis match Postgres: a job scheduler for every active schedule (created or corrected),
 * none for anything else; ticks missed while Redis was empty are fanned out (the Prompt unique key
 * makes that safe); unsent prompts whose deliver job vanished get it back (same job id). After a
 * FLUSHALL, the next run repairs everything.
 */
export class Reconciler {
  private readonly deps: ReconcilerDeps & Required<Pick<ReconcilerDeps, "clock">>;

  constructor(deps: ReconcilerDeps) {
    this.deps = { ...deps, clock: deps.clock ?? systemClock };
  }

  async reconcileAll(now = this.deps.clock.now()): Promise<ReconcileReport> {
    const report: ReconcileReport = { active: 0, created: 0, updated: 0, removed: 0, caughtUp: 0, repaired: 0, seeded: 0 };
    const active = await this.deps.schedules.listActive();
    report.active = active.length;
    const existing = new Map((await this.deps.schedulers.list()).map((t) => [t.scheduleId, t]));
    const wanted = new Map<string, Wanted>();
    // Every schedule's zones in two statements, not one per schedule (zonesOf stays for one schedule).
    const zonesById = await this.deps.sync.zonesOfAll(active);
    for (const s of active) {
      const zones = zonesById.get(s.id) ?? (await this.deps.sync.zonesOf(s));
      const spec = await this.deps.sync.tickFor(s, zones);
      if (spec) wanted.set(s.id, { schedule: s, spec, zones });
    }
    for (const [id, { schedule, spec, zones }] of wanted) {
      const have = existing.get(id);
      if (have && have.pattern === spec.pattern && have.tz === spec.tz) continue;
      await this.deps.schedulers.ensure(schedule.teamId, id, spec);
      // A slot less than a lead away has had its tick already: fan it out now.
      await this.deps.sync.leadIn(schedule, zones);
      if (have) report.updated += 1;
      else report.created += 1;
    }
    for (const id of existing.keys()) {
      if (wanted.has(id)) continue;
      await this.deps.schedulers.remove(id);
      report.removed += 1;
    }
    report.caughtUp = await this.catchUp([...wanted.values()], now);
    report.repaired = await this.repair(now);
    report.seeded = await this.seedUnknownChannels(active);
    if (report.created + report.updated + report.removed + report.caughtUp + report.repaired + report.seeded > 0) {
      this.deps.log.info(report, "reconciled job schedulers with Postgres");
    }
    return report;
  }

  /**
   * After an outage (Redis lost, workers down) each schedule gets at most one catch-up: the latest
   * slot it missed within the window, never one from before it was on or inside a pause, and none
   * when that slot or a later one already has prompts. Older missed slots are dropped for good.
   */
  private async catchUp(wanted: Wanted[], now: Date): Promise<number> {
    if (this.deps.options.catchUpMs <= 0 || wanted.length === 0) return 0;
    const window = { now, catchUpMs: this.deps.options.catchUpMs, graceMs: GRACE_MS };
    const latestDone = await this.deps.prompts.latestScheduledSlots(wanted.map((w) => w.schedule.id), new Date(now.getTime() - this.deps.options.catchUpMs));
    const jobs = [];
    for (const { schedule, zones } of wanted) {
      // Members schedules: the grid in every member's zone; the fan-out checks each person's hours.
      const slot = latestMissedSlot(ruleOf(schedule), zones, schedule, window);
      if (!slot) continue;
      const done = latestDone.get(schedule.id);
      if (done && done.getTime() >= slot.getTime()) continue;
      const t = slot.getTime();
      jobs.push({ teamId: schedule.teamId, scheduleId: schedule.id, slotAt: t });
    }
    await catchUpSlotTask.schedule(this.deps.queues.slots, jobs);
    return jobs.length;
  }

  /** Unsent prompts whose job may be gone: re-add (a job that still exists keeps its id: no-op). */
  private async repair(now: Date): Promise<number> {
    const rows = await this.deps.prompts.unfinished(new Date(now.getTime() - this.deps.options.repairMs), new Date(now.getTime() - GRACE_MS), this.deps.options.leaseMs);
    if (rows.length === 0) return 0;
    const existing = await this.deps.jobs.jobsExist(this.deps.queues.deliveries, rows.map((r) => jobIds.deliver(r.id)));
    const lost = rows.filter((_, i) => !existing[i]);
    if (lost.length === 0) return 0;
    await deliverTask.schedule(this.deps.queues.deliveries, lost.map((r) => ({ teamId: r.teamId, promptId: r.id })));
    return lost.length;
  }

  /** Channel and members schedules whose channel has no known members yet get a seed job. */
  private async seedUnknownChannels(active: EngineSchedule[]): Promise<number> {
    const inChannels = active.flatMap((s) => (s.kind !== "dm" && s.channelId ? [{ teamId: s.teamId, channelId: s.channelId }] : []));
    // Every channel's member count in one statement (GROUP BY), not one COUNT per schedule.
    const counts = await this.deps.channelMembers.countsByChannel(inChannels);
    let seeded = 0;
    for (const { teamId, channelId } of inChannels) {
      if ((counts.get(channelKey(teamId, channelId)) ?? 0) > 0) continue;
      await this.deps.sync.requestSeed(teamId, channelId);
      seeded += 1;
    }
    return seeded;
  }
}
