import { describe, expect, it } from "vitest";
import { judgeCompletion, normalizeReaction, reactionCounts, type CompletionAttempt } from "../../../src/domain/completion-rules.js";
import { completionWindow, weekAndMonthStart } from "../../../src/domain/completion-window.js";
import { localDate } from "../../../src/time/zones.js";

const base: CompletionAttempt = {
  prompt: { recipientUserId: null, promptAt: new Date("2026-03-10T09:00:00Z"), promptTz: "Europe/Warsaw" },
  person: { tz: "Europe/Warsaw", workEndMinute: 17 * 60, optedOut: false, isBot: false },
  userId: "U0ALICE001",
  reaction: "muscle",
  allowedReactions: [],
  at: new Date("2026-03-10T12:00:00Z"),
};

describe("completionWindow", () => {
  it("closes at the end of the person's working day in their zone", () => {
    const w = completionWindow({ promptAt: new Date("2026-03-10T09:00:00Z"), memberTz: "Europe/Warsaw", workEndMinute: 1020 });
    expect(w).toEqual({ localDate: "2026-03-10", closesAt: new Date("2026-03-10T16:00:00Z"), tz: "Europe/Warsaw" });
  });

  it("uses the person's calendar day, which may differ from UTC's", () => {
    const w = completionWindow({ promptAt: new Date("2026-03-10T23:30:00Z"), memberTz: "Asia/Tokyo", workEndMinute: 1020 });
    expect(w.localDate).toBe("2026-03-11");
    expect(w.closesAt).toEqual(new Date("2026-03-11T08:00:00Z"));
  });

  it("a prompt that reached someone after their day ended stays open until their midnight", () => {
    const w = completionWindow({ promptAt: new Date("2026-03-10T17:30:00Z"), memberTz: "Europe/Warsaw", workEndMinute: 1020 });
    expect(w.closesAt).toEqual(new Date("2026-03-10T23:00:00Z"));
  });

  it("unknown zone: the prompt's zone until midnight; invalid zones fall back to UTC", () => {
    expect(completionWindow({ promptAt: new Date("2026-03-10T09:00:00Z"), memberTz: null, workEndMinute: 1020, promptTz: "America/New_York" })).toEqual({
      localDate: "2026-03-10",
      closesAt: new Date("2026-03-11T04:00:00Z"),
      tz: "America/New_York",
    });
    expect(completionWindow({ promptAt: new Date("2026-03-10T09:00:00Z"), memberTz: "Mars/Olympus", workEndMinute: 1020, promptTz: "nope" }).tz).toBe("UTC");
  });

  it("trusts the engine's Delivery.localDate for the day", () => {
    const w = completionWindow({ promptAt: new Date("2026-03-10T09:00:00Z"), memberTz: "Europe/Warsaw", workEndMinute: 1020, deliveredLocalDate: "2026-03-09" });
    expect(w.localDate).toBe("2026-03-09");
  });

  it("handles a DST change day (Europe/Warsaw springs forward on 2026-03-29)", () => {
    const w = completionWindow({ promptAt: new Date("2026-03-29T08:00:00Z"), memberTz: "Europe/Warsaw", workEndMinute: 1020 });
    expect(w.closesAt).toEqual(new Date("2026-03-29T15:00:00Z"));
  });

  it("local dates, weeks and months", () => {
    expect(localDate(new Date("2026-03-10T23:30:00Z"), "Asia/Tokyo")).toBe("2026-03-11");
    expect(localDate(new Date("2026-03-10T23:30:00Z"), null)).toBe("2026-03-10");
    expect(weekAndMonthStart("2026-11-19")).toEqual({ weekStart: "2026-11-16", monthStart: "2026-11-01" });
    expect(weekAndMonthStart("2026-11-16")).toEqual({ weekStart: "2026-11-16", monthStart: "2026-11-01" });
    expect(weekAndMonthStart("2026-11-01")).toEqual({ weekStart: "2026-10-26", monthStart: "2026-11-01" });
  });
});

describe("judgeCompletion", () => {
  it("accepts a reaction inside the window, with the person's local date", () => {
    expect(judgeCompletion(base)).toEqual({ ok: true, localDate: "2026-03-10" });
  });

  it("refuses bots, opted-out people, non-recipients of DMs, uncounted emoji and late ones", () => {
    expect(judgeCompletion({ ...base, person: { ...base.person!, isBot: true } })).toEqual({ ok: false, reason: "bot" });
    expect(judgeCompletion({ ...base, person: { ...base.person!, optedOut: true } })).toEqual({ ok: false, reason: "opted_out" });
    expect(judgeCompletion({ ...base, prompt: { ...base.prompt, recipientUserId: "U0BOB00001" } })).toEqual({ ok: false, reason: "not_recipient" });
    expect(judgeCompletion({ ...base, prompt: { ...base.prompt, recipientUserId: "U0ALICE001" } }).ok).toBe(true);
    expect(judgeCompletion({ ...base, allowedReactions: ["white_check_mark"] })).toEqual({ ok: false, reason: "emoji_not_counted" });
    expect(judgeCompletion({ ...base, at: new Date("2026-03-10T16:00:00Z") })).toEqual({ ok: false, reason: "late" });
    expect(judgeCompletion({ ...base, at: new Date("2026-03-10T15:59:59Z") }).ok).toBe(true);
  });

  it("the Done button (no emoji) ignores the emoji list; unknown people get the defaults", () => {
    expect(judgeCompletion({ ...base, reaction: undefined, allowedReactions: ["white_check_mark"] }).ok).toBe(true);
    expect(judgeCompletion({ ...base, person: null }).ok).toBe(true);
  });
});

describe("reactionCounts", () => {
  it("any emoji when the list is empty; skin tones and colons do not matter", () => {
    expect(reactionCounts("anything", [])).toBe(true);
    expect(reactionCounts("+1::skin-tone-5", ["+1"])).toBe(true);
    expect(reactionCounts("muscle", [":muscle:"])).toBe(true);
    expect(reactionCounts("Muscle", ["muscle"])).toBe(true);
    expect(reactionCounts("tada", ["muscle", "raised_hands"])).toBe(false);
    expect(normalizeReaction(":raised_hands::skin-tone-2:")).toBe("raised_hands");
  });
});
