import type { SlackMessage } from "../../bot/views/message.js";
import type { MemberRepository } from "../../db/repositories/members.js";
import type { PromptRepository } from "../../db/repositories/prompts.js";
import { localDate } from "../../domain/slots.js";
import { DELIVER_JOB_OPTIONS, JobName, jobIds, type EngineQueues } from "../../jobs/queues.js";
import { systemClock, type Clock } from "../../time/clock.js";
import type { RoutineService } from "../routine-service.js";
import { zoneOr } from "./schedule-sync.js";

/** Snooze sends the prompt again by DM after this long. */
export const SNOOZE_MS = 15 * 60_000;

export interface PromptActor {
  teamId: string;
  promptId: string;
  userId: string;
  channelId?: string | undefined;
}

/** Why a button press on a prompt changes nothing: someone else's DM prompt, or an opted-out person. */
export type PromptActionRefusal = { kind: "not_recipient" } | { kind: "opted_out" };
export type SnoozeResult = { kind: "snoozed"; at: Date; tz: string } | { kind: "already" } | { kind: "gone" } | PromptActionRefusal;
export type SkipResult = { kind: "skipped" } | { kind: "gone" } | PromptActionRefusal;

/** The Snooze, Skip and Another routine buttons of a prompt (Done belongs to completions). */
export class PromptActions {
  constructor(
    private readonly prompts: PromptRepository,
    private readonly members: MemberRepository,
    private readonly routines: RoutineService,
    private readonly queues: EngineQueues,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * A new DM prompt for this person in 15 minutes (same routine). Keyed by (prompt, person), so a
   * double click or a retried interaction snoozes once.
   */
  async snooze(actor: PromptActor, now = this.clock.now()): Promise<SnoozeResult> {
    const prompt = await this.prompts.findForAction(actor.teamId, actor.promptId);
    if (!prompt) return { kind: "gone" };
    const refusal = await this.refusal(actor, prompt.recipientUserId);
    if (refusal) return refusal;
    const at = new Date(now.getTime() + SNOOZE_MS);
    const snoozed = await this.prompts.createAdHoc({
      teamId: actor.teamId,
      scheduleId: prompt.scheduleId,
      slotKey: `snooze:${prompt.id}:${actor.userId}`,
      slotAt: at,
      target: actor.userId,
      recipientUserId: actor.userId,
      area: prompt.area,
      exerciseIds: prompt.exerciseIds,
    });
    if (!snoozed.created) return { kind: "already" };
    await this.queues.deliveries.add(
      JobName.deliver,
      { teamId: actor.teamId, promptId: snoozed.id },
      { ...DELIVER_JOB_OPTIONS, jobId: jobIds.deliver(snoozed.id), delay: SNOOZE_MS },
    );
    return { kind: "snoozed", at, tz: await this.zone(actor, prompt.scheduleTz) };
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

  /** A different routine for the same area, just for this person (ephemeral). */
  async another(actor: PromptActor): Promise<SlackMessage | null> {
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
