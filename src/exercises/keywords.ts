/**
 * The words people use for body areas and durations: one keyword table for every parser (the
 * routine request, `/stretch schedule`, `/stretch me`), so they cannot disagree. Pure data.
 */
import type { BodyArea } from "./types.js";

/**
 * Every word and phrase for a body area, English and Polish (with and without diacritics, common
 * cases), for `/stretch <area>`, schedules (`area …`) and `/stretch me avoid …`. "back" means
 * both backs (only the routine parser takes a two-area word). Traps go to shoulders, not neck:
 * the catalog's trap exercise (shoulder shrugs) lists shoulders first.
 */
export const AREA_KEYWORDS: ReadonlyArray<readonly [string, readonly BodyArea[]]> = [
  ["neck", ["neck"]],
  ["necks", ["neck"]],
  ["shoulder", ["shoulders"]],
  ["shoulders", ["shoulders"]],
  ["trap", ["shoulders"]],
  ["traps", ["shoulders"]],
  ["trapezius", ["shoulders"]],
  ["upper back", ["upper back"]],
  ["upperback", ["upper back"]],
  ["upper-back", ["upper back"]],
  ["mid back", ["upper back"]],
  ["midback", ["upper back"]],
  ["middle back", ["upper back"]],
  ["thoracic", ["upper back"]],
  ["t spine", ["upper back"]],
  ["tspine", ["upper back"]],
  ["lower back", ["lower back"]],
  ["lowerback", ["lower back"]],
  ["lower-back", ["lower back"]],
  ["low back", ["lower back"]],
  ["lowback", ["lower back"]],
  ["lumbar", ["lower back"]],
  ["back", ["upper back", "lower back"]],
  ["backs", ["upper back", "lower back"]],
  ["hip", ["hips"]],
  ["hips", ["hips"]],
  ["glute", ["hips"]],
  ["glutes", ["hips"]],
  ["butt", ["hips"]],
  ["leg", ["legs"]],
  ["legs", ["legs"]],
  ["calf", ["legs"]],
  ["calves", ["legs"]],
  ["hamstring", ["legs"]],
  ["hamstrings", ["legs"]],
  ["hammies", ["legs"]],
  ["quad", ["legs"]],
  ["quads", ["legs"]],
  ["thigh", ["legs"]],
  ["thighs", ["legs"]],
  ["core", ["core"]],
  ["abs", ["core"]],
  ["ab", ["core"]],
  ["abdominals", ["core"]],
  ["tummy", ["core"]],
  ["stomach", ["core"]],
  ["belly", ["core"]],
  // Polish (with and without diacritics, common cases).
  ["szyja", ["neck"]], ["szyi", ["neck"]], ["szyję", ["neck"]], ["szyje", ["neck"]], ["kark", ["neck"]], ["karku", ["neck"]],
  ["bark", ["shoulders"]], ["barki", ["shoulders"]], ["barków", ["shoulders"]], ["barkow", ["shoulders"]], ["ramiona", ["shoulders"]], ["ramion", ["shoulders"]],
  ["górne plecy", ["upper back"]], ["gorne plecy", ["upper back"]], ["góra pleców", ["upper back"]], ["gora plecow", ["upper back"]], ["odcinek piersiowy", ["upper back"]],
  ["dolne plecy", ["lower back"]], ["dół pleców", ["lower back"]], ["dol plecow", ["lower back"]], ["lędźwie", ["lower back"]], ["ledzwie", ["lower back"]], ["krzyż", ["lower back"]], ["krzyz", ["lower back"]],
  ["plecy", ["upper back", "lower back"]], ["pleców", ["upper back", "lower back"]], ["plecow", ["upper back", "lower back"]],
  ["biodro", ["hips"]], ["biodra", ["hips"]], ["bioder", ["hips"]], ["pośladki", ["hips"]], ["posladki", ["hips"]],
  ["noga", ["legs"]], ["nogi", ["legs"]], ["nóg", ["legs"]], ["nog", ["legs"]], ["łydki", ["legs"]], ["lydki", ["legs"]], ["uda", ["legs"]],
  ["brzuch", ["core"]], ["brzucha", ["core"]], ["tułów", ["core"]], ["tulow", ["core"]],
];

/** The routine parser's and the schedule readers' single-area words (no "back": that is two). */
export const SINGLE_AREA_KEYWORDS: ReadonlyMap<string, BodyArea> = new Map(
  AREA_KEYWORDS.filter(([, areas]) => areas.length === 1).map(([word, areas]) => [word, areas[0]!] as const),
);

/**
 * Duration units, English and Polish ("5 minut", "2 minuty", "30 sekund", "1 godzina") and their
 * seconds. Routines and schedules count seconds to hours; pauses minutes to days.
 */
const DURATION_UNITS = {
  d: { pattern: "days?|d|dni", spelled: "days?", seconds: 86_400 },
  h: { pattern: "godzin[ay]?|godz|hours?|hrs?|h", spelled: "hours?", seconds: 3600 },
  m: { pattern: "minut[ay]?|minutes?|mins?|m", spelled: "minutes?|mins?", seconds: 60 },
  s: { pattern: "sekund[ay]?|sek|seconds?|secs?|s", spelled: "seconds?|secs?", seconds: 1 },
} as const;
export type DurationUnit = keyof typeof DURATION_UNITS;

/** These units as one regex alternation (longest spellings first where they share a start). */
export function durationUnitPattern(units: readonly DurationUnit[]): string {
  return units.map((u) => DURATION_UNITS[u].pattern).join("|");
}

/**
 * The units that may follow an English number word ("five minutes", "a minute"): spelled out, as a
 * lone letter there ("a m") is more likely not a duration.
 */
export function spelledUnitPattern(units: readonly DurationUnit[]): string {
  return units.map((u) => DURATION_UNITS[u].spelled).join("|");
}

/** The units of a routine or a schedule (no days: nothing there lasts or repeats that long). */
export const DURATION_UNIT_PATTERN = durationUnitPattern(["h", "m", "s"]);

const UNIT_WORDS = (Object.keys(DURATION_UNITS) as DurationUnit[]).map((u) => [new RegExp(`^(?:${DURATION_UNITS[u].pattern})$`), DURATION_UNITS[u].seconds] as const);

/** Seconds in one `unit`; `fallback` when the unit is not one of ours. */
export function unitSeconds(unit: string, fallback = 60): number {
  for (const [re, s] of UNIT_WORDS) if (re.test(unit)) return s;
  return fallback;
}

/**
 * A reader of one word as a duration in these units: "60m", "90min" (joined), "1.5h", "2hours",
 * "90s", "5minut"; a bare number in `bareUnitSeconds`. It answers seconds, or null when the word is
 * not a duration.
 */
export function durationReader(units: readonly DurationUnit[], bareUnitSeconds = 60): (word: string) => number | null {
  const re = new RegExp(`^(\\d{1,5}(?:[.,]\\d{1,3})?)(${durationUnitPattern(units)})?$`);
  return (word) => {
    const match = re.exec(word.toLowerCase());
    if (!match) return null;
    const n = Number(match[1]!.replace(",", "."));
    return Math.round(n * (match[2] ? unitSeconds(match[2]) : bareUnitSeconds));
  };
}

/** One word as a routine's or a schedule's duration (seconds to hours; a bare number is minutes). */
export const readDurationSeconds = durationReader(["h", "m", "s"]);
