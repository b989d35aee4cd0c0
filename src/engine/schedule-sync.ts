import type { ChannelMemberRepository } from "./repositories/channel-members.js";
import type { EngineSchedule, EngineScheduleRepository } from "./repositories/engine-schedules.js";
import type { MemberRepository } from "../db/repositories/members.js";
import { cronMinutes, nextSlot, type SlotRule } from "../domain/slots.js";
import { isValidZone, zoneOr } from "../time/zones.js";
import type { EngineQueues } from "./queues/queues.js";
import { catchUpSlotTask, seedChannelTask } from "./tasks.js";
import { FANOUT_LEAD_MS, tickSpec, type SlotSchedulers, type TickSpec } from "./scheduler-sync.js";
import type { Logger } from "../logger.js";
import type { ScheduleSync } from "./ports.js";
import type { PromptRepository } from "./repositories/prompts.js";
import { systemClock, type Clock } from "../time/clock.js";

export function ruleOf(s: Pick<EngineSchedule, "intervalMinutes" | "times" | "windowStartMinute" | "windowEndMinute" | "days">): SlotRule {
  return { intervalMinutes: s.intervalMinutes, times: s.times, windowStartMinute: s.windowStartMinute, windowEndMinute: s.windowEndMinute, days: s.days };
}

export { zoneOr } from "../time/zones.js";

/** What EngineScheduleSync needs: one object, so call sites name every part. */
export interface ScheduleSyncDeps {
  schedules: EngineScheduleRepository;
  channelMembers: ChannelMemberRepository;
  members: MemberRepository;
  schedulers: SlotSchedulers;
  queues: EngineQueues;
  log: Logger;
  /** Prompts fanned out ahead of a slot under settings that just changed (see dropQueuedAhead). Default: none kept. */
  prompts?: Pick<PromptRepository, "dropQueuedAhead">;
  /** "Now" for which slots are still to come (the engine's clock). Default: the system clock. */
  clock?: Clock;
}

/**
 * Keeps one BullMQ job scheduler per active schedule (Postgres is the source of truth). The cron
 * minutes cover every zone involved: the channel's zone, the DM person's zone, or every member's
 * zone for a members schedule (plus the schedule's zone as a fallback for people without one).
 */
export class EngineScheduleSync implements ScheduleSync {
  private readonly schedules: EngineScheduleRepository;
  private readonly channelMembers: ChannelMemberRepository;
  private readonly members: MemberRepository;
  private readonly schedulers: SlotSchedulers;
  private readonly queues: EngineQueues;
  private readonly log: Logger;
  private readonly prompts: Pick<PromptRepository, "dropQueuedAhead"> | undefined;
  private readonly clock: Clock;

  constructor(deps: ScheduleSyncDeps) {
    ({ schedules: this.schedules, channelMembers: this.channelMembers, members: this.members, schedulers: this.schedulers, queues: this.queues, log: this.log, prompts: this.prompts } = deps);
    this.clock = deps.clock ?? systemClock;
  }

  async scheduleChanged(teamId: string, scheduleId: string): Promise<void> {
    const schedule = await this.schedules.find(scheduleId);
    if (!schedule || schedule.teamId !== teamId) {
      await this.schedulers.remove(scheduleId);
      return;
    }
    // Ticks fan out a lead ahead: what they queued for coming slots followed the old times or
    // window, so it makes way for the lead-in under the new ones. A schedule turned off, paused or
    // archived keeps its queued prompts: their claim skips them with that reason (state wins over queue).
    const now = this.clock.now();
    if (this.prompts && schedule.active && schedule.workspaceActive && !(schedule.pausedUntil && schedule.pausedUntil > now)) {
      await this.prompts.dropQueuedAhead(scheduleId, now);
    }
    await this.apply(schedule);
    // Channel prompts need the member list as a denominator, members schedules as recipients.
    if (schedule.active && schedule.kind !== "dm" && schedule.channelId) await this.requestSeed(teamId, schedule.channelId);
  }

  /** Brings this schedule's job scheduler in line with the row, without re-seeding membership. */
  async apply(schedule: EngineSchedule): Promise<TickSpec | null> {
    const zones = schedule.active && schedule.workspaceActive ? await this.zonesOf(schedule) : [];
    const spec = zones.length > 0 ? await this.tickFor(schedule, zones) : null;
    if (spec) {
      await this.schedulers.ensure(schedule.teamId, schedule.id, spec);
      await this.leadIn(schedule, zones);
    } else await this.schedulers.remove(schedule.id);
    this.log.debug({ scheduleId: schedule.id, spec }, "job scheduler synced");
    return spec;
  }

  /** The cron that wakes this schedule's slot job, or null when it can never have a slot. */
  async tickFor(schedule: EngineSchedule, knownZones?: string[]): Promise<TickSpec | null> {
    const zones = knownZones ?? (await this.zonesOf(schedule));
    // The zones' offsets are sampled around the real date: reconcile re-syncs schedulers regularly.
    return tickSpec(cronMinutes(ruleOf(schedule), zones, new Date()));
  }

  /**
   * A scheduler made or changed less than a lead before a slot has already passed that slot's tick
   * (ticks run FANOUT_LEAD_MS early; its next tick is for a later slot): those slots' fan-outs are
   * queued now, as catch-up jobs (the same job id as reconcile's, and a repeated fan-out is a no-op).
   * Machine time, like the ticks. Returns the slots queued.
   */
  async leadIn(schedule: EngineSchedule, zones: string[], now = new Date()): Promise<number> {
    const rule = ruleOf(schedule);
    const until = now.getTime() + FANOUT_LEAD_MS;
    const due = new Set<number>();
    for (const tz of new Set(zones)) {
      const next = nextSlot(rule, tz, now);
      if (next && next.getTime() <= until) due.add(next.getTime());
    }
    await catchUpSlotTask.schedule(
      this.queues.slots,
      [...due].map((slotAt) => ({ teamId: schedule.teamId, scheduleId: schedule.id, slotAt, leadMs: FANOUT_LEAD_MS })),
    );
    return due.size;
  }

  async zonesOf(schedule: EngineSchedule): Promise<string[]> {
    const fallback = zoneOr(schedule.tz, "UTC");
    if (schedule.kind === "channel") return [fallback];
    if (schedule.kind === "dm") {
      const member = schedule.userId ? await this.members.find(schedule.teamId, schedule.userId) : null;
      return [zoneOr(member?.tz, fallback)];
    }
    if (!schedule.channelId) return [fallback];
    const zones = await this.channelMembers.zones(schedule.teamId, schedule.channelId);
    return [...new Set([fallback, ...zones.filter(isValidZone)])];
  }

  async requestSeed(teamId: string, channelId: string): Promise<void> {
    await seedChannelTask.schedule(this.queues.maintenance, { teamId, channelId });
  }

  /**
   * zonesOf() of many schedules, by schedule id, in two statements whatever their number (every
   * members channel's zones at once, every DM person's zone at once): the reconcile loop runs it
   * over all active schedules every RECONCILE_INTERVAL_SECONDS, where one query per schedule cost
   * the workers' CPU hundreds of round trips per run.
   */
  async zonesOfAll(schedules: readonly EngineSchedule[]): Promise<Map<string, string[]>> {
    const channels = schedules.flatMap((s) => (s.kind === "members" && s.channelId ? [{ teamId: s.teamId, channelId: s.channelId }] : []));
    const people = schedules.flatMap((s) => (s.kind === "dm" && s.userId ? [{ teamId: s.teamId, userId: s.userId }] : []));
    const [channelZones, personZones] = await Promise.all([this.channelMembers.zonesByChannel(channels), this.members.zonesOf(people)]);
    const out = new Map<string, string[]>();
    for (const s of schedules) {
      // The same cases as zonesOf, read from the two answers (both keyed "teamId|id").
      const fallback = zoneOr(s.tz, "UTC");
      if (s.kind === "channel") out.set(s.id, [fallback]);
      else if (s.kind === "dm") out.set(s.id, [zoneOr(s.userId ? personZones.get(`${s.teamId}|${s.userId}`) : null, fallback)]);
      else if (!s.channelId) out.set(s.id, [fallback]);
      else out.set(s.id, [...new Set([fallback, ...(channelZones.get(`${s.teamId}|${s.channelId}`) ?? []).filter(isValidZone)])]);
    }
    return out;
  }
}
