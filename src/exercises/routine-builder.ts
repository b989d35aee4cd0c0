/**
 * Builds a short stretch routine from the catalog. Pure: all randomness comes from the Rng the
 * caller passes, so a stored seed rebuilds the same routine (the "Share" button relies on this).
 */
import { EN } from "../i18n/index.js";
import { dosageText } from "../i18n/exercise-text.js";
import { EXERCISES, exerciseById } from "./catalog.js";
import { BODY_AREAS, type Amount, type BodyArea, type Exercise, type Position } from "./types.js";

/** Returns a float in [0, 1). */
export type Rng = () => number;

export const DEFAULT_BUDGET_SECONDS = 180;
export const MIN_BUDGET_SECONDS = 30;
export const MAX_BUDGET_SECONDS = 20 * 60;

export interface RoutineRequest {
  /** Empty means whole body. */
  areas: BodyArea[];
  /** Defaults to DEFAULT_BUDGET_SECONDS; clamped to MIN..MAX_BUDGET_SECONDS. */
  budgetSeconds?: number;
  /** Only exercises that can be done in this position. */
  position?: Position;
  /** Recently seen exercise ids: used only when nothing fresh fits and the routine is under half the budget. */
  avoidIds?: string[];
  /** A single named exercise; the other fields are ignored when it exists. */
  exerciseId?: string;
}

export interface RoutineItem {
  exercise: Exercise;
  seconds: number;
  /** Done once per side: the view tells the user to switch sides. */
  sides: boolean;
}

export interface RoutineFallback {
  /** One friendly sentence for the user. */
  reason: string;
  /** Areas outside the request that items were taken from. */
  widenedAreas: BodyArea[];
  /** True when the position filter had to be dropped. */
  droppedPosition: boolean;
}

export interface Routine {
  items: RoutineItem[];
  totalSeconds: number;
  /** The sanitized budget the routine was built for. */
  budgetSeconds: number;
  /** Requested areas (sanitized, canonical order); empty = whole body. */
  areas: BodyArea[];
  position?: Position;
  /** Set when the request named an exercise that exists. */
  exerciseId?: string;
  fallback?: RoutineFallback;
}

/**
 * Neighbouring areas along the body, used when a request matches nothing or too little.
 * The back chain runs neck ↔ shoulders ↔ upper back ↔ lower back ↔ hips ↔ legs; core sits beside
 * lower back and hips because the catalog's core moves work those too.
 */
export const AREA_NEIGHBOURS: Readonly<Record<BodyArea, readonly BodyArea[]>> = {
  neck: ["shoulders"],
  shoulders: ["neck", "upper back"],
  "upper back": ["shoulders", "lower back"],
  "lower back": ["upper back", "hips", "core"],
  hips: ["lower back", "legs", "core"],
  legs: ["hips"],
  core: ["lower back", "hips"],
};

/**
 * A routine may overshoot its budget by this much: a hard cap would leave big gaps with
 * exercises of 20–100 s. Exception: one exercise is always returned, even if it alone is longer.
 */
export function maxRoutineSeconds(budgetSeconds: number): number {
  return budgetSeconds + Math.max(20, Math.round(budgetSeconds * 0.1));
}

/**
 * Order inside a routine: gentle warm-ups, then mobility, then strength (raises the pulse while
 * the body is warm), then static stretches last so the break ends calm and the holds go deepest.
 */
export function routinePhase(ex: Exercise): number {
  if (ex.warmUp) return 0;
  if (ex.kind === "mobility") return 1;
  if (ex.kind === "strength") return 2;
  return 3;
}

// ---------------------------------------------------------------------------------------------
// Seedable randomness
// ---------------------------------------------------------------------------------------------

/** Same seed → same sequence. Numbers and strings are hashed the same way (`7` ≡ `"7"`). */
export function createRng(seed: number | string): Rng {
  let state = hashString(String(seed));
  // mulberry32: tiny, fast and well spread, plenty for shuffling a few dozen items.
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a then a murmur3 finalizer, so similar seeds ("a1", "a2") start far apart. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    // Guard against an Rng that returns exactly 1 or garbage.
    const r = rng();
    const j = Math.min(i, Math.max(0, Math.floor((Number.isFinite(r) ? r : 0) * (i + 1))));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Text helpers shared by the views
// ---------------------------------------------------------------------------------------------

/** e.g. "10 reps · 2 sets", "hold 30 s · each side", "5–10 reps" (English; other languages: i18n/exercise-text.ts). */
export function describeDosage(ex: Exercise): string {
  return dosageText(ex, EN);
}

/** "2 min 30 s", "2 min", "45 s". */
export function formatDuration(seconds: number): string {
  const s = Number.isFinite(seconds) ? Math.max(0, Math.round(seconds)) : 0;
  const min = Math.floor(s / 60);
  const rest = s % 60;
  if (min === 0) return `${rest} s`;
  return rest === 0 ? `${min} min` : `${min} min ${rest} s`;
}

/** "the neck", "the neck and shoulders", "the neck, hips and legs". */
export function areaPhrase(areas: readonly BodyArea[], conjunction: "and" | "or" = "and"): string {
  if (areas.length === 0) return "the whole body";
  if (areas.length === 1) return `the ${areas[0]}`;
  return `the ${areas.slice(0, -1).join(", ")} ${conjunction} ${areas[areas.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------------------------

function sanitizeAreas(areas: unknown): BodyArea[] {
  if (!Array.isArray(areas)) return [];
  const wanted = new Set(areas);
  return BODY_AREAS.filter((a) => wanted.has(a));
}

function sanitizeBudget(budget: unknown): number {
  if (typeof budget !== "number" || Number.isNaN(budget)) return DEFAULT_BUDGET_SECONDS;
  return Math.min(MAX_BUDGET_SECONDS, Math.max(MIN_BUDGET_SECONDS, Math.round(budget)));
}

/** Areas grouped by distance from the request: [requested, neighbours, their neighbours, …]. */
function areaLevels(requested: readonly BodyArea[]): BodyArea[][] {
  if (requested.length === 0) return [[...BODY_AREAS]];
  const seen = new Set<BodyArea>(requested);
  const levels: BodyArea[][] = [[...requested]];
  for (;;) {
    const last = levels[levels.length - 1] ?? [];
    const next = new Set<BodyArea>();
    for (const a of last) for (const n of AREA_NEIGHBOURS[a]) if (!seen.has(n)) next.add(n);
    if (next.size === 0) return levels;
    for (const n of next) seen.add(n);
    levels.push(BODY_AREAS.filter((a) => next.has(a)));
  }
}

interface Picker {
  picked: Exercise[];
  total: number;
}

/**
 * Greedy fill: fresh before avoided (avoided only while under half the budget), then the
 * least-covered target area (so whole-body and multi-area requests mix areas), then the shuffled
 * order. Stops once the budget is reached.
 */
function fill(
  state: Picker,
  candidates: readonly Exercise[],
  targets: readonly BodyArea[],
  avoid: ReadonlySet<string>,
  budget: number,
  rng: Rng,
): void {
  const cap = maxRoutineSeconds(budget);
  const coverage = new Map<BodyArea, number>(targets.map((a) => [a, 0]));
  for (const ex of state.picked) bump(coverage, ex, targets);
  const order = shuffle(candidates, rng);
  while (state.total < budget) {
    let best: Exercise | undefined;
    let bestKey: [number, number] | undefined;
    for (const ex of order) {
      if (state.picked.includes(ex) || state.total + ex.estimatedSeconds > cap) continue;
      // Repeats only rescue a too-short routine; they never just top off the last few seconds.
      if (avoid.has(ex.id) && state.total >= budget / 2) continue;
      const key: [number, number] = [avoid.has(ex.id) ? 1 : 0, coverage.get(primaryTarget(ex, targets)) ?? 0];
      if (!bestKey || key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) {
        best = ex;
        bestKey = key;
      }
    }
    if (!best) return;
    state.picked.push(best);
    state.total += best.estimatedSeconds;
    bump(coverage, best, targets);
  }
}

function primaryTarget(ex: Exercise, targets: readonly BodyArea[]): BodyArea {
  return ex.areas.find((a) => targets.includes(a)) ?? ex.areas[0] ?? "neck";
}

function bump(coverage: Map<BodyArea, number>, ex: Exercise, targets: readonly BodyArea[]): void {
  const a = primaryTarget(ex, targets);
  coverage.set(a, (coverage.get(a) ?? 0) + 1);
}

function toRoutine(picked: readonly Exercise[], base: Omit<Routine, "items" | "totalSeconds">): Routine {
  // Stable sort keeps the random order inside each phase.
  const ordered = [...picked].sort((a, b) => routinePhase(a) - routinePhase(b));
  const items = ordered.map((exercise) => ({
    exercise,
    seconds: exercise.estimatedSeconds,
    sides: exercise.dosage.perSide,
  }));
  const routine: Routine = { ...base, items, totalSeconds: items.reduce((s, i) => s + i.seconds, 0) };
  if (routine.fallback === undefined) delete routine.fallback;
  if (routine.position === undefined) delete routine.position;
  if (routine.exerciseId === undefined) delete routine.exerciseId;
  return routine;
}

/** Never empty, no duplicates, fits maxRoutineSeconds(budget) unless a single exercise is longer. */
export function buildRoutine(req: RoutineRequest, rng: Rng, catalog: readonly Exercise[] = EXERCISES): Routine {
  const areas = sanitizeAreas(req?.areas);
  const budgetSeconds = sanitizeBudget(req?.budgetSeconds);
  const position = req?.position === "seated" || req?.position === "standing" ? req.position : undefined;
  const avoid = new Set(Array.isArray(req?.avoidIds) ? req.avoidIds : []);
  const base = { budgetSeconds, areas, position };

  let unknownExercise = false;
  if (typeof req?.exerciseId === "string") {
    const named = catalog.find((e) => e.id === req.exerciseId);
    if (named) return toRoutine([named], { ...base, exerciseId: named.id });
    unknownExercise = true;
  }

  const positioned = position ? catalog.filter((e) => e.positions.includes(position)) : catalog;
  const exact = pickFromLevels(positioned, areas, avoid, budgetSeconds, rng);
  const built = exact ?? pickFromLevels(catalog, areas, avoid, budgetSeconds, rng);
  if (!built) throw new Error("exercise catalog is empty");
  const droppedPosition = position !== undefined && exact === undefined;

  const reasons: string[] = [];
  if (unknownExercise) reasons.push("I couldn't find that exercise, so here's a routine instead.");
  const where = position ? `${position} ` : "";
  // "nearby" only when we stayed one ring out; neck → lower back is not nearby.
  const others = built.farthest === 1 ? `nearby ${bare(built.widenedAreas)}` : areaPhrase(built.widenedAreas);
  if (droppedPosition) {
    reasons.push(`I don't know any ${where}exercises for this yet, so this routine includes other positions.`);
  } else if (built.widenedAreas.length > 0 && built.exactCount === 0) {
    reasons.push(
      `No ${where}exercise targets ${areaPhrase(areas, "or")}, so here are some for ${others} instead.`,
    );
  } else if (built.widenedAreas.length > 0) {
    const n = built.exactCount;
    reasons.push(
      `I only know ${n} ${where}${n === 1 ? "exercise" : "exercises"} for ${areaPhrase(areas)}, so I added some for ${others} to fill the time.`,
    );
  }
  const fallback: RoutineFallback | undefined =
    reasons.length > 0 ? { reason: reasons.join(" "), widenedAreas: built.widenedAreas, droppedPosition } : undefined;
  return toRoutine(built.picked, { ...base, fallback });
}

/**
 * The routine a button showed, rebuilt from its exercise ids in their shown order (unknown ids
 * are skipped). Use this for "Share": rebuilding from the seed alone would miss the avoid list the
 * original was built with. Undefined when no id is known.
 */
export function routineFromExerciseIds(req: RoutineRequest, ids: readonly string[]): Routine | undefined {
  const seen = new Set<string>();
  const exercises: Exercise[] = [];
  for (const id of Array.isArray(ids) ? ids : []) {
    const ex = typeof id === "string" && !seen.has(id) ? exerciseById(id) : undefined;
    if (!ex) continue;
    seen.add(id);
    exercises.push(ex);
  }
  if (exercises.length === 0) return undefined;
  const position = req?.position === "seated" || req?.position === "standing" ? req.position : undefined;
  const items = exercises.map((exercise) => ({ exercise, seconds: exercise.estimatedSeconds, sides: exercise.dosage.perSide }));
  const routine: Routine = {
    items,
    totalSeconds: items.reduce((s, i) => s + i.seconds, 0),
    budgetSeconds: sanitizeBudget(req?.budgetSeconds),
    areas: sanitizeAreas(req?.areas),
  };
  if (position) routine.position = position;
  if (exercises.length === 1 && req?.exerciseId === exercises[0]?.id) routine.exerciseId = req.exerciseId;
  return routine;
}

function bare(areas: readonly BodyArea[]): string {
  return areaPhrase(areas).replace(/^the /, "");
}

interface Built {
  picked: Exercise[];
  /** Candidates (fresh or avoided) that match the requested areas. */
  exactCount: number;
  widenedAreas: BodyArea[];
  /** How many rings out the farthest item came from (0 = all requested areas). */
  farthest: number;
}

/**
 * Fill from the requested areas; if they have nothing, or fill less than half the budget, widen
 * ring by ring to neighbouring areas. Returns undefined only when the pool itself is empty.
 */
function pickFromLevels(
  pool: readonly Exercise[],
  areas: readonly BodyArea[],
  avoid: ReadonlySet<string>,
  budget: number,
  rng: Rng,
): Built | undefined {
  if (pool.length === 0) return undefined;
  const levels = areaLevels(areas);
  const state: Picker = { picked: [], total: 0 };
  const widened = new Set<BodyArea>();
  let exactCount = 0;
  let farthest = 0;
  for (let i = 0; i < levels.length; i++) {
    const levelAreas = levels[i] ?? [];
    const candidates = pool.filter((e) => e.areas.some((a) => levelAreas.includes(a)) && !state.picked.includes(e));
    if (i === 0) exactCount = candidates.length;
    if (candidates.length === 0) continue;
    const before = state.picked.length;
    fill(state, candidates, levelAreas, avoid, budget, rng);
    if (state.picked.length === 0) {
      // Tiny budget: nothing fits, so take the shortest (fresh first) rather than return nothing.
      const shortest = [...candidates].sort(
        (a, b) => Number(avoid.has(a.id)) - Number(avoid.has(b.id)) || a.estimatedSeconds - b.estimatedSeconds,
      )[0];
      if (shortest) {
        state.picked.push(shortest);
        state.total += shortest.estimatedSeconds;
      }
    }
    // Name only the ring an item was taken from, not every secondary area it also touches.
    if (i > 0 && state.picked.length > before) {
      farthest = i;
      for (const ex of state.picked.slice(before)) for (const a of ex.areas) if (levelAreas.includes(a)) widened.add(a);
    }
    if (state.total >= budget / 2) break;
  }
  if (state.picked.length === 0) return undefined;
  return { picked: state.picked, exactCount, farthest, widenedAreas: BODY_AREAS.filter((a) => widened.has(a)) };
}
