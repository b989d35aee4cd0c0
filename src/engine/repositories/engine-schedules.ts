import type { Db } from "../../db/client.js";
import type { ScheduleRecord } from "../../db/repositories/schedules.js";

/** What the job engine reads of a schedule (the schedules feature owns writing it). */
export type EngineSchedule = Omit<ScheduleRecord, "targetKey" | "pausedReason" | "ownerNotifiedAt" | "createdAt" | "updatedAt"> & {
  /** False when the workspace uninstalled or its token stopped working. */
  workspaceActive: boolean;
};

const SELECT = {
  id: true,
  teamId: true,
  kind: true,
  channelId: true,
  userId: true,
  createdBy: true,
  intervalMinutes: true,
  times: true,
  windowStartMinute: true,
  windowEndMinute: true,
  days: true,
  tz: true,
  area: true,
  lengthSeconds: true,
  seatedOnly: true,
  active: true,
  pausedUntil: true,
  slotsFrom: true,
  workspace: { select: { active: true } },
} as const;

type Row = Omit<EngineSchedule, "workspaceActive"> & { workspace: { active: boolean } };

function toEngine(row: Row): EngineSchedule {
  const { workspace, ...rest } = row;
  return { ...rest, workspaceActive: workspace.active };
}

/** Schedule reads and the few writes the engine makes (pausing after permanent errors). */
export class EngineScheduleRepository {
  constructor(private readonly db: Db) {}

  async find(id: string): Promise<EngineSchedule | null> {
    const row = await this.db.schedule.findUnique({ where: { id }, select: SELECT });
    return row ? toEngine(row) : null;
  }

  /** Every schedule that should have a job scheduler. */
  async listActive(): Promise<EngineSchedule[]> {
    const rows = await this.db.schedule.findMany({ where: { active: true, workspace: { active: true } }, select: SELECT });
    return rows.map(toEngine);
  }

  /** The first schedule found among these target keys, in the order given (`/stretch now` settings). */
  async forTarget(teamId: string, targetKeys: string[]): Promise<EngineSchedule | null> {
    const rows = await this.db.schedule.findMany({ where: { teamId, targetKey: { in: targetKeys } }, select: { ...SELECT, targetKey: true } });
    for (const key of targetKeys) {
      const row = rows.find((r) => r.targetKey === key);
      if (row) {
        const { targetKey: _key, ...rest } = row;
        return toEngine(rest);
      }
    }
    return null;
  }

  async inChannel(teamId: string, channelId: string): Promise<EngineSchedule[]> {
    const rows = await this.db.schedule.findMany({ where: { teamId, channelId }, select: SELECT });
    return rows.map(toEngine);
  }

  /** The person's own DM schedule and the members schedules of the channels they are in. */
  async involvingUser(teamId: string, userId: string): Promise<EngineSchedule[]> {
    const channels = await this.db.channelMember.findMany({ where: { teamId, userId }, select: { channelId: true } });
    const rows = await this.db.schedule.findMany({
      where: {
        teamId,
        OR: [{ kind: "dm", userId }, { kind: "members", channelId: { in: channels.map((c) => c.channelId) } }],
      },
      select: SELECT,
    });
    return rows.map(toEngine);
  }

  /** Stops a schedule for good (until someone re-enables it). True if it was active. */
  async pause(id: string, reason: string): Promise<boolean> {
    const res = await this.db.schedule.updateMany({ where: { id, active: true }, data: { active: false, pausedReason: reason } });
    return res.count > 0;
  }

  async pauseInChannel(teamId: string, channelId: string, reason: string): Promise<string[]> {
    const rows = await this.db.schedule.findMany({ where: { teamId, channelId, active: true }, select: { id: true } });
    if (rows.length === 0) return [];
    await this.db.schedule.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { active: false, pausedReason: reason } });
    return rows.map((r) => r.id);
  }

  /** The bot token stopped working: every schedule of the workspace stops. */
  async pauseTeam(teamId: string, reason: string): Promise<string[]> {
    const rows = await this.db.schedule.findMany({ where: { teamId, active: true }, select: { id: true } });
    if (rows.length === 0) return [];
    await this.db.schedule.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { active: false, pausedReason: reason } });
    return rows.map((r) => r.id);
  }

  /**
   * Claims the one owner notice of a paused schedule: returns who to tell, or null when someone
   * was told already (ownerNotifiedAt set; the schedules feature clears it on re-enable).
   */
  async takeOwnerNotice(id: string): Promise<{ ownerId: string; kind: EngineSchedule["kind"]; channelId: string | null } | null> {
    const res = await this.db.schedule.updateMany({ where: { id, ownerNotifiedAt: null }, data: { ownerNotifiedAt: new Date() } });
    if (res.count === 0) return null;
    const row = await this.db.schedule.findUnique({ where: { id }, select: { createdBy: true, kind: true, channelId: true } });
    return row ? { ownerId: row.createdBy, kind: row.kind, channelId: row.channelId } : null;
  }
}
