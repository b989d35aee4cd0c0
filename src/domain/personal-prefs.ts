/**
 * Each person's own shape for their prompts: areas to prefer or avoid, seated-only, gentle or
 * standard intensity, compact or full prompts, language, time-zone override, working hours and
 * days. Pure: what the routine builder may use for them, and `/stretch me …` parsing.
 */
import { EXERCISES } from "../exercises/catalog.js";
import { BODY_AREAS, type BodyArea, type Exercise } from "../exercises/types.js";
import { invalidWithExample, problem, type InvalidWithExample, type Problem } from "./problem.js";
import { readArea, readDays, readDurationSeconds, readWindow, readZone } from "./schedule-words.js";

export type Intensity = "gentle" | "standard";
export type PromptStyle = "compact" | "full";
export const LANGUAGES = ["en", "pl"] as const;
export type Language = (typeof LANGUAGES)[number];

export interface PersonalPrefs {
  preferredAreas: BodyArea[];
  avoidAreas: BodyArea[];
  seatedOnly: boolean;
  intensity: Intensity;
  promptStyle: PromptStyle;
}

export const DEFAULT_PREFS: Readonly<PersonalPrefs> = Object.freeze({ preferredAreas: [], avoidAreas: [], seatedOnly: false, intensity: "standard", promptStyle: "compact" });

const isArea = (a: string): a is BodyArea => (BODY_AREAS as readonly string[]).includes(a);

/** Stored columns (text) → prefs; unknown values fall back to the defaults. */
export function prefsFromRow(row: { preferredAreas?: string[] | null; avoidAreas?: string[] | null; seatedOnly?: boolean | null; intensity?: string | null; promptStyle?: string | null }): PersonalPrefs {
  return {
    preferredAreas: (row.preferredAreas ?? []).filter(isArea),
    avoidAreas: (row.avoidAreas ?? []).filter(isArea),
    seatedOnly: row.seatedOnly === true,
    intensity: row.intensity === "gentle" ? "gentle" : "standard",
    promptStyle: row.promptStyle === "full" ? "full" : "compact",
  };
}

/** Gentle: stretches and mobility only, no strength moves. */
function fitsIntensity(ex: Exercise, intensity: Intensity): boolean {
  return intensity === "standard" || ex.kind !== "strength";
}

/**
 * The exercises this person's routines may use: none that works an area they avoid (e.g. "no neck"
 * after an injury), only seated ones when seated-only, no strength moves when gentle. Seated and
 * gentle are given up (in that order) before the list goes empty; an avoided area never is, unless
 * the person avoids every area the catalog has (then nothing could be offered at all).
 */
export function personalCatalog(prefs: PersonalPrefs, catalog: readonly Exercise[] = EXERCISES): readonly Exercise[] {
  if (prefs.avoidAreas.length === 0 && !prefs.seatedOnly && prefs.intensity === "standard") return catalog;
  const allowed = catalog.filter((ex) => !ex.areas.some((a) => prefs.avoidAreas.includes(a)));
  const base = allowed.length > 0 ? allowed : catalog;
  const tries = [
    base.filter((ex) => (!prefs.seatedOnly || ex.positions.includes("seated")) && fitsIntensity(ex, prefs.intensity)),
    base.filter((ex) => fitsIntensity(ex, prefs.intensity)),
    base,
  ];
  return tries.find((t) => t.length > 0) ?? catalog;
}

/**
 * The area a scheduled prompt uses for this person: the schedule's (or rotation's) area unless
 * they avoid it; then one of their preferred areas (rotating by slot), else the next area in body
 * order they don't avoid. A rotation with preferred areas rotates through those.
 */
export function personalArea(area: BodyArea, prefs: PersonalPrefs, slotIndex: number, rotating: boolean): BodyArea {
  const preferred = prefs.preferredAreas.filter((a) => !prefs.avoidAreas.includes(a));
  const pick = (list: readonly BodyArea[]) => list[((slotIndex % list.length) + list.length) % list.length]!;
  if (rotating && preferred.length > 0) return pick(preferred);
  if (!prefs.avoidAreas.includes(area)) return area;
  if (preferred.length > 0) return pick(preferred);
  const start = BODY_AREAS.indexOf(area);
  for (let i = 1; i <= BODY_AREAS.length; i++) {
    const next = BODY_AREAS[(start + i) % BODY_AREAS.length]!;
    if (!prefs.avoidAreas.includes(next)) return next;
  }
  return area;
}

// ---- `/stretch me …` ----

export type MeChange =
  | { field: "hours"; start: number; end: number }
  | { field: "days"; days: number[] }
  | { field: "tz"; tz: string | null }
  | { field: "every"; minutes: number }
  | { field: "prefer"; areas: BodyArea[] }
  | { field: "avoid"; areas: BodyArea[] }
  | { field: "seated"; on: boolean }
  | { field: "intensity"; intensity: Intensity }
  | { field: "style"; style: PromptStyle }
  | { field: "language"; language: Language | null };

export type MeRequest = { kind: "show" } | { kind: "change"; change: MeChange } | InvalidWithExample;

const ON = new Set(["on", "yes", "true", "only", "tak", "wlacz"]);
const OFF = new Set(["off", "no", "false", "nie", "wylacz"]);
const NONE = new Set(["none", "nothing", "clear", "reset", "any", "brak", "nic"]);
const AUTO = new Set(["auto", "slack", "default", "reset", "domyslny", "domyslna", "automatycznie"]);

/** Setting names in English and Polish. */
const FIELD_WORDS: Record<string, MeChange["field"]> = {
  hours: "hours", hour: "hours", work: "hours", godziny: "hours", godz: "hours",
  days: "days", day: "days", dni: "days",
  tz: "tz", timezone: "tz", zone: "tz", strefa: "tz",
  every: "every", frequency: "every", interval: "every", co: "every", czestotliwosc: "every",
  prefer: "prefer", preferred: "prefer", focus: "prefer", wolę: "prefer", wole: "prefer", preferuje: "prefer", preferuję: "prefer",
  avoid: "avoid", skip: "avoid", no: "avoid", unikaj: "avoid", bez: "avoid",
  seated: "seated", sitting: "seated", siedzac: "seated", siedząc: "seated",
  intensity: "intensity", intensywnosc: "intensity", intensywność: "intensity",
  prompts: "style", prompt: "style", style: "style", styl: "style", format: "style",
  language: "language", lang: "language", jezyk: "language", język: "language",
};

const EXAMPLE = "/stretch me avoid neck";

/** Reads area words ("neck, lower back", "szyja plecy") into BodyAreas; null if one is unknown. */
function readAreas(words: string[]): BodyArea[] | null {
  const text = words.join(" ").toLowerCase();
  const parts = text.split(/\s*(?:,|\band\b|\bi\b|\+)\s*/).filter(Boolean);
  const out: BodyArea[] = [];
  for (const part of parts) {
    const whole = readArea(part);
    if (whole) {
      out.push(whole);
      continue;
    }
    // "neck shoulders": try two-word, then one-word areas.
    const tokens = part.split(/\s+/);
    for (let i = 0; i < tokens.length; i++) {
      const two = i + 1 < tokens.length ? readArea(`${tokens[i]} ${tokens[i + 1]}`) : null;
      if (two) {
        out.push(two);
        i += 1;
        continue;
      }
      const one = readArea(tokens[i]!);
      if (!one) return null;
      out.push(one);
    }
  }
  return [...new Set(out)];
}

export function parseMeCommand(text: string): MeRequest {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || (words.length === 1 && ["show", "settings", "ustawienia", "pokaz"].includes(words[0]!.toLowerCase()))) return { kind: "show" };
  const field = FIELD_WORDS[words[0]!.toLowerCase()];
  const args = words.slice(1);
  const arg = args.join(" ").toLowerCase();
  const bad = (p: Problem, example: string): MeRequest => invalidWithExample(p, example);
  switch (field) {
    case "hours": {
      const w = readWindow(args.join("").replace(/to|do/g, "-"));
      return w && w.end > w.start ? { kind: "change", change: { field: "hours", start: w.start, end: w.end } } : bad(problem("meHours"), "/stretch me hours 08:30-16:30");
    }
    case "days": {
      const days = readDays(args.join(",").toLowerCase());
      return days && days.length > 0 ? { kind: "change", change: { field: "days", days } } : bad(problem("meDays"), "/stretch me days mon-fri");
    }
    case "tz": {
      if (args.length === 1 && AUTO.has(arg)) return { kind: "change", change: { field: "tz", tz: null } };
      const tz = args.length === 1 ? readZone(args[0]!) : null;
      return tz ? { kind: "change", change: { field: "tz", tz } } : bad(problem("meTz"), "/stretch me tz Europe/Warsaw");
    }
    case "every": {
      const seconds = args.length === 1 ? readDurationSeconds(args[0]!) : null;
      return seconds && seconds >= 60 ? { kind: "change", change: { field: "every", minutes: Math.round(seconds / 60) } } : bad(problem("meEvery"), "/stretch me every 90m");
    }
    case "prefer":
    case "avoid": {
      if (args.length === 1 && NONE.has(arg)) return { kind: "change", change: { field, areas: [] } };
      const areas = readAreas(args);
      return areas && areas.length > 0 ? { kind: "change", change: { field, areas } } : bad(problem("meAreas", { areas: BODY_AREAS.map((a) => `\`${a}\``).join(", "), field }), `/stretch me ${field} neck, lower back`);
    }
    case "seated":
      if (ON.has(arg) || arg === "") return { kind: "change", change: { field: "seated", on: true } };
      if (OFF.has(arg)) return { kind: "change", change: { field: "seated", on: false } };
      return bad(problem("meOnOff"), "/stretch me seated on");
    case "intensity":
      if (["gentle", "lagodna", "łagodna", "light", "easy"].includes(arg)) return { kind: "change", change: { field: "intensity", intensity: "gentle" } };
      if (["standard", "normal", "normalna", "standardowa"].includes(arg)) return { kind: "change", change: { field: "intensity", intensity: "standard" } };
      return bad(problem("meIntensity"), "/stretch me intensity gentle");
    case "style":
      if (["compact", "short", "krotki", "krótki", "zwiezly", "zwięzły"].includes(arg)) return { kind: "change", change: { field: "style", style: "compact" } };
      if (["full", "long", "detailed", "pelny", "pełny"].includes(arg)) return { kind: "change", change: { field: "style", style: "full" } };
      return bad(problem("mePrompts"), "/stretch me prompts full");
    case "language": {
      if (AUTO.has(arg)) return { kind: "change", change: { field: "language", language: null } };
      const lang = arg.startsWith("pl") || arg.startsWith("pol") ? "pl" : arg.startsWith("en") || arg.startsWith("ang") ? "en" : null;
      return lang ? { kind: "change", change: { field: "language", language: lang } } : bad(problem("meLanguage", { languages: "`en`, `pl`" }), "/stretch me language pl");
    }
    default:
      return bad(problem("meUnknownSetting"), EXAMPLE);
  }
}
