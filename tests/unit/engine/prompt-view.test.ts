import { describe, expect, it } from "vitest";
import { ActionId } from "../../../src/bot/ids.js";
import { promptMessage, REACT_LINE } from "../../../src/bot/views/prompt.js";
import { EXERCISES } from "../../../src/exercises/catalog.js";
import { buildRoutine, createRng, type Routine } from "../../../src/exercises/routine-builder.js";

const PROMPT_ID = "0b6f0a3e-1111-2222-3333-444455556666";

describe("prompt message", () => {
  it("has a header, the routine, total time, the reaction line and the four buttons carrying the prompt id", () => {
    const message = promptMessage({ promptId: PROMPT_ID, routine: buildRoutine({ areas: ["neck"] }, createRng(1)), audience: "channel" });
    const json = JSON.stringify(message.blocks);
    expect(message.blocks[0]!.type).toBe("header");
    expect(json).toContain(REACT_LINE);
    expect(json).toContain("Total about");
    const actions = message.blocks.find((b) => b.type === "actions") as { elements: Array<{ action_id: string; value: string; text: { text: string } }> };
    expect(actions.elements.map((e) => e.action_id)).toEqual([ActionId.promptDone, ActionId.promptSnooze, ActionId.promptSkip, ActionId.promptAnother]);
    expect(actions.elements.every((e) => e.value === PROMPT_ID && e.text.text.length <= 75)).toBe(true);
    expect(message.text).toContain(REACT_LINE);
  });

  it("stays within 50 blocks and 3000-character sections even with the whole catalog", () => {
    const routine: Routine = {
      items: EXERCISES.map((exercise) => ({ exercise, seconds: exercise.estimatedSeconds, sides: exercise.dosage.perSide })),
      totalSeconds: EXERCISES.reduce((n, e) => n + e.estimatedSeconds, 0),
      budgetSeconds: 1200,
      areas: [],
    };
    const message = promptMessage({ promptId: PROMPT_ID, routine, audience: "dm", snoozed: true });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const b of message.blocks) if (b.type === "section") expect(b.text!.text.length).toBeLessThanOrEqual(3000);
    expect(message.blocks.at(-1)!.type).toBe("actions");
  });
});
