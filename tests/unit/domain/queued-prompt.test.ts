import { describe, expect, it } from "vitest";
import { queuedPromptSkipReason, type QueuedPromptState } from "../../../src/domain/queued-prompt.js";

const SLOT = new Date("2030-01-07T09:00:00Z");
const NOW = new Date("2030-01-07T09:02:00Z");
const state = (over: Partial<QueuedPromptState> = {}): QueuedPromptState => ({
  slotKey: SLOT.toISOString(),
  slotAt: SLOT,
  scheduleFound: true,
  scheduleKind: "members",
  scheduleActive: true,
  schedulePausedUntil: null,
  scheduleSlotsFrom: new Date("2030-01-01T00:00:00Z"),
  schedulePausedReason: null,
  workspaceActive: true,
  isDm: true,
  memberOptedOut: false,
  memberPausedUntil: null,
  memberInChannel: true,
  superseded: false,
  ...over,
});
const at = (iso: string) => new Date(iso);

describe("queuedPromptSkipReason", () => {
  it("lets a prompt go when nothing changed since it was queued", () => {
    expect(queuedPromptSkipReason(state(), NOW)).toBeNull();
  });

  it("names what changed: uninstall, opt-out, off (and why), deletion, pause, restart, leaving, a newer slot", () => {
    expect(queuedPromptSkipReason(state({ workspaceActive: false }), NOW)).toBe("workspace_inactive");
    expect(queuedPromptSkipReason(state({ memberOptedOut: true }), NOW)).toBe("opted_out");
    expect(queuedPromptSkipReason(state({ scheduleActive: false }), NOW)).toBe("schedule_off");
    expect(queuedPromptSkipReason(state({ scheduleActive: false, schedulePausedReason: "channel_archived" }), NOW)).toBe("channel_archived");
    expect(queuedPromptSkipReason(state({ scheduleFound: false }), NOW)).toBe("schedule_deleted");
    expect(queuedPromptSkipReason(state({ schedulePausedUntil: at("2030-01-07T10:00:00Z") }), NOW)).toBe("paused");
    expect(queuedPromptSkipReason(state({ memberPausedUntil: at("2030-01-07T09:01:00Z") }), NOW)).toBe("paused");
    expect(queuedPromptSkipReason(state({ scheduleSlotsFrom: at("2030-01-07T09:00:30Z") }), NOW)).toBe("before_schedule_on");
    expect(queuedPromptSkipReason(state({ memberInChannel: false }), NOW)).toBe("left_channel");
    expect(queuedPromptSkipReason(state({ superseded: true }), NOW)).toBe("superseded");
  });

  it("a pause that ended before the slot holds nothing", () => {
    expect(queuedPromptSkipReason(state({ memberPausedUntil: at("2030-01-07T08:30:00Z"), schedulePausedUntil: at("2030-01-07T08:30:00Z") }), NOW)).toBeNull();
  });

  it("a /stretch now prompt ignores the schedule it borrowed settings from, not opt-out or uninstall", () => {
    const now = state({ slotKey: "now:abc", scheduleActive: false, memberPausedUntil: at("2030-01-07T12:00:00Z"), superseded: true });
    expect(queuedPromptSkipReason(now, NOW)).toBeNull();
    expect(queuedPromptSkipReason({ ...now, memberOptedOut: true }, NOW)).toBe("opted_out");
    expect(queuedPromptSkipReason({ ...now, workspaceActive: false }, NOW)).toBe("workspace_inactive");
    // A snoozed prompt waits out its person's pause.
    expect(queuedPromptSkipReason({ ...now, slotKey: "snooze:p:U1" }, NOW)).toBe("paused");
  });

  it("channel prompts are not held by anyone's opt-out or pause", () => {
    expect(queuedPromptSkipReason(state({ isDm: false, scheduleKind: "channel", memberOptedOut: null, memberPausedUntil: null, memberInChannel: null }), NOW)).toBeNull();
  });
});
