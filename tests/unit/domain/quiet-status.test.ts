import { describe, expect, it } from "vitest";
import {
  AFTER_STATUS_MS,
  applyQuietChange,
  classifyStatus,
  DEFAULT_QUIET_ENTRIES,
  entriesFromStored,
  matchEntry,
  parseQuietStatusCommand,
  QUIET_RECHECK_MS,
  quietVerdict,
  serializeEntry,
  statusFromSlackUser,
  type StoredStatus,
} from "../../../src/domain/quiet-status.js";

const NOW = Date.UTC(2030, 0, 7, 10, 0); // any instant: everything below is relative to it
const min = 60_000;
const status = (s: Partial<StoredStatus>): StoredStatus => ({ text: null, emoji: null, expiresAt: null, inHuddle: false, huddleExpiresAt: null, ...s });
const defaults = DEFAULT_QUIET_ENTRIES;

describe("which statuses mean don't interrupt", () => {
  it.each([
    [":spiral_calendar_pad:", "", "meeting"],
    [":calendar:", "Busy", "meeting"],
    ["", "In a meeting", "meeting"],
    ["", "IN A MEETING", "meeting"],
    ["", "on a call with a client", "meeting"],
    ["", "Na spotkaniu", "meeting"],
    ["", "SPOTKANIE zespołu", "meeting"],
    [":palm_tree:", "", "away"],
    [":face_with_thermometer:", "", "away"],
    [":airplane:", "", "away"],
    ["", "Out of office until Monday", "away"],
    ["", "Vacationing", "away"],
    ["", "Out sick", "away"],
    ["", "Na urlopie", "away"],
    ["", "Urlop!", "away"],
    ["", "chora", "away"],
    ["", "Poza biurem", "away"],
    [":headphones:", "In a huddle", "huddle"],
    [":Palm_Tree::skin-tone-3:", "", "away"],
  ])("emoji %s text %j → %s", (emoji, text, kind) => {
    expect(matchEntry(text || null, emoji || null, defaults)).toBe(kind);
  });

  it.each([
    ["", "Working remotely"],
    [":house_with_garden:", "WFH"],
    ["", "recalling the past"],
    ["", ""],
    [":coffee:", "Coffee break"],
  ])("emoji %s text %j is not quiet", (emoji, text) => {
    expect(matchEntry(text || null, emoji || null, defaults)).toBeNull();
  });

  it("an expired status no longer counts, a huddle counts until its own expiry", () => {
    expect(classifyStatus(status({ text: "In a meeting", expiresAt: new Date(NOW - 1) }), defaults, NOW)).toBeNull();
    expect(classifyStatus(status({ text: "In a meeting", expiresAt: new Date(NOW + 30 * min) }), defaults, NOW)).toEqual({ kind: "meeting", endsAt: new Date(NOW + 30 * min) });
    expect(classifyStatus(status({ inHuddle: true }), defaults, NOW)).toEqual({ kind: "huddle", endsAt: null });
    expect(classifyStatus(status({ inHuddle: true, huddleExpiresAt: new Date(NOW - 1) }), defaults, NOW)).toBeNull();
    // A huddle counts even with an empty workspace list.
    expect(classifyStatus(status({ inHuddle: true }), [], NOW)?.kind).toBe("huddle");
    expect(classifyStatus(status({ text: "In a meeting" }), [], NOW)).toBeNull();
  });
});

describe("deferral or skip around the working window", () => {
  const windowEnd = new Date(NOW + 60 * min);
  it("defers until a known end inside the window", () => {
    expect(quietVerdict({ kind: "meeting", endsAt: new Date(NOW + 30 * min) }, windowEnd, NOW)).toEqual({ kind: "defer", until: new Date(NOW + 30 * min + AFTER_STATUS_MS), reason: "meeting" });
    expect(quietVerdict({ kind: "away", endsAt: new Date(NOW + 50 * min) }, windowEnd, NOW)).toEqual({ kind: "defer", until: new Date(NOW + 50 * min + AFTER_STATUS_MS), reason: "away_status" });
  });
  it("skips with the reason when the end is at or past the window's end", () => {
    expect(quietVerdict({ kind: "meeting", endsAt: new Date(NOW + 60 * min) }, windowEnd, NOW)).toEqual({ kind: "skip", reason: "meeting" });
    expect(quietVerdict({ kind: "away", endsAt: new Date(NOW + 3 * 86_400_000) }, windowEnd, NOW)).toEqual({ kind: "skip", reason: "away_status" });
  });
  it("a meeting or huddle with no known end is looked at again later; an absence with no end is skipped", () => {
    expect(quietVerdict({ kind: "huddle", endsAt: null }, windowEnd, NOW)).toEqual({ kind: "defer", until: new Date(NOW + QUIET_RECHECK_MS), reason: "huddle" });
    expect(quietVerdict({ kind: "meeting", endsAt: null }, windowEnd, NOW)).toEqual({ kind: "defer", until: new Date(NOW + QUIET_RECHECK_MS), reason: "meeting" });
    expect(quietVerdict({ kind: "meeting", endsAt: null }, new Date(NOW + 10 * min), NOW)).toEqual({ kind: "skip", reason: "meeting" });
    expect(quietVerdict({ kind: "away", endsAt: null }, windowEnd, NOW)).toEqual({ kind: "skip", reason: "away_status" });
  });
  it("no quiet status: ok", () => {
    expect(quietVerdict(null, windowEnd, NOW)).toEqual({ kind: "ok" });
  });
});

describe("Slack's user object", () => {
  it("reads status, expiry and huddle; 0 means no expiry", () => {
    const s = statusFromSlackUser({ id: "U1", profile: { status_text: "In a meeting", status_emoji: ":calendar:", status_expiration: NOW / 1000 + 600, huddle_state: "default_unset", huddle_state_expiration_ts: 0 } });
    expect(s).toEqual({ text: "In a meeting", emoji: ":calendar:", expiresAt: new Date(NOW + 600_000), inHuddle: false, huddleExpiresAt: null });
    expect(statusFromSlackUser({ id: "U1", profile: { status_text: "", status_emoji: "", status_expiration: 0, huddle_state: "in_a_huddle" } })).toEqual(status({ inHuddle: true }));
  });
});

describe("/stretch quiet-statuses", () => {
  it("show, default, none", () => {
    expect(parseQuietStatusCommand("")).toEqual({ kind: "show" });
    expect(parseQuietStatusCommand("Default")).toEqual({ kind: "reset" });
    expect(parseQuietStatusCommand("none")).toEqual({ kind: "set", entries: [] });
  });
  it("a whole list with kinds, quoted phrases, curly quotes and emoji", () => {
    expect(parseQuietStatusCommand(`:calendar: “In a Meeting” away :palm_tree: "Out of office" huddle :headphones:`)).toEqual({
      kind: "set",
      entries: [
        { kind: "meeting", emoji: "calendar" },
        { kind: "meeting", phrase: "in a meeting" },
        { kind: "away", emoji: "palm_tree" },
        { kind: "away", phrase: "out of office" },
        { kind: "huddle", emoji: "headphones" },
      ],
    });
  });
  it("add and remove change the current list; a re-added entry takes its new kind", () => {
    const current = entriesFromStored(["meeting :calendar:", "away out of office"]);
    const added = parseQuietStatusCommand(`add away :calendar: "focus time"`);
    expect(added.kind).toBe("add");
    if (added.kind !== "add") return;
    const after = applyQuietChange(current, added);
    expect(after.map(serializeEntry)).toEqual(["away :calendar:", "away out of office", "away focus time"]);
    const removed = parseQuietStatusCommand(`remove :calendar:`);
    if (removed.kind !== "remove") throw new Error("expected remove");
    expect(applyQuietChange(after, removed).map(serializeEntry)).toEqual(["away out of office", "away focus time"]);
  });
  it("a manager's list replaces the defaults entirely", () => {
    const custom = entriesFromStored(["meeting focus time"]);
    expect(matchEntry("Focus time", null, custom)).toBe("meeting");
    expect(matchEntry("In a meeting", ":calendar:", custom)).toBeNull();
    expect(entriesFromStored(null).length).toBe(DEFAULT_QUIET_ENTRIES.length);
    expect(entriesFromStored(["garbage line", "away :x:"])).toEqual([{ kind: "away", emoji: "x" }]);
  });
  it("bad input gets a clear problem", () => {
    expect(parseQuietStatusCommand("add")).toMatchObject({ kind: "invalid" });
    expect(parseQuietStatusCommand(`"  "`)).toMatchObject({ kind: "invalid" });
    expect(parseQuietStatusCommand(`"${"x".repeat(80)}"`)).toMatchObject({ kind: "invalid" });
  });
});
