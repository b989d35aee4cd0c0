import { describe, expect, it } from "vitest";
import { helpMessage } from "../../../src/bot/views/help.js";
import { heldPromptsLine } from "../../../src/bot/views/held-prompts.js";
import { languageSettingMessage } from "../../../src/bot/views/language-setting.js";
import { quietStatusSettingMessage } from "../../../src/bot/views/quiet-status-setting.js";
import { DEFAULT_QUIET_ENTRIES } from "../../../src/domain/quiet-status.js";
import { howToModal, promptMessage, skippedReply, snoozedReply, snoozeLimitReply } from "../../../src/bot/views/prompt.js";
import { exerciseDetailMessage, listMessage, routineMessage, unknownMessage } from "../../../src/bot/views/routine.js";
import { statsMessage } from "../../../src/bot/views/stats.js";
import { EXERCISES } from "../../../src/exercises/catalog.js";
import { buildRoutine, createRng, type Routine } from "../../../src/exercises/routine-builder.js";
import { BODY_AREAS } from "../../../src/exercises/types.js";
import { SUPPORTED_LANGUAGES, translator } from "../../../src/i18n/index.js";
import type { PersonalStats } from "../../../src/services/stats-service.js";

type Block = Record<string, unknown>;
const ID = "0b6f0a3e-1111-2222-3333-444455556666";

/** Slack's limits (api.slack.com/reference/block-kit): every problem found, as readable strings. */
function problems(blocks: Block[], maxBlocks: number): string[] {
  const out: string[] = [];
  if (blocks.length > maxBlocks) out.push(`${blocks.length} blocks > ${maxBlocks}`);
  const text = (o: unknown) => (o && typeof o === "object" ? String((o as { text?: unknown }).text ?? "") : "");
  for (const b of blocks) {
    if (b.type === "section") {
      if (text(b.text).length > 3000) out.push(`section ${text(b.text).length} chars`);
      for (const f of (b.fields as unknown[] | undefined) ?? []) if (text(f).length > 2000) out.push("field > 2000");
      if (((b.fields as unknown[] | undefined) ?? []).length > 10) out.push("> 10 fields");
    }
    if (b.type === "header" && text(b.text).length > 150) out.push(`header ${text(b.text).length} chars`);
    if (b.type === "context") {
      const els = b.elements as unknown[];
      if (els.length > 10) out.push("context > 10 elements");
      for (const e of els) if (text(e).length > 3000) out.push("context text > 3000");
    }
    if (b.type === "actions") {
      const els = b.elements as Array<{ text?: unknown; action_id?: string; value?: string }>;
      if (els.length > 25) out.push("actions > 25");
      for (const e of els) {
        if (text(e.text).length > 75) out.push(`button "${text(e.text)}" > 75`);
        if ((e.action_id ?? "").length > 255) out.push("action_id > 255");
        if ((e.value ?? "").length > 2000) out.push("value > 2000");
      }
      const ids = els.map((e) => e.action_id);
      if (new Set(ids).size !== ids.length) out.push("duplicate action_id in one block");
    }
  }
  return out;
}
const message = (m: { text: string; blocks: unknown[] }) => [...problems(m.blocks as Block[], 50), ...(m.text.length > 40_000 ? ["text too long"] : [])];

const wholeCatalog: Routine = {
  items: EXERCISES.map((exercise) => ({ exercise, seconds: exercise.estimatedSeconds, sides: exercise.dosage.perSide })),
  totalSeconds: EXERCISES.reduce((n, e) => n + e.estimatedSeconds, 0),
  budgetSeconds: 1200,
  areas: [],
};
const routines: Routine[] = [
  ...BODY_AREAS.map((area, i) => buildRoutine({ areas: [area], budgetSeconds: 600 }, createRng(i))),
  buildRoutine({ areas: [] }, createRng(99)),
  wholeCatalog,
];
const stats: PersonalStats = {
  today: "2030-01-07",
  week: { completed: 12, delivered: 14, completedOfDelivered: 11, rate: 11 / 14 },
  month: { completed: 41, delivered: 50, completedOfDelivered: 40, rate: 0.8 },
  allTime: { completed: 401, delivered: 500, completedOfDelivered: 400, rate: 0.8 },
  streak: { current: 22, best: 66 },
  topAreas: BODY_AREAS.map((area, i) => ({ area, count: 10 - i })),
  empty: false,
} as PersonalStats;
const held = { counts: (["meeting", "huddle", "away_status"] as const).flatMap((reason) => [{ reason, outcome: "deferred" as const, count: 5 }, { reason, outcome: "skipped" as const, count: 2 }]), total: 21 };

describe.each(SUPPORTED_LANGUAGES)("every rendered message fits Block Kit limits (%s)", (lng) => {
  const t = translator(lng);
  it("prompts: channel and DM, compact and full, snoozed and at the snooze limit", () => {
    for (const routine of routines) {
      for (const style of ["compact", "full"] as const) {
        expect(message(promptMessage({ promptId: ID, routine, audience: "channel", style, t }))).toEqual([]);
        expect(message(promptMessage({ promptId: ID, routine, audience: "dm", style, snoozed: true, snoozesLeft: 0, t }))).toEqual([]);
      }
      const modal = howToModal(routine, t);
      expect(problems(modal.blocks as unknown as Block[], 100)).toEqual([]);
      expect(modal.title.text.length).toBeLessThanOrEqual(24);
    }
  });
  it("/stretch <area> routines and help", () => {
    for (const routine of routines) expect(message(routineMessage(routine, { requestText: "x".repeat(300), seed: "s".repeat(40), t }))).toEqual([]);
    expect(message(helpMessage(t))).toEqual([]);
    expect(message(listMessage(t))).toEqual([]);
    for (const ex of EXERCISES) expect(message(exerciseDetailMessage(ex, t))).toEqual([]);
    expect(message(unknownMessage({ kind: "unknown", input: "x".repeat(400), suggestions: ["neck", "neck rolls", "hips"] }, t))).toEqual([]);
  });
  it("stats, held prompts, replies, language setting", () => {
    expect(message(statsMessage(stats, held, t))).toEqual([]);
    expect(message(statsMessage({ ...stats, empty: true }, held, t))).toEqual([]);
    expect(heldPromptsLine(held, t)!.length).toBeLessThan(3000);
    expect(message(snoozedReply(new Date(), "Europe/Warsaw", { fellBack: true, left: 0, t }))).toEqual([]);
    expect(message(snoozeLimitReply(t))).toEqual([]);
    expect(message(skippedReply(t))).toEqual([]);
    for (const kind of ["current", "changed", "not_allowed", "invalid"] as const) {
      expect(message(quietStatusSettingMessage({ kind, entries: [...DEFAULT_QUIET_ENTRIES], isDefault: true, canChange: true, problem: "x" } as never, t))).toEqual([]);
      expect(message(languageSettingMessage({ kind, language: "pl", canChange: true } as never, t))).toEqual([]);
    }
  });
});

describe("Polish renderings are Polish", () => {
  const pl = translator("pl");
  it("prompt, routine, help and stats speak Polish, dosage numbers exact", () => {
    const routine = buildRoutine({ areas: ["neck"] }, createRng(1));
    const prompt = JSON.stringify(promptMessage({ promptId: ID, routine, audience: "dm", t: pl }));
    expect(prompt).toContain("Czas na chwilę rozciągania");
    expect(prompt).toContain("Zrobione");
    const rolls = EXERCISES.find((e) => e.id === "neck-rolls")!;
    const one: Routine = { items: [{ exercise: rolls, seconds: 60, sides: true }], totalSeconds: 60, budgetSeconds: 180, areas: ["neck"] };
    const text = JSON.stringify(routineMessage(one, { requestText: "szyja", seed: "s", t: pl }));
    expect(text).toContain("Krążenia głowy");
    expect(text).toContain("5–10 powtórzeń · na każdą stronę");
    expect(text).toContain("1 minuta");
    expect(JSON.stringify(helpMessage(pl))).toContain("Harmonogramy");
    expect(JSON.stringify(listMessage(pl))).toContain("Krążenia głowy");
    expect(JSON.stringify(exerciseDetailMessage(rolls, pl))).toContain("Dawka:");
    expect(JSON.stringify(statsMessage(stats, held, pl))).toContain("Seria: 22 dni");
  });
});
