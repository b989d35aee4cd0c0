import { describe, expect, it } from "vitest";
import { doneConfirmationMessage, doneRefusedMessage, milestoneMessage } from "../../../src/bot/views/completions.js";
import { forgetMeConfirmMessage, forgottenMessage } from "../../../src/bot/views/privacy.js";
import { statsMessage } from "../../../src/bot/views/stats.js";
import { ActionId } from "../../../src/bot/ids.js";

const period = (completed: number, delivered: number, completedOfDelivered: number) => ({
  completed,
  delivered,
  completedOfDelivered,
  rate: delivered > 0 ? completedOfDelivered / delivered : null,
});

describe("completion, stats and privacy views", () => {
  it("Done confirmation shows the streak", () => {
    expect(doneConfirmationMessage(4).text).toBe("Nice! 4-day streak :fire:");
    expect(doneConfirmationMessage(1).text).toContain("today's stretch done");
    for (const reason of ["not_recipient", "late", "opted_out", "missing"] as const) expect(doneRefusedMessage(reason).text.length).toBeGreaterThan(20);
  });

  it("milestone DMs name the milestone; 66 mentions the habit figure", () => {
    expect(milestoneMessage(5).text).toContain("5-day");
    expect(JSON.stringify(milestoneMessage(66).blocks)).toContain("habit");
  });

  it("stats: figures with rates, and a friendly empty state", () => {
    const message = statsMessage({
      today: "2026-11-19",
      week: period(3, 5, 2),
      month: period(5, 7, 4),
      allTime: period(6, 8, 5),
      streak: { current: 2, best: 3 },
      topAreas: [{ area: "neck", count: 3 }],
      empty: false,
    });
    const body = JSON.stringify(message.blocks);
    expect(body).toContain("2-day streak");
    expect(body).toContain("2 of 5 prompts (40%)");
    expect(body).toContain("neck (3)");
    const empty = statsMessage({ today: "2026-11-19", week: period(0, 0, 0), month: period(0, 0, 0), allTime: period(0, 0, 0), streak: { current: 0, best: 0 }, topAreas: [], empty: true });
    expect(empty.text).toContain("No stretches recorded yet");
  });

  it("forget-me asks with a danger button and reports counts in words", () => {
    const ask = JSON.stringify(forgetMeConfirmMessage().blocks);
    expect(ask).toContain(ActionId.forgetMeConfirm);
    expect(ask).toContain('"style":"danger"');
    const counts = { profile: 1, completions: 12, reactions: 1, deliveries: 0, milestones: 0, routineRequests: 0, channelMemberships: 0, digests: 0, dmSchedules: 0, dmPrompts: 0 };
    expect(forgottenMessage({ counts, deletedScheduleIds: [], keptOptOut: false }).text).toBe("Done. Deleted: 1 profile, 12 completions, 1 prompt reaction.");
    const none = { ...counts, profile: 0, completions: 0, reactions: 0 };
    expect(forgottenMessage({ counts: none, deletedScheduleIds: [], keptOptOut: false }).text).toContain("nothing to delete");
  });
});
