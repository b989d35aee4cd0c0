import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EXERCISES, exerciseById } from "../../../src/exercises/catalog.js";
import {
  buildRoutine,
  createRng,
  describeDosage,
  formatDuration,
  maxRoutineSeconds,
  routineFromExerciseIds,
  routinePhase,
  type Routine,
  type RoutineRequest,
} from "../../../src/exercises/routine-builder.js";
import { BODY_AREAS, type BodyArea, type Exercise, type Position } from "../../../src/exercises/types.js";

const ids = (r: Routine): string[] => r.items.map((i) => i.exercise.id);
const ex = (id: string): Exercise => {
  const found = exerciseById(id);
  if (!found) throw new Error(`no exercise ${id}`);
  return found;
};

const requestArb = fc.record({
  areas: fc.subarray([...BODY_AREAS]),
  budgetSeconds: fc.integer({ min: 30, max: 1200 }),
  position: fc.constantFrom<Position | undefined>(undefined, "seated", "standing"),
  avoidIds: fc.subarray(EXERCISES.map((e) => e.id)),
});
const seedArb = fc.oneof(fc.integer(), fc.string({ maxLength: 40 }));

/** The exercises the builder must pick from first: requested areas, position-filtered. */
function exactPool(req: RoutineRequest, r: Routine): Exercise[] {
  const positioned = req.position && !r.fallback?.droppedPosition ? EXERCISES.filter((e) => e.positions.includes(req.position as Position)) : EXERCISES;
  return req.areas.length === 0 ? [...positioned] : positioned.filter((e) => e.areas.some((a) => req.areas.includes(a)));
}

describe("buildRoutine properties (every area subset, budget 30–1200 s, both positions and none)", () => {
  it("is never empty, has no duplicates, and items carry their estimate and sides flag", () => {
    fc.assert(
      fc.property(requestArb, seedArb, (req, seed) => {
        const r = buildRoutine(req, createRng(seed));
        expect(r.items.length).toBeGreaterThan(0);
        expect(new Set(ids(r)).size).toBe(r.items.length);
        for (const item of r.items) {
          expect(item.seconds).toBe(item.exercise.estimatedSeconds);
          expect(item.sides).toBe(item.exercise.dosage.perSide);
        }
        expect(r.totalSeconds).toBe(r.items.reduce((s, i) => s + i.seconds, 0));
      }),
      { numRuns: 600 },
    );
  });

  it("fits the budget (≤ budget + max(20 s, 10%)) unless it is a single exercise", () => {
    fc.assert(
      fc.property(requestArb, seedArb, (req, seed) => {
        const r = buildRoutine(req, createRng(seed));
        if (r.items.length > 1) expect(r.totalSeconds).toBeLessThanOrEqual(maxRoutineSeconds(req.budgetSeconds));
        // A single over-budget exercise is only allowed when it is the shortest choice available.
        if (r.totalSeconds > maxRoutineSeconds(req.budgetSeconds)) expect(r.items).toHaveLength(1);
      }),
      { numRuns: 600 },
    );
  });

  it("respects the position filter unless the fallback says it was dropped", () => {
    fc.assert(
      fc.property(requestArb, seedArb, (req, seed) => {
        const r = buildRoutine(req, createRng(seed));
        if (!req.position) return;
        if (r.fallback?.droppedPosition) return;
        for (const item of r.items) expect(item.exercise.positions).toContain(req.position);
      }),
      { numRuns: 600 },
    );
  });

  it("uses only requested areas, or areas the fallback names", () => {
    fc.assert(
      fc.property(requestArb, seedArb, (req, seed) => {
        const r = buildRoutine(req, createRng(seed));
        if (req.areas.length === 0) return;
        for (const item of r.items) {
          const inRequest = item.exercise.areas.some((a) => req.areas.includes(a));
          if (inRequest) continue;
          expect(r.fallback).toBeDefined();
          expect(item.exercise.areas.some((a) => r.fallback?.widenedAreas.includes(a))).toBe(true);
        }
        if (r.fallback && r.fallback.widenedAreas.length > 0) expect(r.fallback.reason.length).toBeGreaterThan(10);
      }),
      { numRuns: 600 },
    );
  });

  it("warms up first: warm-up, mobility, strength, stretch", () => {
    fc.assert(
      fc.property(requestArb, seedArb, (req, seed) => {
        const phases = buildRoutine(req, createRng(seed)).items.map((i) => routinePhase(i.exercise));
        expect(phases).toEqual([...phases].sort((a, b) => a - b));
      }),
      { numRuns: 400 },
    );
  });

  it("is deterministic for the same seed", () => {
    fc.assert(
      fc.property(requestArb, seedArb, (req, seed) => {
        expect(buildRoutine(req, createRng(seed))).toEqual(buildRoutine(req, createRng(seed)));
      }),
      { numRuns: 300 },
    );
  });

  it("uses a recently seen exercise only when no fresh one fits and the routine is under half the budget", () => {
    fc.assert(
      fc.property(requestArb, seedArb, (req, seed) => {
        const r = buildRoutine(req, createRng(seed));
        const pool = exactPool(req, r);
        const picked = new Set(ids(r));
        const avoided = pool.filter((e) => picked.has(e.id) && req.avoidIds.includes(e.id));
        if (avoided.length === 0) return;
        const fresh = pool.filter((e) => !req.avoidIds.includes(e.id));
        const freshPickedSeconds = fresh.filter((e) => picked.has(e.id)).reduce((s, e) => s + e.estimatedSeconds, 0);
        expect(freshPickedSeconds).toBeLessThan(req.budgetSeconds / 2);
        for (const c of fresh.filter((e) => !picked.has(e.id))) {
          expect(c.estimatedSeconds + freshPickedSeconds).toBeGreaterThan(maxRoutineSeconds(req.budgetSeconds));
        }
      }),
      { numRuns: 600 },
    );
  });

  it("mixes areas for a whole-body request", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 120, max: 1200 }),
        fc.constantFrom<Position | undefined>(undefined, "seated", "standing"),
        seedArb,
        (budgetSeconds, position, seed) => {
          const r = buildRoutine({ areas: [], budgetSeconds, position }, createRng(seed));
          expect(new Set(r.items.map((i) => i.exercise.areas[0])).size).toBeGreaterThanOrEqual(2);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("covers every requested area when the budget has room for it", () => {
    fc.assert(
      fc.property(fc.subarray([...BODY_AREAS], { minLength: 2, maxLength: 3 }), seedArb, (areas, seed) => {
        const r = buildRoutine({ areas, budgetSeconds: 600 }, createRng(seed));
        for (const area of areas) expect(r.items.some((i) => i.exercise.areas.includes(area))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe("buildRoutine examples", () => {
  it("defaults to a ~3-minute whole-body routine", () => {
    const r = buildRoutine({ areas: [] }, createRng(1));
    expect(r.budgetSeconds).toBe(180);
    expect(r.areas).toEqual([]);
    expect(r.totalSeconds).toBeGreaterThanOrEqual(90);
    expect(r.totalSeconds).toBeLessThanOrEqual(maxRoutineSeconds(180));
    expect(r.fallback).toBeUndefined();
  });

  it("falls back to neighbouring areas with a friendly reason: standing upper back", () => {
    const r = buildRoutine({ areas: ["upper back"], position: "standing" }, createRng("ub"));
    expect(r.fallback?.reason).toMatch(/^No standing exercise targets the upper back, so here are some for nearby /);
    expect(r.fallback?.droppedPosition).toBe(false);
    for (const item of r.items) expect(item.exercise.positions).toContain("standing");
    const allowed: BodyArea[] = ["shoulders", "lower back"];
    for (const a of r.fallback?.widenedAreas ?? []) expect(allowed).toContain(a);
  });

  it("tops up a long request for a small area and says so", () => {
    const r = buildRoutine({ areas: ["neck"], budgetSeconds: 600, position: "seated" }, createRng(5));
    expect(r.fallback?.reason).toMatch(/I only know \d+ seated exercises for the neck, so I added some for nearby shoulders/);
    expect(r.totalSeconds).toBeGreaterThan(300);
  });

  it("keeps a small area to itself when it fills half the budget", () => {
    const r = buildRoutine({ areas: ["neck"], position: "seated" }, createRng(5));
    expect(r.fallback).toBeUndefined();
    for (const item of r.items) expect(item.exercise.areas).toContain("neck");
  });

  it("returns one exercise even if it alone exceeds a tiny budget", () => {
    const r = buildRoutine({ areas: ["core"], position: "seated", budgetSeconds: 30 }, createRng(2));
    expect(r.items).toHaveLength(1);
    expect(r.items[0]?.exercise.areas).toContain("core");
  });

  it("builds a single named exercise", () => {
    const r = buildRoutine({ areas: [], exerciseId: "calf-raises", position: "seated" }, createRng(1));
    expect(ids(r)).toEqual(["calf-raises"]);
    expect(r.exerciseId).toBe("calf-raises");
  });

  it("explains an unknown exercise id and still returns a routine", () => {
    const r = buildRoutine({ areas: ["hips"], exerciseId: "no-such-move" }, createRng(1));
    expect(r.items.length).toBeGreaterThan(0);
    expect(r.fallback?.reason).toMatch(/couldn't find that exercise/);
  });

  it("avoids recently seen exercises when others exist", () => {
    const avoidIds = EXERCISES.slice(0, 10).map((e) => e.id);
    for (let seed = 0; seed < 50; seed++) {
      const r = buildRoutine({ areas: [], avoidIds }, createRng(seed));
      for (const id of ids(r)) expect(avoidIds).not.toContain(id);
    }
  });

  it("reuses avoided exercises rather than return nothing", () => {
    const avoidIds = EXERCISES.map((e) => e.id);
    const r = buildRoutine({ areas: ["neck"], avoidIds }, createRng(3));
    expect(r.items.length).toBeGreaterThan(0);
  });

  it("drops the position only when the catalog has none in it, and says so", () => {
    const seatedOnly = EXERCISES.filter((e) => !e.positions.includes("standing"));
    const r = buildRoutine({ areas: ["neck"], position: "standing" }, createRng(1), seatedOnly);
    expect(r.fallback?.droppedPosition).toBe(true);
    expect(r.fallback?.reason).toMatch(/standing/);
  });

  it("never throws on garbage from an old or tampered button", () => {
    const garbage = { areas: ["elbows", 7, null], budgetSeconds: Number.NaN, position: "lying", avoidIds: "x" } as unknown as RoutineRequest;
    const r = buildRoutine(garbage, createRng("g"));
    expect(r.areas).toEqual([]);
    expect(r.budgetSeconds).toBe(180);
    expect(r.position).toBeUndefined();
    expect(buildRoutine({ areas: [], budgetSeconds: 1e9 }, createRng(1)).budgetSeconds).toBe(1200);
    expect(buildRoutine({ areas: [], budgetSeconds: -5 }, createRng(1)).budgetSeconds).toBe(30);
    expect(buildRoutine({ areas: [] }, () => 1).items.length).toBeGreaterThan(0);
  });

  it("different seeds give different routines", () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 20; seed++) seen.add(ids(buildRoutine({ areas: [] }, createRng(seed))).join(","));
    expect(seen.size).toBeGreaterThan(5);
  });
});

describe("createRng", () => {
  it("is repeatable, in [0, 1), and treats 7 and '7' alike", () => {
    const a = createRng("seed");
    const b = createRng("seed");
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
    expect(createRng(7)()).toBe(createRng("7")());
    expect(createRng("a1")()).not.toBe(createRng("a2")());
  });
});

describe("routineFromExerciseIds", () => {
  it("rebuilds exactly what a button showed, skipping unknown ids and duplicates", () => {
    const r = routineFromExerciseIds({ areas: ["neck"], position: "seated" }, ["neck-rolls", "bogus", "lateral-neck-stretch", "neck-rolls"]);
    expect(r && ids(r)).toEqual(["neck-rolls", "lateral-neck-stretch"]);
    expect(r?.totalSeconds).toBe(110);
    expect(routineFromExerciseIds({ areas: [] }, ["bogus"])).toBeUndefined();
  });
});

describe("describeDosage", () => {
  it.each([
    ["neck-rolls", "5–10 reps · each side"],
    ["posterior-shoulder-stretch", "hold 30 s · each side"],
    ["isometric-core-bracing", "8 reps · hold 10 s"],
    ["seated-spinal-rotation", "3–5 reps · hold 3–5 s · each side"],
    ["standing-back-arch", "5 reps · hold 1 s"],
    ["butterfly-wings", "a few slow repeats"],
    ["calf-raises", "15 reps"],
  ])("%s → %s", (id, text) => {
    expect(describeDosage(ex(id))).toBe(text);
  });

  it("shows sets when there is more than one", () => {
    expect(describeDosage({ ...ex("calf-raises"), dosage: { reps: 10, sets: 2, perSide: false } })).toBe("10 reps · 2 sets");
  });
});

describe("formatDuration", () => {
  it.each([
    [45, "45 s"],
    [60, "1 min"],
    [150, "2 min 30 s"],
    [1200, "20 min"],
    [0, "0 s"],
    [-3, "0 s"],
    [Number.NaN, "0 s"],
    [89.6, "1 min 30 s"],
  ])("%s → %s", (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });
});
