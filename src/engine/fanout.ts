import type { ChannelMemberRepository, Recipient } from "./repositories/channel-members.js";
import type { EngineSchedule, EngineScheduleRepository } from "./repositories/engine-schedules.js";
import type { MemberRepository } from "../db/repositories/members.js";
import type { PromptRepository, SlotPromptRow } from "./repositories/prompts.js";
import { areaForSlot, promptRoutine, slotIndexOfDay, startOfLocalDay } from "../domain/prompt-routine.js";
import type { MemberPrefsRepository } from "../db/repositories/member-prefs.js";
import { personalArea, personalCatalog, type PersonalPrefs } from "../domain/personal-prefs.js";
import { slotAllowed } from "../domain/catch-up.js";
import { intersectWithWorkHours, isSlot, type SlotRule } from "../domain/slots.js";
import { spreadWindowMs, stableOffsetMs } from "../domain/spread.js";
import type { DeliverJobData } from "./queues/queues.js";
import { deliverTask, type JobSink } from "./tasks.js";
import type { Logger } from "../logger.js";
import type { DndLookahead } from "./dnd-lookahead.js";
import { ruleOf, zoneOr } from "./schedule-sync.js";
import { systemClock, type Clock } from "../time/clock.js";
import type { WorkspaceRateLimiter } from "./workspace-rate-limiter.js";
import type { DndLookups } from "./dnd-lookups.js";
import { cachedDndStatus } from "../domain/availability.js";

/** Prompts are inserted and enqueued in chunks, so the first deliveries start before the last insert. */
const CHUNK = 1000;
/**
 * A slot within one minute's budget books its DM posts here, up to this far ahead (it needs under a
 * minute; more means a 429 block or a busy budget: those deliveries book for themselves as before).
 */
const FANOUT_BOOKING_HORIZON_MS = 120_000;

/** DND is looked up ahead only when the slot is at least this far away (else the deliveries ask). */
const DND_PREFETCH_MIN_LEAD_MS = 5_000;

interface SlotTarget {
  target: string;
  recipientUserId: string | null;
  tz: string;
  /** The rule as it applies to this target (members: intersected with their working hours). */
  rule: SlotRule;
  /** Members schedules: the stored DND answer will not hold at the slot (see DndLookups.prefetch). */
  dndStale?: boolean;
}

export interface FanoutResult {
  recipients: number;
  enqueued: number;
}

/** What SlotFanout needs: one object, so call sites name every part. */
export interface FanoutDeps {
  schedules: Pick<EngineScheduleRepository, "find">;
  channelMembers: Pick<ChannelMemberRepository, "recipients">;
  members: Pick<MemberRepository, "find">;
  prompts: Pick<PromptRepository, "upsertForSlot" | "exercisesSince">;
  queues: { deliveries: JobSink<DeliverJobData> };
  log: Logger;
  /** Personal settings (areas to avoid or prefer, seated, gentle) of DM recipients. */
  prefs?: Pick<MemberPrefsRepository, "prefsOf">;
  /** The workspace's post budget (SLACK_POST_RATE_PER_MINUTE): bigger slots are spread over minutes. Default: `Number.POSITIVE_INFINITY`. */
  postsPerMinute?: number;
  /** Spread slots say who is due when, so DND look-ups are made for the next 50 at a time. */
  dndLookahead?: DndLookahead;
  /** "Now" for the spread delays (slots are on this clock too). Default: `systemClock`. */
  clock?: Clock;
  /**
   * The workspace's post budget, shared with the deliveries: a slot that fits in a minute books its
   * DM posts at fan-out, so each delivery runs once, at its slot. Default: none (each delivery books).
   */
  limiter?: Pick<WorkspaceRateLimiter, "reserveAhead">;
  /** A fan-out ahead of its slot asks Slack for the DND its members schedule's people will need. Default: none. */
  dndPrefetch?: Pick<DndLookups, "prefetch">;
}

/**
 * A slot job: who gets a prompt at this instant, one Prompt row each (the unique key makes a
 * repeated fan-out a no-op) with its routine, then one deliver job each (job id = prompt id).
 */
export class SlotFanout {
  private readonly deps: FanoutDeps & Required<Pick<FanoutDeps, "postsPerMinute" | "clock">>;

  constructor(deps: FanoutDeps) {
    this.deps = { ...deps, postsPerMinute: deps.postsPerMinute ?? Number.POSITIVE_INFINITY, clock: deps.clock ?? systemClock };
  }

  /**
   * `ahead`: this is a tick or lead-in running ahead of its slot (FANOUT_LEAD_MS): its jobs wait for
   * the slot, its DM posts are booked from the slot on and its people's DND is looked up now.
   * Otherwise (catch-up of a missed slot) the slot is due: its prompts go out at once.
   */
  async fanOut(scheduleId: string, slotAt: Date, options: { ahead?: boolean } = {}): Promise<FanoutResult> {
    const schedule = await this.deps.schedules.find(scheduleId);
    if (!schedule || !schedule.active || !schedule.workspaceActive) return { recipients: 0, enqueued: 0 };
    // Never a slot from before the schedule was on (or last changed/resumed), nor inside a pause.
    if (!slotAllowed(schedule, slotAt)) return { recipients: 0, enqueued: 0 };
    const targets = await this.targets(schedule, slotAt);
    if (targets.length === 0) return { recipients: 0, enqueued: 0 };

    const rows = await this.withRoutines(schedule, targets, slotAt);
    const slotKey = slotAt.toISOString();
    // More people than a minute's budget: each gets a stable offset inside the spread window, so
    // the deliveries queue holds only what is due and other workspaces' prompts are not stuck behind.
    const spreadMs = spreadWindowMs(rows.length, this.deps.postsPerMinute);
    // The slot is an instant on the engine's clock, so "how long until" is measured on it too.
    const nowMs = this.deps.clock.now().getTime();
    // Ahead of its slot, nothing is posted before it; a due slot starts now.
    const startMs = options.ahead ? Math.max(nowMs, slotAt.getTime()) : nowMs;
    const delayOf = (target: string) => Math.max(0, (spreadMs === 0 ? startMs : slotAt.getTime() + stableOffsetMs(`${schedule.teamId}|${target}`, spreadMs)) - nowMs);
    if (spreadMs > 0 && this.deps.dndLookahead) {
      const due = rows.flatMap((r) => (r.recipientUserId ? [{ userId: r.recipientUserId, dueAt: slotAt.getTime() + stableOffsetMs(`${schedule.teamId}|${r.target}`, spreadMs) }] : []));
      // Only an optimisation (fewer, fuller dnd.teamInfo calls): the slot goes out without it.
      await this.deps.dndLookahead.add(schedule.teamId, due).catch((error: unknown) => this.deps.log.warn({ scheduleId, err: String(error) }, "could not note who is due next"));
    }
    const dmOf = new Map(rows.flatMap((r) => (r.recipientUserId ? [[r.target, r.recipientUserId] as const] : [])));
    let enqueued = 0;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const saved = await this.deps.prompts.upsertForSlot({ teamId: schedule.teamId, scheduleId, slotKey, slotAt, rows: rows.slice(i, i + CHUNK) });
      const todo = saved.filter((p) => p.status === "pending" || p.status === "deferred");
      const booked = spreadMs === 0 ? await this.bookPosts(schedule.teamId, todo.flatMap((p) => (dmOf.has(p.target) ? [{ id: p.id, userId: dmOf.get(p.target)! }] : [])), startMs - nowMs) : new Map<string, number>();
      await deliverTask.schedule(
        this.deps.queues.deliveries,
        todo.map((p) => {
          const postSlotAt = booked.get(p.id);
          return postSlotAt === undefined
            ? { teamId: schedule.teamId, promptId: p.id, delayMs: delayOf(p.target), fanout: true }
            : { teamId: schedule.teamId, promptId: p.id, delayMs: Math.max(0, postSlotAt - Date.now()), fanout: true, postSlotAt };
        }),
      );
      enqueued += todo.length;
    }
    // Ahead of its slot, a slot that fits in a minute looks up its people's DND now (not spread
    // slots: the look-ahead fills their calls as their people come due).
    if (this.deps.dndPrefetch && spreadMs === 0 && startMs - nowMs >= DND_PREFETCH_MIN_LEAD_MS) {
      const stale = targets.flatMap((t) => (t.dndStale && t.recipientUserId ? [t.recipientUserId] : []));
      if (stale.length > 0) await this.deps.dndPrefetch.prefetch(schedule.teamId, stale);
    }
    this.deps.log.info({ scheduleId, slotKey, recipients: rows.length, enqueued, spreadMs }, "slot fanned out");
    return { recipients: rows.length, enqueued };
  }

  /**
   * Books each DM prompt's post in the workspace's budget now, and says who of them is due when to
   * the DND look-ahead. Why: a 50-person slot at 580 posts a minute has a burst of 9; the other 41
   * deliveries used to claim, find no budget, release and come back for a booked slot — two runs,
   * two claims and a release each (bench:multitenant, 200 such workspaces in one minute: 4.8 Prompt
   * row updates and 6.2 transactions per delivery, 3 needed). Booked here, each runs once, when its
   * slot comes. Only an ordering of when to post: the claim, the state checks, DND and the renew fence
   * are unchanged; a booked slot a delivery does not use (skipped, DND) is left unused, never
   * crowded. Machine time, like the limiter's. Not for spread slots (they book at their offsets).
   */
  private async bookPosts(teamId: string, dms: Array<{ id: string; userId: string }>, startInMs: number): Promise<Map<string, number>> {
    const booked = new Map<string, number>();
    const limiter = this.deps.limiter;
    if (!limiter || dms.length === 0) return booked;
    try {
      const answers = await Promise.all(dms.map(() => limiter.reserveAhead(teamId, "chat.postMessage", FANOUT_BOOKING_HORIZON_MS, startInMs)));
      const at = Date.now();
      dms.forEach((p, i) => {
        const a = answers[i]!;
        if (a.reserved) booked.set(p.id, at + a.waitMs);
      });
    } catch (error) {
      // Only an optimisation: unbooked deliveries book for themselves.
      this.deps.log.warn({ teamId, err: String(error) }, "could not book the slot's posts");
      return booked;
    }
    if (this.deps.dndLookahead && booked.size > 0) {
      const due = dms.flatMap((p) => (booked.has(p.id) ? [{ userId: p.userId, dueAt: booked.get(p.id)! }] : []));
      await this.deps.dndLookahead.add(teamId, due).catch((error: unknown) => this.deps.log.warn({ teamId, err: String(error) }, "could not note who is due next"));
    }
    return booked;
  }

  /** Exactly the targets for whom `slotAt` is a slot, in their own zone and working hours. */
  private async targets(s: EngineSchedule, slotAt: Date): Promise<SlotTarget[]> {
    const rule = ruleOf(s);
    const scheduleTz = zoneOr(s.tz, "UTC");
    if (s.kind === "channel") {
      return s.channelId && isSlot(rule, scheduleTz, slotAt) ? [{ target: s.channelId, recipientUserId: null, tz: scheduleTz, rule }] : [];
    }
    if (s.kind === "dm") {
      if (!s.userId) return [];
      const member = await this.deps.members.find(s.teamId, s.userId);
      if (member && (member.optedOut || member.deleted || member.isBot || (member.pausedUntil && member.pausedUntil > slotAt))) return [];
      // A personal schedule's window is the person's own choice: no work-hours intersection.
      const tz = zoneOr(member?.tz, scheduleTz);
      return isSlot(rule, tz, slotAt) ? [{ target: s.userId, recipientUserId: s.userId, tz, rule }] : [];
    }
    if (!s.channelId) return [];
    const people = await this.deps.channelMembers.recipients(s.teamId, s.channelId, slotAt);
    return this.membersDue(rule, scheduleTz, people, slotAt);
  }

  /** Members schedules: people sharing a zone and working hours share one slot computation. */
  private membersDue(rule: SlotRule, scheduleTz: string, people: Recipient[], slotAt: Date): SlotTarget[] {
    const verdicts = new Map<string, SlotRule | null>();
    const out: SlotTarget[] = [];
    for (const p of people) {
      const tz = zoneOr(p.tz, scheduleTz);
      const key = `${tz}|${p.workStartMinute}|${p.workEndMinute}|${p.workDays.join(",")}`;
      let personal = verdicts.get(key);
      if (personal === undefined) {
        const r = intersectWithWorkHours(rule, p);
        personal = isSlot(r, tz, slotAt) ? r : null;
        verdicts.set(key, personal);
      }
      if (!personal) continue;
      const stored = { enabled: p.dndEnabled ?? null, nextStartAt: p.dndNextStartAt ?? null, nextEndAt: p.dndNextEndAt ?? null, checkedAt: p.dndCheckedAt ?? null };
      out.push({ target: p.userId, recipientUserId: p.userId, tz, rule: personal, dndStale: cachedDndStatus(stored, slotAt.getTime()) === null });
    }
    return out;
  }

  /** Area by slot of the day (or the schedule's), avoiding exercises the target already got today. */
  private async withRoutines(s: EngineSchedule, targets: SlotTarget[], slotAt: Date): Promise<SlotPromptRow[]> {
    const dayStarts = new Map<string, Date>();
    const indexes = new Map<string, number>();
    const dayStartOf = (t: SlotTarget) => {
      let d = dayStarts.get(t.tz);
      if (!d) dayStarts.set(t.tz, (d = startOfLocalDay(slotAt, t.tz)));
      return d;
    };
    const indexOf = (t: SlotTarget) => {
      const key = `${t.tz}|${t.rule.windowStartMinute}|${t.rule.windowEndMinute}|${t.rule.times.join(",")}`;
      let i = indexes.get(key);
      if (i === undefined) indexes.set(key, (i = slotIndexOfDay(t.rule, t.tz, slotAt)));
      return i;
    };
    const earliest = new Date(Math.min(...targets.map((t) => dayStartOf(t).getTime())));
    const history = await this.deps.prompts.exercisesSince(s.teamId, targets.map((t) => t.target), earliest);
    const usedByTarget = new Map<string, Array<{ at: Date; ids: string[] }>>();
    for (const h of history) {
      const list = usedByTarget.get(h.target) ?? [];
      list.push({ at: h.slotAt, ids: h.exerciseIds });
      usedByTarget.set(h.target, list);
    }
    const slotKey = slotAt.toISOString();
    const recipients = targets.flatMap((t) => (t.recipientUserId ? [t.recipientUserId] : []));
    const prefsByUser = this.deps.prefs ? await this.deps.prefs.prefsOf(s.teamId, recipients) : new Map<string, PersonalPrefs>();
    return targets.map((t) => {
      const dayStart = dayStartOf(t).getTime();
      const used = (usedByTarget.get(t.target) ?? []).filter((u) => u.at.getTime() >= dayStart && u.at.getTime() < slotAt.getTime()).flatMap((u) => u.ids);
      const mine = t.recipientUserId ? prefsByUser.get(t.recipientUserId) : undefined;
      const area = mine ? personalArea(areaForSlot(s.area, indexOf(t)), mine, indexOf(t), areaForSlot(s.area, 0) !== areaForSlot(s.area, 1)) : areaForSlot(s.area, indexOf(t));
      const routine = mine
        ? promptRoutine({ ...s, seatedOnly: s.seatedOnly || mine.seatedOnly }, area, used, `${s.id}|${slotKey}|${t.target}`, personalCatalog(mine))
        : promptRoutine(s, area, used, `${s.id}|${slotKey}|${t.target}`);
      return { target: t.target, recipientUserId: t.recipientUserId, area, exerciseIds: routine.items.map((i) => i.exercise.id) };
    });
  }
}
