import { describe, it, expect } from "vitest";
import { EXERCISES, SEED_RESEARCH_FACTS, exerciseById } from "../../../src/exercises/catalog.js";
import { BODY_AREAS, type Amount, type Position, type SeedFile } from "../../../src/exercises/types.js";
import { loadFingerprint, RUN, runsOf } from "../../helpers/seed-runs.js";

const S000: SeedFile = "000_d19caf3efc88eda9.txt";
const S001: SeedFile = "001_7e4bc6f6ff4cf7ff.txt";
const S002: SeedFile = "002_8d8f708dff4fd02d.txt";

interface Expected {
  id: string;
  source: SeedFile;
  positions: readonly Position[];
  perSide: boolean;
  reps?: Amount;
  sets?: Amount;
  holdSeconds?: Amount;
}

const r = (min: number, max: number): Amount => ({ min, max });

/** Dosage facts exactly as each seed article gives them. Absent keys mean the seed gives no number. */
const EXPECTED: readonly Expected[] = [
  // 000
  { id: "neck-rolls", source: S000, positions: ["seated"], perSide: true, reps: r(5, 10) }, // 5-10 each direction
  { id: "shoulder-shrugs", source: S000, positions: ["seated", "standing"], perSide: false, reps: r(8, 10) }, // per set; hold "a few seconds"
  { id: "shoulder-rolls", source: S000, positions: ["seated"], perSide: true, reps: 5 }, // 5 each direction
  { id: "butterfly-wings", source: S000, positions: ["seated"], perSide: false }, // "several times"
  { id: "seated-spinal-rotation", source: S000, positions: ["seated"], perSide: true, reps: r(3, 5), holdSeconds: r(3, 5) },
  { id: "posterior-shoulder-stretch", source: S000, positions: ["seated"], perSide: true, holdSeconds: 30 },
  { id: "sitting-back-extensions", source: S000, positions: ["seated"], perSide: false, reps: r(3, 5) },
  { id: "deep-hip-muscle-stretch", source: S000, positions: ["seated"], perSide: true, holdSeconds: 30 },
  // 001
  { id: "seated-knee-hug", source: S001, positions: ["seated"], perSide: true, holdSeconds: 30 },
  { id: "seated-trunk-rotation", source: S001, positions: ["seated"], perSide: true, reps: 10 },
  { id: "isometric-core-bracing", source: S001, positions: ["seated"], perSide: false, reps: 8, holdSeconds: 10 },
  { id: "alternating-knee-raises", source: S001, positions: ["seated"], perSide: false, reps: 20 }, // 20 in total, alternating
  { id: "lateral-neck-stretch", source: S001, positions: ["seated"], perSide: true, holdSeconds: 20 },
  { id: "chest-opener-thoracic-extension", source: S001, positions: ["seated"], perSide: false, reps: 5 },
  { id: "calf-raises", source: S001, positions: ["standing"], perSide: false, reps: 15 },
  { id: "chair-squat", source: S001, positions: ["standing"], perSide: false, reps: 10, holdSeconds: 3 },
  { id: "hip-flexor-lunge-stretch", source: S001, positions: ["standing"], perSide: true, holdSeconds: 30 },
  { id: "standing-side-bend", source: S001, positions: ["standing"], perSide: true, reps: 5 },
  // 002
  { id: "standing-back-arch", source: S002, positions: ["standing"], perSide: false, sets: 1, reps: 5, holdSeconds: 1 },
  { id: "sit-and-rotate", source: S002, positions: ["seated"], perSide: true, sets: 1, reps: 5, holdSeconds: 1 },
  { id: "rotate-legs-in-and-out", source: S002, positions: ["seated"], perSide: true, sets: 1, reps: 5 }, // 5 each way, each leg
  { id: "sit-and-rotate-with-side-bend", source: S002, positions: ["seated"], perSide: true, sets: 1, reps: 5 },
  { id: "sit-and-back-arch", source: S002, positions: ["seated"], perSide: false, sets: 1, reps: 5 },
];

/** The runs of `text` that also occur in a seed article (matched by hash, see seed-runs.ts). */
function copiedRuns(text: string, seedHashes: ReadonlySet<string>): string[] {
  return runsOf(text)
    .filter(([, hash]) => seedHashes.has(hash))
    .map(([run]) => run);
}

describe("exercise catalog", () => {
  it("has exactly 23 exercises with unique kebab-case ids", () => {
    expect(EXERCISES).toHaveLength(23);
    const ids = EXERCISES.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("contains exactly the exercises in the expectation table", () => {
    expect(EXPECTED).toHaveLength(23);
    expect([...EXERCISES.map((e) => e.id)].sort()).toEqual([...EXPECTED.map((e) => e.id)].sort());
  });

  describe.each(EXPECTED)("$id matches its seed", (exp) => {
    it("has the seed's source, positions and dosage", () => {
      const ex = exerciseById(exp.id);
      expect(ex).toBeDefined();
      if (!ex) return;
      expect(ex.source).toBe(exp.source);
      expect([...ex.positions].sort()).toEqual([...exp.positions].sort());
      expect(ex.dosage.perSide).toBe(exp.perSide);
      expect(ex.dosage.reps).toEqual(exp.reps);
      expect(ex.dosage.sets).toEqual(exp.sets);
      expect(ex.dosage.holdSeconds).toEqual(exp.holdSeconds);
    });
  });

  it("uses only valid body areas, at least one, without repeats", () => {
    const valid = new Set<string>(BODY_AREAS);
    for (const ex of EXERCISES) {
      expect(ex.areas.length, ex.id).toBeGreaterThan(0);
      expect(new Set(ex.areas).size, ex.id).toBe(ex.areas.length);
      for (const area of ex.areas) expect(valid.has(area), `${ex.id}: ${area}`).toBe(true);
    }
  });

  it("has well-formed positions, kinds and amounts", () => {
    for (const ex of EXERCISES) {
      expect(ex.positions.length, ex.id).toBeGreaterThan(0);
      for (const p of ex.positions) expect(["seated", "standing"]).toContain(p);
      expect(["stretch", "mobility", "strength"]).toContain(ex.kind);
      for (const amount of [ex.dosage.reps, ex.dosage.sets, ex.dosage.holdSeconds]) {
        if (amount === undefined) continue;
        if (typeof amount === "number") {
          expect(Number.isInteger(amount) && amount > 0, ex.id).toBe(true);
        } else {
          expect(amount.min > 0 && amount.min < amount.max, ex.id).toBe(true);
        }
      }
    }
  });

  it("has realistic time estimates", () => {
    for (const ex of EXERCISES) {
      expect(Number.isInteger(ex.estimatedSeconds), ex.id).toBe(true);
      expect(ex.estimatedSeconds, ex.id).toBeGreaterThanOrEqual(15);
      expect(ex.estimatedSeconds, ex.id).toBeLessThanOrEqual(120);
    }
    const inRange = EXERCISES.filter((e) => e.estimatedSeconds >= 20 && e.estimatedSeconds <= 90).length;
    expect(inRange).toBeGreaterThanOrEqual(20);
  });

  it("has 3-5 non-empty steps and one safety line, each at most 200 characters", () => {
    for (const ex of EXERCISES) {
      expect(ex.name.trim().length, ex.id).toBeGreaterThan(0);
      expect(ex.steps.length, ex.id).toBeGreaterThanOrEqual(3);
      expect(ex.steps.length, ex.id).toBeLessThanOrEqual(5);
      for (const step of [...ex.steps, ex.safety]) {
        expect(step.trim().length, ex.id).toBeGreaterThan(0);
        expect(step.length, `${ex.id}: ${step}`).toBeLessThanOrEqual(200);
        expect(step, ex.id).not.toMatch(/^\s*(step\s*)?\d+[.):]/i);
      }
    }
  });

  it("has lowercase, non-empty aliases that do not collide across exercises", () => {
    const owner = new Map<string, string>();
    for (const ex of EXERCISES) {
      owner.set(ex.name.toLowerCase(), ex.id);
    }
    for (const ex of EXERCISES) {
      for (const alias of ex.aliases) {
        expect(alias, ex.id).toBe(alias.toLowerCase());
        expect(alias.trim().length, ex.id).toBeGreaterThan(0);
        const prev = owner.get(alias);
        expect(prev === undefined || prev === ex.id, `alias "${alias}" of ${ex.id} also names ${prev}`).toBe(true);
        owner.set(alias, ex.id);
      }
    }
  });

  it("marks only seated exercises as discreet", () => {
    for (const ex of EXERCISES.filter((e) => e.discreet)) {
      expect(ex.positions, ex.id).toContain("seated");
    }
  });

  it("returns undefined for unknown ids", () => {
    expect(exerciseById("no-such-exercise")).toBeUndefined();
    expect(exerciseById("neck-rolls")?.name).toBe("Neck Rolls");
  });

  it("lists research facts with a seed source", () => {
    for (const f of SEED_RESEARCH_FACTS) {
      expect(f.fact.trim().length).toBeGreaterThan(0);
      expect([S000, S001, S002]).toContain(f.source);
    }
    expect(SEED_RESEARCH_FACTS.some((f) => f.fact.includes("66 days"))).toBe(true);
  });
});

describe("originality against the seed articles", () => {
  const fingerprint = loadFingerprint();
  const files = Object.keys(fingerprint.files);
  const seeds = new Set(Object.values(fingerprint.files).flat());

  it("has the fingerprint of all three seed articles", () => {
    expect(fingerprint.run).toBe(RUN);
    expect([...files].sort()).toEqual([S000, S001, S002]);
    for (const file of files) expect(fingerprint.files[file]?.length, file).toBeGreaterThan(500);
  });

  it.each(EXERCISES.map((e) => [e.id, e] as const))(
    `%s copies no ${RUN}-word run from any seed`,
    (_id, ex) => {
      const texts = [...ex.steps, ex.safety, ...(ex.dosage.note ? [ex.dosage.note] : [])];
      const hits = texts.flatMap((t) => copiedRuns(t, seeds));
      expect(hits).toEqual([]);
    },
  );

  it(`research facts copy no ${RUN}-word run from any seed`, () => {
    const hits = SEED_RESEARCH_FACTS.flatMap((f) => copiedRuns(f.fact, seeds));
    expect(hits).toEqual([]);
  });

  it("the check itself catches a copied sentence", () => {
    expect(copiedRuns("Hold the stretch for 30 seconds, focusing on breathing deeply and relaxing.", seeds)).not.toEqual([]);
  });
});
