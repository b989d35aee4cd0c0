/**
 * Seams between use-cases and the job engine (src/engine). Services depend on these interfaces, the
 * engine implements them, src/services/index.ts wires them: schedules never import BullMQ.
 */

/** Keeps BullMQ job schedulers in line with Postgres, the source of truth. */
export interface ScheduleSync {
  /** After a schedule row was created, edited, paused, resumed or deleted. Idempotent. */
  scheduleChanged(teamId: string, scheduleId: string): Promise<void>;
}

export type PostNowResult =
  | { ok: true; channelId: string }
  /** `limit`: one `/stretch now` prompt is still on its way, or the hourly number is reached (until `retryAt`). */
  | { ok: false; reason: string; limit?: "pending" | "hourly"; retryAt?: Date; perHour?: number; tz?: string };

/** Posts prompts outside the slot grid. */
export interface PromptDispatch {
  /** `/stretch now`: one prompt in this channel (or DM) right away, for whoever asked. */
  postNow(input: { teamId: string; channelId: string; requestedBy: string }): Promise<PostNowResult>;
}
