import { problem, type InvalidWithExample, type Problem } from "../domain/problem.js";
import { slotSpread, type SlotSpread } from "../domain/spread.js";
import type { MemberRecord, MemberRepository } from "../db/repositories/members.js";
import { targetKeyOf, type ScheduleKindValue, type ScheduleRecord, type ScheduleRepository } from "../db/repositories/schedules.js";
import { nextPrompt, type NextPrompt } from "../domain/next-prompt.js";
import { parsePause, parseResume, pauseEnd } from "../domain/pause-spec.js";
import {
  DEFAULT_SETTINGS,
  exampleFor,
  mergeSettings,
  parseScheduleSpec,
  settingsProblems,
  type ScheduleSettings,
  type ScheduleSpec,
  type ScheduleTarget,
} from "../domain/schedule-spec.js";
import { parseScheduleForm, type ScheduleFormValues } from "../domain/schedule-form.js";

import type { BodyArea } from "../exercises/types.js";
import type { Logger } from "../logger.js";
import { systemClock, type Clock } from "../time/clock.js";
import type { MemberService } from "./member-service.js";
import type { ScheduleSync } from "./ports.js";
import { isValidZone } from "../time/zones.js";

/** Who is asking, and where (the channel the command or button came from). */
export interface ScheduleCaller {
  teamId: string;
  userId: string;
  channelId: string;
}

/** A schedule as the caller sees it: can they change it, and what happens next for them. */
export interface ScheduleView {
  schedule: ScheduleRecord;
  canEdit: boolean;
  next: NextPrompt;
  /** Members schedules bigger than a minute's post budget: how long each slot takes to go out. */
  spread?: SlotSpread | null;
}

export type ScheduleChange =
  | InvalidWithExample
  /** schedule null: a new `members` schedule, which only privileged people may set up. */
  | { kind: "forbidden"; schedule: ScheduleRecord | null }
  | { kind: "saved"; view: ScheduleView; created: boolean }
  | { kind: "off"; target: ScheduleTarget; schedule: ScheduleRecord | null; wasOn: boolean };

export type PauseOutcome =
  | InvalidWithExample
  | { kind: "me-paused"; until: Date; tz: string }
  | { kind: "me-resumed"; wasPaused: boolean; channelPaused: { until: Date; tz: string } | null }
  | { kind: "nothing-here" }
  | { kind: "forbidden"; schedule: ScheduleRecord }
  | { kind: "channel-paused"; until: Date; schedules: ScheduleRecord[] }
  | { kind: "channel-resumed"; views: ScheduleView[] };

export type EditorOutcome =
  | { kind: "edit"; target: ScheduleTarget; channelId: string; settings: ScheduleSettings; tz: string }
  | { kind: "forbidden"; schedule: ScheduleRecord }
  | { kind: "gone" };

export interface ScheduleServiceOptions {
  /** Shortest interval a schedule may use (SCHEDULE_MIN_INTERVAL_MINUTES). */
  minIntervalMinutes: number;
  /** Where "now" comes from. Default: the system clock. */
  clock?: Clock;
  /** Workspace post budget (SLACK_POST_RATE_PER_MINUTE), to say how long a big slot takes. Default: none said. */
  postsPerMinute?: number;
  /** People in a channel (a members schedule's recipients at most). */
  countChannelMembers?: (teamId: string, channelId: string) => Promise<number>;
}

/** Whether new settings move the schedule's slots (not just its routine's area or length). */
function timingChanged(s: ScheduleRecord, settings: ScheduleSettings, tz: string): boolean {
  const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((v, i) => v === b[i]);
  return (
    s.tz !== tz ||
    s.intervalMinutes !== settings.intervalMinutes ||
    s.windowStartMinute !== settings.windowStartMinute ||
    s.windowEndMinute !== settings.windowEndMinute ||
    !same(s.times, settings.times) ||
    !same(s.days, settings.days)
  );
}

/** Who created a channel (conversations.info); null when unknown. */
export interface ChannelCreatorLookup {
  creatorOf(teamId: string, channelId: string): Promise<string | null>;
}

/** Where a target lives: `/stretch schedule` in a DM with the bot is the caller's DM schedule. */
function resolveTarget(target: ScheduleTarget, channelId: string): ScheduleTarget {
  return target === "channel" && channelId.startsWith("D") ? "dm" : target;
}

export function settingsOf(s: ScheduleRecord): ScheduleSettings {
  return {
    intervalMinutes: s.intervalMinutes,
    times: [...s.times],
    windowStartMinute: s.windowStartMinute,
    windowEndMinute: s.windowEndMinute,
    days: [...s.days],
    area: (s.area as BodyArea | null) ?? null,
    lengthSeconds: s.lengthSeconds,
    seatedOnly: s.seatedOnly,
  };
}

/**
 * Schedules as people manage them from Slack: create or update, turn off, show, pause, resume.
 * Postgres is the source of truth; after every change ScheduleSync re-derives the job schedulers.
 *
 * Who may change a channel's schedules (`channel:` and `members:`): whoever created the running
 * schedule, workspace admins and owners, and people with the manager role. When no channel
 * schedule is running anyone there may set one up (and becomes its creator). A `members` schedule
 * DMs everyone in the channel, so setting one up (or changing its timing) takes the channel's
 * creator, an admin/owner or a manager, checked freshly (MemberService.authority: fails closed
 * when Slack cannot answer). A DM schedule belongs to its person alone.
 */
export class ScheduleService {
  constructor(
    private readonly schedules: ScheduleRepository,
    private readonly memberRepo: MemberRepository,
    private readonly members: MemberService,
    private readonly sync: ScheduleSync,
    private readonly options: ScheduleServiceOptions,
    private readonly log: Logger,
    private readonly channels: ChannelCreatorLookup = { creatorOf: async () => null },
  ) {}

  private now(): Date {
    return (this.options.clock ?? systemClock).now();
  }

  parse(text: string) {
    return parseScheduleSpec(text, this.options.minIntervalMinutes);
  }

  /** `/stretch schedule <options>`: create, update or turn off one target's schedule. */
  async applyText(caller: ScheduleCaller, text: string, now = this.now()): Promise<ScheduleChange> {
    const parsed = this.parse(text);
    if (parsed.kind === "invalid") return parsed;
    return this.apply(caller, parsed.spec, now);
  }

  async apply(caller: ScheduleCaller, spec: ScheduleSpec, now = this.now()): Promise<ScheduleChange> {
    const target = resolveTarget(spec.target, caller.channelId);
    if (target === "members" && caller.channelId.startsWith("D")) {
      return { kind: "invalid", problems: [problem("membersNeedChannel")], example: exampleFor("members") };
    }
    const targetKey = this.targetKey(target, caller);
    const existing = await this.schedules.findByTarget(caller.teamId, targetKey);
    if (spec.off) {
      if (!existing?.active) return { kind: "off", target, schedule: existing, wasOn: false };
      if (!(await this.canManage(caller, existing))) return { kind: "forbidden", schedule: existing };
      const schedule = await this.schedules.setActive(caller.teamId, existing.id, false);
      await this.changed(schedule);
      return { kind: "off", target, schedule, wasOn: true };
    }
    if (existing?.active && !(await this.canManage(caller, existing))) return { kind: "forbidden", schedule: existing };
    if (target === "members" && !(await this.mayDmChannel(caller, existing))) return { kind: "forbidden", schedule: existing };
    const settings = mergeSettings(existing ? settingsOf(existing) : { ...DEFAULT_SETTINGS, days: [...DEFAULT_SETTINGS.days] }, spec);
    const problems = settingsProblems(settings, this.options.minIntervalMinutes);
    if (problems.length > 0) return { kind: "invalid", problems, example: exampleFor(target) };
    return this.save(caller, target, existing, settings, spec.tz, now);
  }

  /** The modal's Save: complete settings for a target (validated by the caller with the same rules). */
  async saveSettings(caller: ScheduleCaller, target: ScheduleTarget, settings: ScheduleSettings, tz: string, now = this.now()): Promise<ScheduleChange> {
    const resolved = resolveTarget(target, caller.channelId);
    const existing = await this.schedules.findByTarget(caller.teamId, this.targetKey(resolved, caller));
    if (existing?.active && !(await this.canManage(caller, existing))) return { kind: "forbidden", schedule: existing };
    if (resolved === "members" && !(await this.mayDmChannel(caller, existing))) return { kind: "forbidden", schedule: existing };
    const problems = settingsProblems(settings, this.options.minIntervalMinutes);
    if (problems.length > 0) return { kind: "invalid", problems, example: exampleFor(resolved) };
    return this.save(caller, resolved, existing, settings, tz, now);
  }

  private async save(
    caller: ScheduleCaller,
    target: ScheduleTarget,
    existing: ScheduleRecord | null,
    settings: ScheduleSettings,
    tzGiven: string | undefined,
    now: Date,
  ): Promise<ScheduleChange> {
    const tz = tzGiven ?? existing?.tz ?? (await this.defaultZone(caller));
    // Its slots count from now when it starts, restarts (saving ends a pause) or moves in time.
    const restart = !existing || !existing.active || existing.pausedUntil !== null || timingChanged(existing, settings, tz);
    const schedule = await this.schedules.upsert({
      teamId: caller.teamId,
      kind: target as ScheduleKindValue,
      channelId: target === "dm" ? null : caller.channelId,
      userId: target === "dm" ? caller.userId : null,
      targetKey: this.targetKey(target, caller),
      // A running schedule keeps its creator; one that was off is set up afresh by whoever asks.
      createdBy: existing?.active ? existing.createdBy : caller.userId,
      ...settings,
      tz,
    }, restart ? now : undefined);
    await this.changed(schedule);
    this.log.info({ teamId: caller.teamId, scheduleId: schedule.id, targetKey: schedule.targetKey, created: !existing }, "schedule saved");
    return { kind: "saved", view: await this.view(caller, schedule, now), created: !existing?.active };
  }

  /** `/stretch schedule`: the schedules of this channel plus the caller's DM schedule. */
  async overview(caller: ScheduleCaller, now = this.now()): Promise<ScheduleView[]> {
    const keys = caller.channelId.startsWith("D")
      ? [targetKeyOf("dm", caller.userId)]
      : [targetKeyOf("channel", caller.channelId), targetKeyOf("members", caller.channelId), targetKeyOf("dm", caller.userId)];
    const rows = await this.schedules.findByTargets(caller.teamId, keys);
    return Promise.all(rows.map((s) => this.view(caller, s, now)));
  }

  /**
   * What the Edit button opens: a schedule id (from `/stretch schedule`) or `new:<target>` (no
   * schedule yet; if one appeared meanwhile, that one is edited).
   */
  async openEditor(caller: ScheduleCaller, buttonValue: string): Promise<EditorOutcome> {
    const isNew = buttonValue.startsWith("new:");
    const requested = buttonValue.slice(4) as ScheduleTarget;
    if (isNew && !["channel", "members", "dm"].includes(requested)) return { kind: "gone" };
    const schedule = isNew
      ? await this.schedules.findByTarget(caller.teamId, this.targetKey(resolveTarget(requested, caller.channelId), caller))
      : await this.schedules.findById(caller.teamId, buttonValue);
    if (!schedule) {
      if (!isNew) return { kind: "gone" };
      const target = resolveTarget(requested, caller.channelId);
      return { kind: "edit", target, channelId: caller.channelId, settings: { ...DEFAULT_SETTINGS, days: [...DEFAULT_SETTINGS.days] }, tz: await this.defaultZone(caller) };
    }
    // Someone else's DM schedule is not theirs to see at all (ids travel in button values).
    if (schedule.kind === "dm" && schedule.userId !== caller.userId) return { kind: "gone" };
    if (schedule.active && !(await this.canManage(caller, schedule))) return { kind: "forbidden", schedule };
    return { kind: "edit", target: schedule.kind, channelId: schedule.channelId ?? caller.channelId, settings: settingsOf(schedule), tz: schedule.tz };
  }

  /** The modal's fields, checked with the same rules as the command (and this deployment's minimum interval). */
  parseForm(values: ScheduleFormValues) {
    return parseScheduleForm(values, this.options.minIntervalMinutes);
  }

  async pause(caller: ScheduleCaller, text: string, now = this.now()): Promise<PauseOutcome> {
    const parsed = parsePause(text);
    if (parsed.kind === "invalid") return parsed;
    if (parsed.scope === "me") {
      const member = await this.members.get(caller.teamId, caller.userId);
      const tz = member.tz && isValidZone(member.tz) ? member.tz : "UTC";
      const until = pauseEnd(parsed.length, now, tz);
      await this.memberRepo.updatePreferences(caller.teamId, caller.userId, { pausedUntil: until });
      return { kind: "me-paused", until, tz };
    }
    const here = await this.channelSchedules(caller);
    if (here.length === 0) return { kind: "nothing-here" };
    for (const s of here) if (!(await this.canManage(caller, s))) return { kind: "forbidden", schedule: s };
    const until = pauseEnd(parsed.length, now, here[0]!.tz);
    await this.schedules.setPausedUntil(caller.teamId, here.map((s) => s.id), until);
    for (const s of here) await this.changed(s);
    return { kind: "channel-paused", until, schedules: here };
  }

  async resume(caller: ScheduleCaller, text: string, now = this.now()): Promise<PauseOutcome> {
    const parsed = parseResume(text);
    if (parsed.kind === "invalid") return parsed;
    if (parsed.scope === "me") {
      const member = await this.members.get(caller.teamId, caller.userId);
      const wasPaused = member.pausedUntil !== null && member.pausedUntil > now;
      // The pause ends now (not "never was"): prompts for slots inside it stay unsent.
      await this.memberRepo.updatePreferences(caller.teamId, caller.userId, { pausedUntil: wasPaused ? now : member.pausedUntil });
      // Resuming oneself does not restart a paused channel: say so rather than leave people puzzled.
      const paused = (await this.channelSchedules(caller)).find((s) => s.pausedUntil !== null && s.pausedUntil > now);
      return { kind: "me-resumed", wasPaused, channelPaused: paused?.pausedUntil ? { until: paused.pausedUntil, tz: paused.tz } : null };
    }
    const here = await this.channelSchedules(caller);
    if (here.length === 0) return { kind: "nothing-here" };
    for (const s of here) if (!(await this.canManage(caller, s))) return { kind: "forbidden", schedule: s };
    await this.schedules.setPausedUntil(caller.teamId, here.map((s) => s.id), null, now);
    for (const s of here) await this.changed(s);
    const fresh = await this.schedules.findByTargets(caller.teamId, here.map((s) => s.targetKey));
    return { kind: "channel-resumed", views: await Promise.all(fresh.map((s) => this.view(caller, s, now))) };
  }

  /** Channel schedules: the creator, admins/owners and managers. DM schedules: their person. */
  async canManage(caller: ScheduleCaller, schedule: ScheduleRecord): Promise<boolean> {
    if (schedule.kind === "dm") return schedule.userId === caller.userId;
    if (schedule.createdBy === caller.userId) return true;
    return this.isPrivileged(caller);
  }

  /**
   * A `members` schedule DMs the whole channel: the creator of the running one, the channel's
   * creator, admins/owners and managers only.
   */
  private async mayDmChannel(caller: ScheduleCaller, existing: ScheduleRecord | null): Promise<boolean> {
    if (existing?.active && existing.createdBy === caller.userId) return true;
    if ((await this.channels.creatorOf(caller.teamId, caller.channelId)) === caller.userId) return true;
    return this.isPrivileged(caller);
  }

  /** Admin/owner (flags re-checked with Slack, fail closed) or manager, and a real person. */
  private async isPrivileged(caller: ScheduleCaller): Promise<boolean> {
    const member = await this.members.authority(caller.teamId, caller.userId);
    return !member.deleted && !member.isBot && (member.isAdmin || member.isOwner || member.isManager);
  }

  private async view(caller: ScheduleCaller, schedule: ScheduleRecord, now: Date): Promise<ScheduleView> {
    const member = schedule.kind === "channel" ? undefined : await this.members.get(caller.teamId, caller.userId);
    return { schedule, canEdit: await this.canManage(caller, schedule), next: nextPrompt(schedule, member, now), spread: await this.spreadOf(schedule) };
  }

  private async spreadOf(schedule: ScheduleRecord): Promise<SlotSpread | null> {
    const { postsPerMinute, countChannelMembers } = this.options;
    if (schedule.kind !== "members" || !schedule.channelId || !postsPerMinute || !countChannelMembers) return null;
    return slotSpread(await countChannelMembers(schedule.teamId, schedule.channelId), postsPerMinute);
  }

  /** Running channel + members schedules of the caller's channel. */
  private async channelSchedules(caller: ScheduleCaller): Promise<ScheduleRecord[]> {
    const keys = [targetKeyOf("channel", caller.channelId), targetKeyOf("members", caller.channelId)];
    return (await this.schedules.findByTargets(caller.teamId, keys)).filter((s) => s.active);
  }

  private targetKey(target: ScheduleTarget, caller: ScheduleCaller): string {
    return targetKeyOf(target, target === "dm" ? caller.userId : caller.channelId);
  }

  /** The creator's Slack zone (users.info), else UTC. */
  private async defaultZone(caller: ScheduleCaller): Promise<string> {
    const member = await this.members.get(caller.teamId, caller.userId);
    return member.tz && isValidZone(member.tz) ? member.tz : "UTC";
  }

  private async changed(schedule: ScheduleRecord): Promise<void> {
    try {
      await this.sync.scheduleChanged(schedule.teamId, schedule.id);
    } catch (error) {
      // The row is saved; the periodic reconcile derives the job schedulers from it shortly.
      this.log.warn({ scheduleId: schedule.id, err: error instanceof Error ? error.message : String(error) }, "scheduleChanged failed; reconcile will catch up");
    }
  }
}
