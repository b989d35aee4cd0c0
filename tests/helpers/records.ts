import type { ScheduleRecord } from "../../src/db/repositories/schedules.js";

/** A schedule row as repositories return it: a channel schedule, every hour 09–17 on weekdays. */
export function scheduleRecord(over: Partial<ScheduleRecord> = {}): ScheduleRecord {
  return {
    id: "8d1f3a52-5f0e-4a4e-9c57-3f1b2a9d0c11",
    teamId: "T1",
    kind: "channel",
    channelId: "C0GENERAL1",
    userId: null,
    targetKey: "channel:C0GENERAL1",
    createdBy: "U0CREATOR1",
    intervalMinutes: 60,
    times: [],
    windowStartMinute: 540,
    windowEndMinute: 1020,
    days: [1, 2, 3, 4, 5],
    tz: "Europe/Warsaw",
    area: null,
    lengthSeconds: 180,
    seatedOnly: false,
    active: true,
    pausedUntil: null,
    slotsFrom: null,
    pausedReason: null,
    ownerNotifiedAt: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...over,
  };
}
