import { describe, expect, it } from "vitest";
import { CHECKS, RACE_GRACE_MS, recomputeStreak, runChecks, type CheckInput, type PromptRow, type ScheduleState, type Snapshot } from "../chaos/checks.js";

// The chaos run's verdicts on small, hand-made histories: each broken promise is found, and the
// lenient timing never blames the engine for a race it cannot see.

const T0 = Date.UTC(2030, 0, 7, 12, 0, 0);
const MIN = 60_000;
const SCHEDULE_ID = "11111111-1111-4111-8111-111111111111";
const KEY = "channel:C1";

const on = (over: Partial<ScheduleState> = {}): ScheduleState => ({ id: SCHEDULE_ID, active: true, pausedUntil: null, settings: "1m", ...over });

function snap(sentAt: number, seenAt: number, schedule: ScheduleState | undefined, label = "cmd", members: Snapshot["members"] = new Map()): Snapshot {
  return { sentAt, seenAt, label, schedules: new Map(schedule ? [[KEY, schedule]] : []), members };
}

function prompt(slotAt: number, over: Partial<PromptRow> = {}): PromptRow {
  return {
    id: `00000000-0000-4000-8000-${String(slotAt).slice(-12).padStart(12, "0")}`,
    scheduleId: SCHEDULE_ID,
    slotKey: new Date(slotAt).toISOString(),
    slotAt,
    target: "C1",
    recipientUserId: null,
    channelId: "C1",
    messageTs: `${slotAt / 1000}.000100`,
    status: "posted",
    ...over,
  };
}

function input(snapshots: Snapshot[], prompts: Array<[PromptRow, number[]]>, over: Partial<CheckInput> = {}): CheckInput {
  return {
    snapshots,
    scheduleKeys: new Map([[SCHEDULE_ID, KEY]]),
    prompts: prompts.map(([p]) => p),
    posts: prompts.flatMap(([p, times]) => times.map((at) => ({ channel: p.channelId ?? "C1", ts: p.messageTs ?? "", promptId: p.id, at }))),
    reactions: [],
    donePresses: [],
    completions: [],
    stats: [],
    rawDays: [],
    ...over,
  };
}

const checksOf = (i: CheckInput) => runChecks(i).map((v) => v.check);

describe("chaos checks", () => {
  const created = [snap(T0 - 10 * MIN, T0 - 10 * MIN, undefined, "start"), snap(T0, T0 + 500, on(), "create")];

  it("accepts on-time prompts of a running schedule", () => {
    expect(checksOf(input(created, [[prompt(T0 + MIN), [T0 + MIN + 300]], [prompt(T0 + 2 * MIN), [T0 + 2 * MIN + 200]]]))).toEqual([]);
  });

  it("finds the burst of slots from before the schedule existed", () => {
    expect(checksOf(input(created, [[prompt(T0 - 3 * MIN), [T0 + 30_000]]]))).toEqual([CHECKS.beforeOn]);
  });

  it("finds a second message for one prompt", () => {
    expect(checksOf(input(created, [[prompt(T0 + MIN), [T0 + MIN + 100, T0 + MIN + 4_000]]]))).toEqual([CHECKS.duplicate]);
  });

  it("finds a post well after off, and forgives one racing the command", () => {
    const off = [...created, snap(T0 + MIN + 10_000, T0 + MIN + 11_000, on({ active: false }), "off")];
    expect(checksOf(input(off, [[prompt(T0 + MIN), [T0 + MIN + 30_000]]]))).toEqual([CHECKS.whileOff]);
    expect(checksOf(input(off, [[prompt(T0 + MIN), [T0 + MIN + 11_000 + RACE_GRACE_MS - 100]]]))).toEqual([]);
  });

  it("finds a slot that fell inside a pause, and one posted after turning off and on again", () => {
    const paused = [...created, snap(T0 + 10_000, T0 + 11_000, on({ pausedUntil: T0 + 3 * MIN }), "pause")];
    expect(checksOf(input(paused, [[prompt(T0 + MIN), [T0 + 3 * MIN + 5_000]]]))).toEqual([CHECKS.beforeOn]);
    expect(checksOf(input(paused, [[prompt(T0), [T0 + 2 * MIN]]]))).toEqual([CHECKS.whilePaused]);
    const offOn = [...created, snap(T0 + 10_000, T0 + 11_000, on({ active: false }), "off"), snap(T0 + 20_000, T0 + 21_000, on(), "on")];
    expect(checksOf(input(offOn, [[prompt(T0), [T0 + 40_000]]]))).toEqual([CHECKS.beforeOn]);
  });

  it("finds DMs for opted-out people", () => {
    const optedOut = new Map([["U1", { optedOut: true, pausedUntil: null }]]);
    const snaps = [...created, snap(T0 + 1_000, T0 + 2_000, on(), "optout", optedOut)];
    expect(checksOf(input(snaps, [[prompt(T0 + MIN, { target: "U1", recipientUserId: "U1", channelId: "DU1" }), [T0 + MIN + 100]]]))).toEqual([CHECKS.optedOut]);
    // Opted back in before the post: the slot that fell meanwhile may still come.
    const back = [...snaps, snap(T0 + MIN + 10_000, T0 + MIN + 11_000, on(), "optin", new Map([["U1", { optedOut: false, pausedUntil: null }]]))];
    expect(checksOf(input(back, [[prompt(T0 + MIN, { target: "U1", recipientUserId: "U1", channelId: "DU1" }), [T0 + MIN + 20_000]]]))).toEqual([]);
  });

  it("finds a stale prompt posted after a newer slot of the same target", () => {
    const late = prompt(T0 + MIN);
    const next = prompt(T0 + 2 * MIN);
    expect(checksOf(input(created, [[late, [T0 + 3 * MIN]], [next, [T0 + 2 * MIN + 100]]]))).toEqual([CHECKS.stale]);
  });

  it("finds acknowledged reactions and Done presses that left no completion", () => {
    const p = prompt(T0 + MIN);
    const base = input(created, [[p, [T0 + MIN + 100]]]);
    const reaction = { eventId: "Ev1", kind: "added" as const, userId: "U2", channel: "C1", ts: p.messageTs!, reaction: "muscle", at: T0 + MIN + 5_000, status: 200 };
    expect(checksOf({ ...base, reactions: [reaction] })).toEqual([CHECKS.lostReaction]);
    expect(checksOf({ ...base, reactions: [reaction], completions: [{ promptId: p.id, userId: "U2" }] })).toEqual([]);
    expect(checksOf({ ...base, reactions: [reaction, { ...reaction, eventId: "Ev2", kind: "removed", at: reaction.at + 1 }] })).toEqual([]);
    expect(checksOf({ ...base, reactions: [{ ...reaction, status: 503 }] })).toEqual([]);
    expect(checksOf({ ...base, donePresses: [{ userId: "U3", promptId: p.id, at: T0 + MIN + 9_000, status: 200, reply: "oops" }] })).toEqual([CHECKS.lostDone]);
  });

  it("compares streaks shown with streaks recomputed from raw rows", () => {
    const rawDays = [{ userId: "U1", today: "2030-01-07", deliveredDates: ["2030-01-03", "2030-01-04", "2030-01-06", "2030-01-07"], completedDates: ["2030-01-04", "2030-01-06"] }];
    expect(recomputeStreak(rawDays[0]!)).toEqual({ current: 2, best: 2 });
    expect(checksOf(input(created, [], { rawDays, stats: [{ userId: "U1", current: 2, best: 2 }] }))).toEqual([]);
    expect(checksOf(input(created, [], { rawDays, stats: [{ userId: "U1", current: 3, best: 3 }] }))).toEqual([CHECKS.streak]);
    expect(checksOf(input(created, [], { rawDays, stats: [] }))).toEqual([CHECKS.streak]);
  });
});
