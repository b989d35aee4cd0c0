import { describe, expect, it } from "vitest";
import type { AppAnswer, AppLink } from "../../demo/workspace/app-link.js";
import { PEOPLE } from "../../demo/workspace/seed.js";
import { WorkspaceState } from "../../demo/workspace/state.js";
import { StatusControls, expiryInstant, normalizeEmoji, parseChange } from "../../demo/workspace/statuses.js";

/**
 * The simulated workspace's statuses on a clock the test moves: expiry as Slack computes it, a
 * status that expires is cleared and announced, DND ends by itself. (Events over HTTP, signatures
 * and the Web API's answers: tests/integration/demo-workspace.test.ts.)
 */
const MAYA = PEOPLE.find((p) => p.handle === "maya")!; // America/New_York
const YUKI = PEOPLE.find((p) => p.handle === "yuki")!; // Asia/Tokyo

function setUp(start: Date) {
  let now = start;
  const state = new WorkspaceState(undefined, () => now);
  const events: Array<Record<string, unknown>> = [];
  const app = { event: async (e: Record<string, unknown>): Promise<AppAnswer> => (events.push(e), { status: 200, json: undefined, text: "" }) } as unknown as AppLink;
  const problems: string[] = [];
  const controls = new StatusControls(state, app, (p) => problems.push(p));
  return { state, events, problems, controls, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe("statuses in the simulated workspace", () => {
  it("'Today' ends at midnight in the person's own zone; minutes count from the workspace's clock", () => {
    const at = new Date("2031-03-14T20:00:00Z"); // 16:00 in New York, 05:00 next day in Tokyo
    expect(new Date(expiryInstant("today", MAYA, at) * 1000).toISOString()).toBe("2031-03-15T04:00:00.000Z");
    expect(new Date(expiryInstant("today", YUKI, at) * 1000).toISOString()).toBe("2031-03-15T15:00:00.000Z");
    expect(expiryInstant(30, MAYA, at) * 1000 - at.getTime()).toBe(30 * 60_000);
    expect(expiryInstant("never", MAYA, at)).toBe(0);
  });

  it("reads what the page sends, and refuses what it cannot be", () => {
    expect(normalizeEmoji(" :Palm_Tree: ")).toBe(":palm_tree:");
    expect(normalizeEmoji("coffee")).toBe(":coffee:");
    expect(parseChange({ kind: "status", emoji: ":calendar:", text: "Standup", expires: "30" })).toEqual({ kind: "status", emoji: ":calendar:", text: "Standup", expires: 30 });
    expect(parseChange({ kind: "status", emoji: "", text: "x", expires: "-5" })).toBeNull();
    expect(parseChange({ kind: "dnd", minutes: "soon" })).toBeNull();
    expect(parseChange({ kind: "shout" })).toBeNull();
  });

  it("a status that expires is cleared and the app is told, as Slack does; DND ends by itself", async () => {
    const w = setUp(new Date("2031-03-14T14:00:00Z"));
    await w.controls.change(MAYA.id, { kind: "status", emoji: ":spiral_calendar_pad:", text: "In a meeting", expires: 30 });
    await w.controls.change(MAYA.id, { kind: "dnd", minutes: 45 });
    expect(w.events.map((e) => e.type)).toEqual(["user_status_changed", "user_change", "dnd_updated_user"]);

    w.advance(29 * 60_000);
    await w.controls.clearExpired();
    expect(w.events).toHaveLength(3);
    expect(w.state.statusOf(MAYA.id)).toMatchObject({ text: "In a meeting", dndUntil: Date.parse("2031-03-14T14:45:00Z") / 1000 });

    w.advance(2 * 60_000);
    await w.controls.clearExpired();
    expect(w.events.slice(3).map((e) => e.type)).toEqual(["user_status_changed", "user_change"]);
    expect(w.events[3]).toMatchObject({ user: { id: MAYA.id, profile: { status_text: "", status_emoji: "", status_expiration: 0 } } });
    expect(w.state.statusOf(MAYA.id)).toMatchObject({ text: "", emoji: "", dndUntil: Date.parse("2031-03-14T14:45:00Z") / 1000 });

    w.advance(15 * 60_000);
    expect(w.state.statusOf(MAYA.id)).toMatchObject({ dndUntil: 0, dndSince: 0 });
    await w.controls.clearExpired();
    expect(w.events).toHaveLength(5);
    expect(w.problems).toEqual([]);
  });

  it("a status without emoji gets Slack's speech balloon; one without emoji or text is refused", async () => {
    const w = setUp(new Date("2031-03-14T14:00:00Z"));
    expect(await w.controls.change(YUKI.id, { kind: "status", emoji: "", text: "Focus time", expires: "never" })).toMatchObject({ ok: true });
    expect(w.state.statusOf(YUKI.id)).toMatchObject({ emoji: ":speech_balloon:", text: "Focus time", expiration: 0 });
    expect(await w.controls.change(YUKI.id, { kind: "status", emoji: " ", text: " ", expires: 30 })).toMatchObject({ ok: false });
    expect(w.events.map((e) => e.type)).toEqual(["user_status_changed", "user_change"]);
  });
});
