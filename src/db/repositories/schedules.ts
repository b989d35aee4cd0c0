import type { Db } from "../client.js";

export type ScheduleKindValue = "channel" | "members" | "dm";

/** A schedule row as services see it (plain object). */
export interface ScheduleRecord {
  id: string;
  teamId: string;
  kind: ScheduleKindValue;
  channelId: string | null;
  userId: string | null;
  targetKey: string;
  createdBy: string;
  intervalMinutes: number | null;
  times: string[];
  windowStartMinute: number;
  windowEndMinute: number;
  days: number[];
  tz: string;
  area: string | null;
  lengthSeconds: number;
  seatedOnly: boolean;
  active: boolean;
  pausedUntil: Date | null;
  /** No slot before this instant is posted (set on create, turn on, resume, timing change). */
  slotsFrom: Date | null;
  pausedReason: string | null;
  ownerNotifiedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What a create-or-update writes: the target, who owns it, and the settings. */
export type ScheduleWrite = Omit<ScheduleRecord, "id" | "active" | "pausedUntil" | "slotsFrom" | "pausedReason" | "ownerNotifiedAt" | "createdAt" | "updatedAt">;

/** `channel:<C>`, `members:<C>`, `dm:<U>`: one schedule per target and workspace. */
export function targetKeyOf(kind: ScheduleKindValue, id: string): string {
  return `${kind}:${id}`;
}

export class ScheduleRepository {
  constructor(private readonly db: Db) {}

  async findByTarget(teamId: string, targetKey: string): Promise<ScheduleRecord | null> {
    return this.db.schedule.findUnique({ where: { teamId_targetKey: { teamId, targetKey } } });
  }

  async findById(teamId: string, id: string): Promise<ScheduleRecord | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null; // not a uuid: Postgres would reject the cast
    return this.db.schedule.findFirst({ where: { id, teamId } });
  }

  /** Schedules for these targets (active or not), in the order of the keys given. */
  async findByTargets(teamId: string, targetKeys: string[]): Promise<ScheduleRecord[]> {
    const rows = await this.db.schedule.findMany({ where: { teamId, targetKey: { in: targetKeys } } });
    return targetKeys.map((k) => rows.find((r) => r.targetKey === k)).filter((r): r is ScheduleRecord => r !== undefined);
  }

  /**
   * Creates the target's schedule or replaces its settings, turning it on and clearing any pause
   * or stop reason: saving a schedule means "run this from now on". `slotsFrom` (when its slots
   * start counting) is given when it is created, turned on or has its timing changed.
   */
  async upsert(write: ScheduleWrite, slotsFrom?: Date): Promise<ScheduleRecord> {
    const { teamId, targetKey, ...rest } = write;
    const fresh = { active: true, pausedUntil: null, pausedReason: null, ownerNotifiedAt: null, ...(slotsFrom ? { slotsFrom } : {}) };
    return this.db.schedule.upsert({
      where: { teamId_targetKey: { teamId, targetKey } },
      create: { teamId, targetKey, ...rest, slotsFrom: slotsFrom ?? new Date() },
      update: { ...rest, ...fresh },
    });
  }

  async setActive(teamId: string, id: string, active: boolean): Promise<ScheduleRecord> {
    await this.db.schedule.updateMany({ where: { id, teamId }, data: { active } });
    return (await this.findById(teamId, id))!;
  }

  /**
   * Pause until an instant (null = resume at `now`). Resuming also clears a stop reason so prompts
   * restart, from `now` on: slots that fell inside the pause are never posted.
   */
  async setPausedUntil(teamId: string, ids: string[], pausedUntil: Date | null, now: Date = new Date()): Promise<void> {
    if (ids.length === 0) return;
    const data = pausedUntil ? { pausedUntil } : { pausedUntil: null, pausedReason: null, ownerNotifiedAt: null, slotsFrom: now };
    await this.db.schedule.updateMany({ where: { teamId, id: { in: ids } }, data });
  }
}
