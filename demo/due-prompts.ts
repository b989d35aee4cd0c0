import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "../src/db/client.js";
import { ChannelMemberRepository } from "../src/engine/repositories/channel-members.js";
import { EngineScheduleRepository, type EngineSchedule } from "../src/engine/repositories/engine-schedules.js";
import { MemberRepository } from "../src/db/repositories/members.js";
import { intersectWithWorkHours, nextSlot } from "../src/domain/slots.js";
import type { Reconciler } from "../src/engine/reconcile.js";
import { ruleOf, zoneOr } from "../src/engine/schedule-sync.js";
import { OffsetClock } from "../src/time/clock.js";

/**
 * The reconciler fans out a missed slot once it is at least this old (its grace minute), so the
 * clock moves a little past the slot.
 */
const PAST_SLOT_MS = 61_000;

/**
 * "Send due prompts now": the demo's world (the app's engine and the workspace) runs on one offset
 * clock. Pressing the button moves that clock to just after the next moment any active schedule
 * is due (for a members schedule, any member in their own zone and hours) and runs the engine's
 * reconciler, which fans out that slot exactly as it catches up a missed one. Prompts therefore
 * carry the right slot, each person's routine of the day advances, and nothing is sent twice.
 */
export async function sendDuePrompts(deps: {
  db: Db;
  clock: OffsetClock;
  reconciler: Pick<Reconciler, "reconcileAll">;
  /** Called after the clock moved (the launcher saves the offset). */
  onAdvance?: () => void;
}): Promise<string> {
  const now = deps.clock.now();
  const schedules = (await new EngineScheduleRepository(deps.db).listActive()).filter((s) => s.workspaceActive && !(s.pausedUntil && s.pausedUntil > now));
  if (schedules.length === 0) return "No active schedule yet: make one with /stretch schedule (or its Edit button).";
  const next = (await Promise.all(schedules.map((s) => nextSlots(deps.db, s, now)))).flat().sort((a, b) => a.getTime() - b.getTime())[0];
  if (!next) return "No schedule has a slot in the next 8 days (check their days and hours).";
  deps.clock.set(new Date(next.getTime() + PAST_SLOT_MS));
  deps.onAdvance?.();
  const report = await deps.reconciler.reconcileAll(deps.clock.now());
  const when = next.toISOString().slice(0, 16).replace("T", " ");
  return `Clock moved to ${when} UTC: ${report.caughtUp} schedule${report.caughtUp === 1 ? "" : "s"} due, prompts on their way.`;
}

/** The next slot of each target of `s` after `now` (one for a channel or DM, one per member). */
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
  return instants.filter((d): d is Date => d !== null);
}

/** The demo's clock, its offset kept in `<dataDir>/clock.json` so a restart keeps the demo's time. */
export function persistentClock(dataDir: string): { clock: OffsetClock; save(): void } {
  const file = join(dataDir, "clock.json");
  const saved = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { offsetMs?: number }).offsetMs ?? 0 : 0;
  const clock = new OffsetClock(new Date(Date.now() + saved));
  return {
    clock,
    save: () => writeFileSync(file, `${JSON.stringify({ offsetMs: clock.now().getTime() - Date.now() })}\n`),
  };
}
