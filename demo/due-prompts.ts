import type { Db } from "../src/db/client.js";
import { ChannelMemberRepository } from "../src/db/repositories/channel-members.js";
import { EngineScheduleRepository, type EngineSchedule } from "../src/db/repositories/engine-schedules.js";
import { MemberRepository } from "../src/db/repositories/members.js";
import { intersectWithWorkHours, nextSlot } from "../src/domain/slots.js";
import type { SlotFanout } from "../src/services/engine/fanout.js";
import { ruleOf, zoneOr } from "../src/services/engine/schedule-sync.js";

/**
 * "Send due prompts now": each active schedule's next slot (for a members schedule, each member's
 * next slot in their own zone and hours) is fanned out at once by the engine's own use-case, which
 * writes the Prompt rows and queues the deliveries exactly as the slot job would. When the real
 * slot comes, its fan-out finds those rows and sends nothing twice (one Prompt per slot and target).
 *
 * Until the engine takes an injectable clock (issue 8), the prompts go out now but carry their
 * slot's time; with that clock the demo can advance an offset clock instead.
 */
export async function sendDuePrompts(deps: { db: Db; fanout: Pick<SlotFanout, "fanOut">; now?: Date }): Promise<string> {
  const now = deps.now ?? new Date();
  const schedules = (await new EngineScheduleRepository(deps.db).listActive()).filter((s) => s.workspaceActive);
  if (schedules.length === 0) return "No active schedule yet: make one with /stretch schedule (or its Edit button).";
  let recipients = 0;
  let queued = 0;
  const lines: string[] = [];
  for (const schedule of schedules) {
    for (const slotAt of await nextSlots(deps.db, schedule, now)) {
      const result = await deps.fanout.fanOut(schedule.id, slotAt);
      recipients += result.recipients;
      queued += result.enqueued;
    }
  }
  lines.push(`${queued} prompt${queued === 1 ? "" : "s"} queued for ${schedules.length} schedule${schedules.length === 1 ? "" : "s"}`);
  if (queued < recipients) lines.push(`${recipients - queued} already sent for that slot`);
  return `${lines.join("; ")}.`;
}

async function nextSlots(db: Db, s: EngineSchedule, now: Date): Promise<Date[]> {
  const rule = ruleOf(s);
  const scheduleTz = zoneOr(s.tz, "UTC");
  const instants: Array<Date | null> = [];
  if (s.kind === "channel") instants.push(nextSlot(rule, scheduleTz, now));
  else if (s.kind === "dm" && s.userId) {
    const member = await new MemberRepository(db).find(s.teamId, s.userId);
    instants.push(nextSlot(rule, zoneOr(member?.tz, scheduleTz), now));
  } else if (s.kind === "members" && s.channelId) {
    for (const person of await new ChannelMemberRepository(db).recipients(s.teamId, s.channelId, now)) {
      instants.push(nextSlot(intersectWithWorkHours(rule, person), zoneOr(person.tz, scheduleTz), now));
    }
  }
  const distinct = new Set(instants.filter((d): d is Date => d !== null).map((d) => d.getTime()));
  return [...distinct].sort((a, b) => a - b).map((t) => new Date(t));
}
