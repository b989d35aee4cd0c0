import type { KnownBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { ActionId } from "../../../src/bot/ids.js";
import { HELP_COMMANDS, helpMessage } from "../../../src/bot/views/help.js";
import type { SlackMessage } from "../../../src/bot/views/message.js";
import {
  SLACK_LIMITS,
  escapeMrkdwn,
  exerciseDetailMessage,
  listMessage,
  routineButtonValue,
  routineMessage,
  sharedRoutineMessage,
  truncate,
  unknownMessage,
} from "../../../src/bot/views/routine.js";
import { decodeRoutineValue } from "../../../src/bot/views/routine-value.js";
import { EXERCISES } from "../../../src/exercises/catalog.js";
import { parseRoutineText } from "../../../src/exercises/request-parser.js";
import { buildRoutine, createRng, type Routine } from "../../../src/exercises/routine-builder.js";
import { BODY_AREAS, type Exercise } from "../../../src/exercises/types.js";

interface Walked {
  sectionTexts: string[];
  contextTexts: string[];
  headerTexts: string[];
  buttons: { text: string; value: string; action_id: string }[];
  allText: string;
}

/** Collects every text the message would show, so limits and escaping can be checked at once. */
function walk(message: SlackMessage): Walked {
  const w: Walked = { sectionTexts: [], contextTexts: [], headerTexts: [], buttons: [], allText: message.text };
  for (const block of message.blocks as KnownBlock[]) {
    if (block.type === "section" && block.text) w.sectionTexts.push(block.text.text);
    if (block.type === "header") w.headerTexts.push(block.text.text);
    if (block.type === "context") for (const e of block.elements) if ("text" in e) w.contextTexts.push(e.text);
    if (block.type === "actions") {
      for (const e of block.elements) {
        if (e.type === "button") w.buttons.push({ text: e.text.text, value: e.value ?? "", action_id: e.action_id ?? "" });
      }
    }
  }
  w.allText = [message.text, ...w.sectionTexts, ...w.contextTexts, ...w.headerTexts, ...w.buttons.map((b) => b.text)].join("\n");
  return w;
}

function expectWithinSlackLimits(message: SlackMessage): Walked {
  const w = walk(message);
  expect(message.blocks.length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  for (const t of w.sectionTexts) expect(t.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
  for (const t of w.contextTexts) expect(t.length).toBeLessThanOrEqual(SLACK_LIMITS.contextText);
  for (const t of w.headerTexts) expect(t.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
  for (const b of w.buttons) {
    expect(b.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
    expect(b.value.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
    expect(b.action_id.length).toBeLessThanOrEqual(SLACK_LIMITS.actionId);
  }
  for (const block of message.blocks) {
    if ("block_id" in block && block.block_id) expect(block.block_id.length).toBeLessThanOrEqual(255);
    if (block.type === "context") expect(block.elements.length).toBeLessThanOrEqual(10);
    if (block.type === "actions") expect(block.elements.length).toBeLessThanOrEqual(25);
  }
  expect(message.text.length).toBeLessThanOrEqual(40000);
  return w;
}

/** Nothing the user typed may ping anyone or break out of the markup. */
function expectNoBroadcast(w: Walked): void {
  expect(w.allText).not.toMatch(/<!(channel|here|everyone)/);
  expect(w.allText).not.toMatch(/<script>/i);
}

const HOSTILE = "<!channel> <!here> <@U0001> <script>alert(1)</script> & `code` *bold* \u202Eevil";

/** The biggest catalog entry we could plausibly get: every text field at its longest. */
function inflate(ex: Exercise, i: number): Exercise {
  return {
    ...ex,
    id: `${ex.id}-inflated-${i}`.padEnd(60, "x"),
    name: `${ex.name} <b>&</b> `.repeat(20),
    steps: Array.from({ length: 12 }, (_, k) => `${k} ${ex.steps[0] ?? ""} <!channel> `.repeat(6)),
    safety: `${ex.safety} `.repeat(15),
    dosage: { ...ex.dosage, note: `${ex.dosage.note ?? "note"} `.repeat(20) },
  };
}

function routineOf(exercises: readonly Exercise[], extra: Partial<Routine> = {}): Routine {
  const items = exercises.map((exercise) => ({ exercise, seconds: exercise.estimatedSeconds, sides: exercise.dosage.perSide }));
  return { items, totalSeconds: items.reduce((s, i) => s + i.seconds, 0), budgetSeconds: 1200, areas: [...BODY_AREAS], ...extra };
}

describe("routineMessage", () => {
  it("matches the golden rendering for a fixed seed", async () => {
    const routine = buildRoutine({ areas: ["neck"] }, createRng("golden-neck"));
    const message = routineMessage(routine, { requestText: "neck", seed: "golden-neck" });
    await expect(`${JSON.stringify(message, null, 2)}\n`).toMatchFileSnapshot("./__golden__/routine-neck.json");
  });

  it("shows title, time, every exercise with dosage and steps, per-side note, safety, and both buttons", () => {
    const routine = buildRoutine({ areas: ["neck", "shoulders"], budgetSeconds: 300, position: "seated" }, createRng(4));
    const message = routineMessage(routine, { requestText: "neck and shoulders 5m seated", seed: "s-4" });
    const w = expectWithinSlackLimits(message);
    expect(w.headerTexts[0]).toMatch(/^🧘 \d+-minute neck & shoulders routine$/);
    expect(w.contextTexts[0]).toContain("seated");
    for (const item of routine.items) {
      const text = w.sectionTexts.find((t) => t.includes(`*`) && t.includes(escapeMrkdwn(item.exercise.name)));
      expect(text, item.exercise.id).toBeDefined();
      expect(text).toContain(`1. ${escapeMrkdwn(item.exercise.steps[0] ?? "")}`);
      if (item.sides) expect(text).toContain("Each side");
      else expect(text).not.toContain("Each side");
    }
    expect(w.allText).toMatch(/Stop if anything hurts/);
    expect(w.buttons.map((b) => b.action_id)).toEqual([ActionId.shareRoutine, ActionId.anotherRoutine]);
    const value = decodeRoutineValue(w.buttons[0]?.value);
    expect(value).toEqual({ t: "neck and shoulders 5m seated", s: "s-4", ids: routine.items.map((i) => i.exercise.id) });
  });

  it("shows the fallback reason", () => {
    const routine = buildRoutine({ areas: ["upper back"], position: "standing" }, createRng(1));
    const w = walk(routineMessage(routine, { requestText: "upper back standing", seed: "1" }));
    expect(w.sectionTexts.some((t) => t.includes("No standing exercise targets the upper back"))).toBe(true);
  });

  it("escapes the request text so it can never ping or inject markup", () => {
    const routine = buildRoutine({ areas: [] }, createRng(1));
    const w = expectWithinSlackLimits(routineMessage(routine, { requestText: HOSTILE, seed: "1" }));
    expectNoBroadcast(w);
    expect(w.contextTexts[0]).toContain("&lt;!channel&gt;");
    expect(w.allText).not.toContain("\u202E");
  });

  it("stays within every Block Kit limit for the largest possible routine", () => {
    const requestText = `${HOSTILE} ${"\"\\".repeat(2000)}`.slice(0, 4000);
    const seed = "00000000-0000-4000-8000-000000000000";
    // Every exercise, at a 20-minute budget, from the builder…
    const biggest = buildRoutine({ areas: [], budgetSeconds: 1200 }, createRng(seed));
    // …and every exercise outright, then twice over with every text inflated.
    const everything = routineOf(EXERCISES, { fallback: { reason: "x ".repeat(2000), widenedAreas: [], droppedPosition: false } });
    const inflated = routineOf([...EXERCISES, ...EXERCISES, ...EXERCISES].map(inflate), {
      fallback: { reason: "<!here> ".repeat(500), widenedAreas: [...BODY_AREAS], droppedPosition: true },
    });
    for (const routine of [biggest, everything, inflated]) {
      const message = routineMessage(routine, { requestText, seed });
      const w = expectWithinSlackLimits(message);
      expectNoBroadcast(w);
      expect(w.buttons).toHaveLength(2);
      const value = decodeRoutineValue(w.buttons[0]?.value);
      expect(value?.s).toBe(seed);
      expect(value?.t.length).toBeLessThanOrEqual(200);
      // The safety line and the buttons survive however long the routine is.
      expect(w.contextTexts.some((t) => t.includes("Stop if anything hurts"))).toBe(true);
      expect(message.blocks[message.blocks.length - 1]?.type).toBe("actions");
      // Every exercise is still shown, packed several to a section if needed.
      for (const item of routine.items.slice(0, 23)) expect(w.sectionTexts.join("\n")).toContain(escapeMrkdwn(item.exercise.name).slice(0, 40));
      const shared = expectWithinSlackLimits(sharedRoutineMessage(routine, "U0123ABCD"));
      expectNoBroadcast(shared);
    }
    const full = routineMessage(everything, { requestText, seed });
    expect(decodeRoutineValue(walk(full).buttons[0]?.value)?.ids).toEqual(EXERCISES.map((e) => e.id));
  });
});

describe("routineButtonValue", () => {
  it("keeps the value ≤ 2000 chars even when JSON escaping balloons the text", () => {
    const ids = EXERCISES.map((e) => e.id);
    const nasty = "\u0001".repeat(4000);
    const value = routineButtonValue(nasty, "seed", ids);
    expect(value.length).toBeLessThanOrEqual(2000);
    expect(decodeRoutineValue(value)?.ids).toEqual(ids);
    expect(routineButtonValue("x", "s".repeat(5000), ids).length).toBeLessThanOrEqual(2000);
  });

  it("does not split an emoji when truncating", () => {
    const value = decodeRoutineValue(routineButtonValue("🧘".repeat(300), "s", []));
    expect(value?.t).toBe("🧘".repeat(99));
  });
});

describe("sharedRoutineMessage", () => {
  it("credits the sharer and has no ephemeral-only buttons", () => {
    const routine = buildRoutine({ areas: ["hips"] }, createRng(9));
    const message = sharedRoutineMessage(routine, "U0123ABCD");
    const w = expectWithinSlackLimits(message);
    expect(w.sectionTexts[0]).toContain("<@U0123ABCD> shared a stretch routine");
    expect(message.blocks.some((b) => b.type === "actions")).toBe(false);
  });

  it("refuses anything but a user id in the mention", () => {
    const w = walk(sharedRoutineMessage(buildRoutine({ areas: [] }, createRng(1)), "!channel"));
    expect(w.allText).not.toContain("<!channel");
    expect(w.sectionTexts[0]).toMatch(/^Someone shared/);
  });
});

describe("exerciseDetailMessage", () => {
  it.each(EXERCISES.map((e) => [e.id, e] as const))("%s", (_id, ex) => {
    const w = expectWithinSlackLimits(exerciseDetailMessage(ex));
    expect(w.headerTexts[0]).toContain(ex.name);
    expect(w.allText).toContain(escapeMrkdwn(ex.safety));
    expect(w.allText).toMatch(ex.discreet ? /Discreet/ : /Not very discreet/);
    expect(w.allText).toMatch(/Source: “[^”]+”/);
    for (const area of ex.areas) expect(w.allText.toLowerCase()).toContain(area);
  });

  it("survives an inflated exercise", () => {
    expectNoBroadcast(expectWithinSlackLimits(exerciseDetailMessage(inflate(EXERCISES[0] as Exercise, 0))));
  });
});

describe("listMessage", () => {
  it("lists every area with its count and every exercise", () => {
    const w = expectWithinSlackLimits(listMessage());
    for (const area of BODY_AREAS) {
      const count = EXERCISES.filter((e) => e.areas.includes(area)).length;
      expect(w.allText).toMatch(new RegExp(`\\*${area}\\* · ${count} exercises?`, "i"));
    }
    for (const ex of EXERCISES) expect(w.allText).toContain(escapeMrkdwn(ex.name));
  });
});

describe("unknownMessage", () => {
  it("echoes at most 100 escaped characters and suggests commands", () => {
    const w = expectWithinSlackLimits(unknownMessage({ kind: "unknown", input: HOSTILE.repeat(100), suggestions: ["neck", "Neck Rolls"] }));
    expectNoBroadcast(w);
    const echoed = /I didn't catch `([^`]*)`/.exec(w.sectionTexts[0] ?? "")?.[1] ?? "";
    expect(echoed.replace(/&lt;|&gt;|&amp;/g, "x").length).toBeLessThanOrEqual(100);
    expect(w.sectionTexts[0]).toContain("Did you mean `/stretch neck` or `/stretch neck rolls`?");
    expect(w.allText).toContain("/stretch help");
    expect((w.allText.match(/`\/stretch [^`]+`/g) ?? []).length).toBeGreaterThanOrEqual(3);
  });

  it("works with no input and no suggestions", () => {
    const w = expectWithinSlackLimits(unknownMessage({ kind: "unknown", input: "", suggestions: [] }));
    expect(w.sectionTexts[0]).toContain("I didn't catch that.");
  });

  it("renders whatever the parser returns for hostile input", () => {
    for (const text of [HOSTILE, "<!here>", "@channel", "x".repeat(4000), "مرحبا"]) {
      const parsed = parseRoutineText(text);
      if (parsed.kind === "unknown") expectNoBroadcast(expectWithinSlackLimits(unknownMessage(parsed)));
    }
  });
});

describe("helpMessage", () => {
  const REQUIRED = [
    "/stretch",
    "/stretch <area> [time] [seated|standing]",
    "/stretch <exercise name>",
    "/stretch list",
    "/stretch help",
    "/stretch schedule every",
    "/stretch schedule at",
    "/stretch schedule members every",
    "/stretch schedule dm every",
    "/stretch schedule",
    "/stretch schedule off",
    "/stretch schedule dm off",
    "/stretch pause",
    "/stretch resume",
    "/stretch now",
    "/stretch stats",
    "/stretch leaderboard [week|month|all]",
    "/stretch leaderboard @group",
    "/stretch leaderboard hide|show",
    "/stretch managers add|remove @user",
    "/stretch managers list",
    "/stretch report [#channel|@group] [weeks N]",
    "/stretch report export",
    "/stretch optout",
    "/stretch optin",
    "/stretch forget-me",
  ];

  it.each(REQUIRED)("lists %s", (usage) => {
    const exact = HELP_COMMANDS.some((c) => c.usage === usage);
    const prefix = HELP_COMMANDS.some((c) => c.usage.startsWith(`${usage} `));
    expect(exact || prefix).toBe(true);
  });

  it("renders every command with an example, within limits", () => {
    const w = expectWithinSlackLimits(helpMessage());
    for (const c of HELP_COMMANDS) {
      expect(w.allText).toContain(escapeMrkdwn(c.usage));
      expect(w.allText).toContain(escapeMrkdwn(c.example));
      expect(c.example.startsWith("/stretch")).toBe(true);
    }
    expect(w.allText).not.toMatch(/<(area|exercise|interval|times|hours|days|duration|zone|time)/);
  });

  it("gives routine examples the parser understands", () => {
    const kindOf = (example: string): string => parseRoutineText(example.replace(/^\/stretch\s*/, "")).kind;
    expect(kindOf("/stretch")).toBe("routine");
    expect(kindOf("/stretch lower back 5m seated")).toBe("routine");
    expect(kindOf("/stretch hips 5m")).toBe("routine");
    expect(kindOf("/stretch seated 2m")).toBe("routine");
    expect(kindOf("/stretch standing")).toBe("routine");
    expect(kindOf("/stretch neck rolls")).toBe("exercise");
    expect(kindOf("/stretch list")).toBe("list");
    expect(kindOf("/stretch help")).toBe("help");
  });
});

describe("helpers", () => {
  it("truncate respects the limit and never splits a surrogate pair", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("abc", 4)).toBe("abc");
    const t = truncate("🧘".repeat(100), 151);
    expect(t.length).toBeLessThanOrEqual(151);
    expect(t).toBe(`${"🧘".repeat(75)}…`);
  });

  it("escapeMrkdwn escapes &, < and >", () => {
    expect(escapeMrkdwn("<!channel> & <@U1>")).toBe("&lt;!channel&gt; &amp; &lt;@U1&gt;");
  });
});
