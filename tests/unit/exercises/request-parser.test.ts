import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EXERCISES } from "../../../src/exercises/catalog.js";
import { editDistance, parseRoutineText, type ParsedRoutineRequest } from "../../../src/exercises/request-parser.js";
import type { BodyArea, Position } from "../../../src/exercises/types.js";

interface RoutineExpectation {
  areas?: BodyArea[];
  budgetSeconds?: number;
  position?: Position;
}

function routine(text: string): Extract<ParsedRoutineRequest, { kind: "routine" }> {
  const parsed = parseRoutineText(text);
  if (parsed.kind !== "routine") throw new Error(`expected a routine for ${JSON.stringify(text)}, got ${JSON.stringify(parsed)}`);
  return parsed;
}

const ROUTINES: ReadonlyArray<readonly [string, RoutineExpectation]> = [
  // Defaults
  ["", { areas: [], budgetSeconds: undefined, position: undefined }],
  ["   ", { areas: [] }],
  ["please give me a quick stretch", { areas: [] }],
  // Areas, case and plurals
  ["neck", { areas: ["neck"] }],
  ["NECK", { areas: ["neck"] }],
  ["  Neck  ", { areas: ["neck"] }],
  ["hip", { areas: ["hips"] }],
  ["hips", { areas: ["hips"] }],
  ["shoulder", { areas: ["shoulders"] }],
  ["shoulders", { areas: ["shoulders"] }],
  ["legs", { areas: ["legs"] }],
  ["core", { areas: ["core"] }],
  // Aliases
  ["low back", { areas: ["lower back"] }],
  ["lumbar", { areas: ["lower back"] }],
  ["lower-back", { areas: ["lower back"] }],
  ["lower back", { areas: ["lower back"] }],
  ["glutes", { areas: ["hips"] }],
  ["glute", { areas: ["hips"] }],
  ["traps", { areas: ["shoulders"] }],
  ["trap", { areas: ["shoulders"] }],
  ["upper back", { areas: ["upper back"] }],
  ["thoracic", { areas: ["upper back"] }],
  ["t-spine", { areas: ["upper back"] }],
  ["abs", { areas: ["core"] }],
  ["tummy", { areas: ["core"] }],
  ["calves", { areas: ["legs"] }],
  ["hamstrings", { areas: ["legs"] }],
  ["quads", { areas: ["legs"] }],
  ["back", { areas: ["upper back", "lower back"] }],
  ["whole body", { areas: [] }],
  // Typos
  ["nek", { areas: ["neck"] }],
  ["sholders", { areas: ["shoulders"] }],
  ["hipps", { areas: ["hips"] }],
  ["lowr back", { areas: ["lower back"] }],
  ["uppr back", { areas: ["upper back"] }],
  ["standng", { position: "standing" }],
  // Durations
  ["5m", { budgetSeconds: 300 }],
  ["5 min", { budgetSeconds: 300 }],
  ["5min", { budgetSeconds: 300 }],
  ["5 minutes", { budgetSeconds: 300 }],
  ["300s", { budgetSeconds: 300 }],
  ["90 sec", { budgetSeconds: 90 }],
  ["1.5m", { budgetSeconds: 90 }],
  ["2m30s", { budgetSeconds: 150 }],
  ["2 min 30 s", { budgetSeconds: 150 }],
  ["2:30", { budgetSeconds: 150 }],
  ["five minutes", { budgetSeconds: 300 }],
  ["5", { budgetSeconds: 300 }],
  ["neck 90", { areas: ["neck"], budgetSeconds: 90 }],
  // Clamping
  ["10s", { budgetSeconds: 30 }],
  ["0m", { budgetSeconds: 30 }],
  ["45 minutes", { budgetSeconds: 1200 }],
  ["2h", { budgetSeconds: 1200 }],
  ["99999999999m", { budgetSeconds: 1200 }],
  // Positions
  ["seated", { position: "seated" }],
  ["sitting", { position: "seated" }],
  ["chair", { position: "seated" }],
  ["desk", { position: "seated" }],
  ["at my desk", { position: "seated" }],
  ["standing", { position: "standing" }],
  ["stand", { position: "standing" }],
  // Several things at once
  ["neck and shoulders", { areas: ["neck", "shoulders"] }],
  ["neck, hips", { areas: ["neck", "hips"] }],
  ["neck & shoulders", { areas: ["neck", "shoulders"] }],
  ["neck &amp; shoulders", { areas: ["neck", "shoulders"] }],
  ["hips 5m", { areas: ["hips"], budgetSeconds: 300 }],
  ["seated 2m", { areas: [], budgetSeconds: 120, position: "seated" }],
  ["lower back 5m seated", { areas: ["lower back"], budgetSeconds: 300, position: "seated" }],
  ["Standing, LEGS, 10 minutes", { areas: ["legs"], budgetSeconds: 600, position: "standing" }],
  ["neck?", { areas: ["neck"] }],
  // A real area word wins over junk around it
  ["<!channel> neck", { areas: ["neck"] }],
  ["שלום neck", { areas: ["neck"] }],
  ["neck 🙆", { areas: ["neck"] }],
];

describe("parseRoutineText → routine", () => {
  it.each(ROUTINES)("%j", (text, want) => {
    const parsed = routine(text);
    if ("areas" in want) expect(parsed.request.areas).toEqual(want.areas);
    if ("budgetSeconds" in want) expect(parsed.request.budgetSeconds).toBe(want.budgetSeconds);
    if ("position" in want) expect(parsed.request.position).toBe(want.position);
  });

  it("reports what it understood, typos and clamping included", () => {
    expect(routine("sholders 5m seated").understood).toEqual(["shoulders (from “sholders”)", "seated", "5 min"]);
    expect(routine("45 minutes").understood).toEqual(["20 min", "20 min is the longest routine, so I capped it there"]);
    expect(routine("10s").understood).toEqual(["30 s", "30 s is the shortest routine, so I used that"]);
    expect(routine("seated standing").understood).toContain("both positions given, so I went with standing");
    expect(routine("neck wibble").ignored).toEqual(["wibble"]);
  });
});

const EXERCISE_CASES: ReadonlyArray<readonly [string, string]> = [
  ["neck rolls", "neck-rolls"],
  ["Neck Rolls", "neck-rolls"],
  ["neck roll", "neck-rolls"],
  ["nek rolls", "neck-rolls"],
  ["neck rols", "neck-rolls"],
  ["calf raise", "calf-raises"],
  ["calf raises 2m", "calf-raises"],
  ["shrugs", "shoulder-shrugs"],
  ["shrug", "shoulder-shrugs"],
  ["seated twist", "seated-spinal-rotation"],
  ["sit & rotate", "sit-and-rotate"],
  ["sit and rotate", "sit-and-rotate"],
  ["sit and rotate with side bend", "sit-and-rotate-with-side-bend"],
  ["rotate legs in and out", "rotate-legs-in-and-out"],
  ["chest opener / thoracic extension", "chest-opener-thoracic-extension"],
  ["figure 4 stretch", "deep-hip-muscle-stretch"],
  ["partial squat (chair squat)", "chair-squat"],
  ["standing back arch", "standing-back-arch"],
  ["seated back arch", "sit-and-back-arch"],
  ["butterfly", "butterfly-wings"],
  ["hip flexor stretch", "hip-flexor-lunge-stretch"],
];

describe("parseRoutineText → exercise", () => {
  it.each(EXERCISE_CASES)("%j → %s", (text, id) => {
    expect(parseRoutineText(text)).toEqual({ kind: "exercise", exerciseId: id });
  });

  it("finds every catalog exercise by its name and every alias", () => {
    for (const ex of EXERCISES) {
      for (const name of [ex.name, ...ex.aliases]) {
        expect(parseRoutineText(name), name).toEqual({ kind: "exercise", exerciseId: ex.id });
      }
    }
  });
});

describe("parseRoutineText → list / help", () => {
  it.each(["list", "LIST", "areas", "exercises", "lsit", " list "])("%j → list", (text) => {
    expect(parseRoutineText(text)).toEqual({ kind: "list" });
  });
  it.each(["help", "HELP", "?", "hlep", "help me", "??"])("%j → help", (text) => {
    expect(parseRoutineText(text)).toEqual({ kind: "help" });
  });
});

describe("parseRoutineText → unknown", () => {
  const unknown = (text: string): Extract<ParsedRoutineRequest, { kind: "unknown" }> => {
    const parsed = parseRoutineText(text);
    if (parsed.kind !== "unknown") throw new Error(`expected unknown for ${JSON.stringify(text)}, got ${JSON.stringify(parsed)}`);
    return parsed;
  };

  it.each([
    "banana",
    "<script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "'; DROP TABLE users;--",
    "@channel",
    "@here",
    "<!here>",
    "<!channel>",
    "<@U12345>",
    "🙆‍♀️🙆‍♀️",
    "🔥",
    "مرحبا كيف حالك",
    "שלום עולם",
    "\u202Eevil",
    "x".repeat(4000),
  ])("%j", (text) => {
    const parsed = unknown(text);
    expect(Array.from(parsed.input).length).toBeLessThanOrEqual(100);
    expect(parsed.suggestions.length).toBeLessThanOrEqual(3);
    expect(parsed.input).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });

  it("suggests close areas and exercises", () => {
    expect(unknown("rolls").suggestions).toEqual(["Neck Rolls", "Shoulder Rolls"]);
    expect(unknown("side").suggestions.length).toBeGreaterThan(0);
    expect(unknown("banana").suggestions).toEqual([]);
  });

  it("never echoes more than 100 characters", () => {
    const parsed = unknown(`zzz ${"q".repeat(3996)}`);
    expect(parsed.input.length).toBeLessThanOrEqual(100);
    expect(parsed.input.endsWith("…")).toBe(true);
  });
});

describe("parseRoutineText robustness", () => {
  it("never throws and never echoes more than 100 chars, for any string", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: "grapheme", maxLength: 300 }), fc.string({ unit: "binary", maxLength: 300 })), (text) => {
        const parsed = parseRoutineText(text);
        expect(["routine", "exercise", "list", "help", "unknown"]).toContain(parsed.kind);
        if (parsed.kind === "unknown") expect(parsed.input.length).toBeLessThanOrEqual(101);
        if (parsed.kind === "routine") {
          const b = parsed.request.budgetSeconds;
          if (b !== undefined) expect(b >= 30 && b <= 1200).toBe(true);
          expect(parsed.ignored.length).toBeLessThanOrEqual(5);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("handles a 4,000-character request quickly", () => {
    const start = performance.now();
    for (const text of ["neck ".repeat(800), "x".repeat(4000), "nek sholders hipps ".repeat(210), "5m ".repeat(1333)]) parseRoutineText(text);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(routine("neck ".repeat(800)).request.areas).toEqual(["neck"]);
  });

  it("editDistance counts a transposition as one edit", () => {
    expect(editDistance("hlep", "help")).toBe(1);
    expect(editDistance("sholders", "shoulders")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
});
