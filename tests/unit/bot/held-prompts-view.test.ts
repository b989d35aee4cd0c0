import { describe, expect, it } from "vitest";
import { heldPromptsLine, withHeldPromptsLine } from "../../../src/bot/views/held-prompts.js";

describe("held prompts line", () => {
  it("says nothing when nothing was held back", () => {
    expect(heldPromptsLine({ counts: [], total: 0 })).toBeNull();
    const message = { text: "x", blocks: [] };
    expect(withHeldPromptsLine(message, { counts: [], total: 0 })).toBe(message);
  });
  it("counts per reason, waited and skipped, with singular and plural", () => {
    const line = heldPromptsLine({
      counts: [
        { reason: "meeting", outcome: "deferred", count: 3 },
        { reason: "away_status", outcome: "skipped", count: 1 },
        { reason: "huddle", outcome: "skipped", count: 2 },
      ],
      total: 6,
    });
    expect(line).toBe(":no_bell: 3 prompts waited for your meetings; 2 prompts were skipped while you were in a huddle; 1 prompt was skipped while you were away this week.");
  });
});
