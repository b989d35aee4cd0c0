import { describe, expect, it } from "vitest";
import { ActionId } from "../../../src/bot/ids.js";
import { howToModal, promptMessage, REACT_LINE, snoozedReply } from "../../../src/bot/views/prompt.js";
import { EXERCISES } from "../../../src/exercises/catalog.js";
import { buildRoutine, createRng, type Routine } from "../../../src/exercises/routine-builder.js";

const PROMPT_ID = "0b6f0a3e-1111-2222-3333-444455556666";
type Actions = { type: "actions"; elements: Array<{ action_id: string; value: string; text: { text: string } }> };
const actionIds = (blocks: Array<{ type: string }>) => (blocks.filter((b) => b.type === "actions") as Actions[]).flatMap((b) => b.elements.map((e) => e.action_id));
/** Lines a reader sees: every text of every block, split on newlines (buttons rows count as one line each). */
function visibleLines(blocks: Array<Record<string, unknown>>): number {
  let n = 0;
  for (const b of blocks) {
    if (b.type === "actions") n += 1;
    else if (b.type === "header") n += 1;
    else if (b.type === "section") n += String((b.text as { text: string }).text).split("\n").length;
    else if (b.type === "context") n += (b.elements as Array<{ text: string }>).map((e) => e.text.split("\n").length).reduce((a, c) => a + c, 0);
  }
  return n;
}

const wholeCatalog: Routine = {
  items: EXERCISES.map((exercise) => ({ exercise, seconds: exercise.estimatedSeconds, sides: exercise.dosage.perSide })),
  totalSeconds: EXERCISES.reduce((n, e) => n + e.estimatedSeconds, 0),
  budgetSeconds: 1200,
  areas: [],
};

describe("prompt message", () => {
  it("compact: header, one line per exercise with dosage and time, total, reaction line, buttons carrying the prompt id", () => {
    const routine = buildRoutine({ areas: ["neck"] }, createRng(1));
    const message = promptMessage({ promptId: PROMPT_ID, routine, audience: "channel" });
    const json = JSON.stringify(message.blocks);
    expect(message.blocks[0]!.type).toBe("header");
    expect(json).toContain(REACT_LINE);
    expect(json).toContain("About *");
    for (const item of routine.items) expect(json).toContain(item.exercise.name);
    // No steps inline: those are behind "How to".
    expect(json).not.toContain(routine.items[0]!.exercise.steps[0]!.slice(0, 30));
    expect(actionIds(message.blocks)).toEqual([
      ActionId.promptDone, ActionId.promptHowTo, ActionId.promptSkip, ActionId.promptAnother,
      ActionId.promptSnooze, ActionId.promptSnoozeHour, ActionId.promptSnoozeMeeting, ActionId.promptSnoozeTomorrow,
    ]);
    const buttons = (message.blocks.filter((b) => b.type === "actions") as Actions[]).flatMap((b) => b.elements);
    expect(buttons.every((e) => e.value === PROMPT_ID && e.text.text.length <= 75)).toBe(true);
    expect(message.text).toContain(REACT_LINE);
    expect(visibleLines(message.blocks as unknown as Array<Record<string, unknown>>)).toBeLessThanOrEqual(10);
  });

  it("after the last snooze only Done and Skip are left", () => {
    const message = promptMessage({ promptId: PROMPT_ID, routine: buildRoutine({ areas: ["hips"] }, createRng(2)), audience: "dm", snoozed: true, snoozesLeft: 0 });
    expect(actionIds(message.blocks)).toEqual([ActionId.promptDone, ActionId.promptSkip]);
    expect(JSON.stringify(message.blocks)).toContain("Snoozed 3 times");
  });

  it("full style shows the steps inline", () => {
    const routine = buildRoutine({ areas: ["neck"] }, createRng(1));
    const json = JSON.stringify(promptMessage({ promptId: PROMPT_ID, routine, audience: "dm", style: "full" }).blocks);
    expect(json).toContain(routine.items[0]!.exercise.steps[0]!.slice(0, 30));
  });

  it.each(["compact", "full"] as const)("%s stays within 50 blocks and 3000-character sections even with the whole catalog", (style) => {
    const message = promptMessage({ promptId: PROMPT_ID, routine: wholeCatalog, audience: "dm", snoozed: true, style });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const b of message.blocks) if (b.type === "section") expect(b.text!.text.length).toBeLessThanOrEqual(3000);
    expect(message.blocks.at(-1)!.type).toBe("actions");
  });

  it("How to: a modal with every step and safety cue, within modal limits", () => {
    const routine = buildRoutine({ areas: ["lower back"] }, createRng(3));
    const modal = howToModal(routine);
    const json = JSON.stringify(modal.blocks);
    for (const item of routine.items) {
      for (const step of item.exercise.steps) expect(json).toContain(step.slice(0, 20));
      expect(json).toContain(item.exercise.safety.slice(0, 20));
    }
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    expect(howToModal(wholeCatalog).blocks.length).toBeLessThanOrEqual(100);
  });

  it("snooze replies say the day when it is not today, and when the meeting end was unknown", () => {
    const now = new Date("2030-01-07T10:00:00Z");
    expect(snoozedReply(new Date("2030-01-07T10:15:00Z"), "UTC", { now }).text).toContain("at 10:15");
    expect(snoozedReply(new Date("2030-01-08T09:00:00Z"), "UTC", { now }).text).toContain("on Tuesday at 09:00");
    expect(snoozedReply(new Date("2030-01-07T11:00:00Z"), "UTC", { now, fellBack: true }).text).toContain("made it an hour");
  });
});
