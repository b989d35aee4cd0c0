import type { MemberRepository } from "../db/repositories/members.js";
import type { PromptRepository } from "./repositories/prompts.js";
import { routineFromExerciseIds, type Routine } from "../exercises/routine-builder.js";
import type { BodyArea } from "../exercises/types.js";
import { MAX_SNOOZES, snoozeOrigin, snoozeSlotKey, snoozeUntil, type SnoozeChoice } from "../domain/snooze.js";
import type { EngineQueues } from "./queues/queues.js";
import { deliverTask } from "./tasks.js";
import { systemClock, type Clock } from "../time/clock.js";
import type { RoutineReply, RoutineService } from "../services/routine-service.js";
import type { QuietStatuses } from "./quiet-statuses.js";
import { zoneOr } from "./schedule-sync.js";
import { localDate } from "../time/zones.js";

/** The original Snooze button's delay (its action still means this). */
export const SNOOZE_MS = 15 * 60_000;

export interface PromptActor {
  teamId: string;
  promptId: string;
  userId: string;
  channelId?: string | undefined;
}

/** Why a button press on a prompt changes nothing: someone else's DM prompt, or an opted-out person. */
export type PromptActionRefusal = { kind: "not_recipient" } | { kind: "opted_out" };
export type SnoozeResult =
  | { kind: "snoozed"; at: Date; tz: string; choice: SnoozeChoice; fellBack: boolean; left: number }
  | { kind: "already" }
  | { kind: "limit" }
  | { kind: "gone" }
  | PromptActionRefusal;
export type SkipResult = { kind: "skipped" } | { kind: "gone" } | PromptActionRefusal;

/** The Snooze, Skip and Another routine buttons of a prompt (Done belongs to completions). */
export class PromptActions {
  constructor(
    private readonly prompts: PromptRepository,
    private readonly members: MemberRepository,
    private readonly routines: RoutineService,
    private readonly queues: EngineQueues,
    private readonly clock: Clock = systemClock,
    /** For "after my meeting": the person's current meeting and its end. */
    private readonly quiet?: QuietStatuses,
  ) {}

  /**
   * A new DM prompt for this person later (same routine): in 15 minutes, an hour, after their
   * meeting, or at the start of their next working day. At most MAX_SNOOZES per prompt, counted
   * along the chain of snoozed copies. Keyed by (original prompt, person, n), so a double click or
   * a retried interaction snoozes once.
   */
  async snooze(actor: PromptActor, choice: SnoozeChoice = "15m", now = this.clock.now()): Promise<SnoozeResult> {
    const prompt = await this.prompts.findForAction(actor.teamId, actor.promptId);
    if (!prompt) return { kind: "gone" };
    const refusal = await this.refusal(actor, prompt.recipientUserId);
    if (refusal) return refusal;
    const origin = snoozeOrigin(prompt.id, prompt.slotKey);
    if (origin.count >= MAX_SNOOZES) return { kind: "limit" };
    const member = await this.members.find(actor.teamId, actor.userId);
    const tz = zoneOr(member?.tz, prompt.scheduleTz ?? "UTC");
    const meeting = choice === "meeting" && this.quiet ? await this.quiet.current(actor.teamId, actor.userId, now) : null;
    const target = snoozeUntil(choice, now, { tz, workStartMinute: member?.workStartMinute ?? 540, workDays: member?.workDays ?? [1, 2, 3, 4, 5] }, meeting?.endsAt ?? null);
    const n = origin.count + 1;
    const snoozed = await this.prompts.createAdHoc({
      teamId: actor.teamId,
      scheduleId: prompt.scheduleId,
      slotKey: snoozeSlotKey(origin.rootId, actor.userId, n),
      slotAt: target.at,
      target: actor.userId,
      recipientUserId: actor.userId,
      area: prompt.area,
      exerciseIds: prompt.exerciseIds,
    });
    if (!snoozed.created) return { kind: "already" };
    await deliverTask.schedule(this.queues.deliveries, [{ teamId: actor.teamId, promptId: snoozed.id, delayMs: target.at.getTime() - now.getTime() }]);
    return { kind: "snoozed", at: target.at, tz, choice, fellBack: target.fellBack, left: MAX_SNOOZES - n };
  }

  /** Records that this person skipped this prompt (their Delivery becomes "skipped"). */
  async skip(actor: PromptActor): Promise<SkipResult> {
    const prompt = await this.prompts.findForAction(actor.teamId, actor.promptId);
    if (!prompt) return { kind: "gone" };
    const refusal = await this.refusal(actor, prompt.recipientUserId);
    if (refusal) return refusal;
    const tz = await this.zone(actor, prompt.scheduleTz);
    await this.prompts.recordSkip({ teamId: actor.teamId, promptId: prompt.id, userId: actor.userId, localDate: localDate(prompt.slotAt, tz), reason: "skipped by user" });
    return { kind: "skipped" };
  }

  /** The prompt's exercises (for "How to"), or null when the prompt is gone. */
  async routine(actor: PromptActor): Promise<Routine | null> {
    const prompt = await this.prompts.findForAction(actor.teamId, actor.promptId);
    if (!prompt) return null;
    return routineFromExerciseIds({ areas: prompt.area ? [prompt.area as BodyArea] : [] }, prompt.exerciseIds) ?? null;
  }

  /** A different routine for the same area, just for this person (ephemeral). */
  async another(actor: PromptActor): Promise<RoutineReply | null> {
    const prompt = await this.prompts.findForAction(actor.teamId, actor.promptId);
    if (!prompt) return null;
    return this.routines.another({ teamId: actor.teamId, userId: actor.userId, channelId: actor.channelId }, prompt.area ?? "", prompt.exerciseIds);
  }

  /**
   * A DM prompt is its recipient's alone (its id travels in the button value, so a forwarded or
   * crafted press must not act for them); opted-out people are never recorded or DMed.
   */
  private async refusal(actor: PromptActor, recipientUserId: string | null): Promise<PromptActionRefusal | null> {
    if (recipientUserId && recipientUserId !== actor.userId) return { kind: "not_recipient" };
    const member = await this.members.find(actor.teamId, actor.userId);
    return member?.optedOut ? { kind: "opted_out" } : null;
  }

  private async zone(actor: PromptActor, scheduleTz: string | null): Promise<string> {
    const member = await this.members.find(actor.teamId, actor.userId);
    return zoneOr(member?.tz, scheduleTz ?? "UTC");
  }
}
