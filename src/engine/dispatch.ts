import { randomUUID } from "node:crypto";
import type { EngineScheduleRepository } from "./repositories/engine-schedules.js";
import type { MemberRepository } from "../db/repositories/members.js";
import type { PromptRepository } from "./repositories/prompts.js";
import { areaForSlot, promptRoutine, slotIndexOfDay, startOfLocalDay } from "../domain/prompt-routine.js";
import type { EngineQueues } from "./queues/queues.js";
import { deliverTask } from "./tasks.js";
import { systemClock, type Clock } from "../time/clock.js";
import type { PostNowResult, PromptDispatch } from "../services/ports.js";
import { ruleOf, zoneOr } from "./schedule-sync.js";

/** A DM conversation id (D…): `/stretch now` there prompts the person, not a channel. */
function isDmChannel(channelId: string): boolean {
  return channelId.startsWith("D");
}

export interface NowLimits {
  /** `/stretch now` prompts per channel (or DM) in any hour (STRETCH_NOW_PER_HOUR). */
  perHour: number;
}

/**
 * Makes sure a channel's members are known before its prompt is posted, so the prompt gets a
 * Delivery per member (Membership.seedChannel when nothing is known yet).
 */
export type EnsureMembers = (teamId: string, channelId: string) => Promise<void>;

/** What PromptDispatcher needs: one object, so call sites name every part. */
export interface DispatcherDeps {
  schedules: EngineScheduleRepository;
  members: MemberRepository;
  prompts: PromptRepository;
  queues: EngineQueues;
  /** Default: `systemClock`. */
  clock?: Clock;
  /** Default: `{ perHour: 3 }`. */
  limits?: NowLimits;
  /** Default: `async () => {}`. */
  ensureMembers?: EnsureMembers;
}

/**
 * `/stretch now`: one prompt right away, with the settings of the schedule that applies here (if
 * any), through the same deliver job as scheduled prompts (claim, post, record; pacing; 429s).
 */
export class PromptDispatcher implements PromptDispatch {
  private readonly deps: DispatcherDeps & Required<Pick<DispatcherDeps, "clock" | "limits" | "ensureMembers">>;

  constructor(deps: DispatcherDeps) {
    this.deps = { ...deps, clock: deps.clock ?? systemClock, limits: deps.limits ?? ({ perHour: 3 }), ensureMembers: deps.ensureMembers ?? (async () => {}) };
  }

  async postNow(input: { teamId: string; channelId: string; requestedBy: string }, now = this.deps.clock.now()): Promise<PostNowResult> {
    const dm = isDmChannel(input.channelId);
    const target = dm ? input.requestedBy : input.channelId;
    const keys = dm ? [`dm:${input.requestedBy}`] : [`channel:${input.channelId}`, `members:${input.channelId}`];
    const schedule = await this.deps.schedules.forTarget(input.teamId, keys);
    const member = await this.deps.members.find(input.teamId, input.requestedBy);
    const tz = dm ? zoneOr(member?.tz, schedule?.tz ?? "UTC") : zoneOr(schedule?.tz, member?.tz ?? "UTC");
    const settings = { area: schedule?.area ?? null, lengthSeconds: schedule?.lengthSeconds ?? 180, seatedOnly: schedule?.seatedOnly ?? false };
    const area = areaForSlot(settings.area, slotIndexOfDay(schedule ? ruleOf(schedule) : null, tz, now));
    const used = (await this.deps.prompts.exercisesSince(input.teamId, [target], startOfLocalDay(now, tz))).flatMap((h) => h.exerciseIds);
    // Its Delivery rows (the rates' denominator) need the channel's members: learned before the
    // prompt exists, so the job that posts it follows its row at once.
    if (!dm) await this.deps.ensureMembers(input.teamId, input.channelId);
    const key = randomUUID();
    const routine = promptRoutine(settings, area, used, key);
    const prompt = await this.deps.prompts.createNowLimited(
      {
        teamId: input.teamId,
        scheduleId: schedule?.id ?? null,
        slotKey: `now:${key}`,
        slotAt: now,
        target,
        recipientUserId: dm ? input.requestedBy : null,
        area,
        exerciseIds: routine.items.map((i) => i.exercise.id),
      },
      { perHour: this.deps.limits.perHour, now },
    );
    if (prompt.kind === "pending") return { ok: false, reason: "a prompt is already on its way here", limit: "pending" };
    if (prompt.kind === "capped") return { ok: false, reason: "hourly limit", limit: "hourly", retryAt: prompt.retryAt, perHour: this.deps.limits.perHour, tz };
    await deliverTask.schedule(this.deps.queues.deliveries, [{ teamId: input.teamId, promptId: prompt.id }]);
    return { ok: true, channelId: input.channelId };
  }
}
