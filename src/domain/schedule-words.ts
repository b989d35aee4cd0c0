/**
 * Small readers shared by the `/stretch schedule` parser and the schedule modal: clock times,
 * windows, durations, days, time zones and body areas. Pure; each returns null when it does not
 * understand its input, so callers decide how to phrase the problem.
 */
import { editDistance, typoAllowance } from "../exercises/request-parser.js";
import { MAX_ZONE_TEXT } from "./input-limits.js";
import { isValidZone } from "../time/zones.js";
import { SINGLE_AREA_KEYWORDS } from "../exercises/keywords.js";
import type { BodyArea } from "../exercises/types.js";

export const WHOLE_DAY = { start: 0, end: 24 * 60 } as const;

/** "9", "09:00", "9am", "3:30pm", "12pm", "noon", "midnight", "1530" → minutes after midnight. */
export function readClock(word: string, { allowEndOfDay = false } = {}): number | null {
  const w = word.toLowerCase().replace(/\./g, ":");
  if (w === "noon") return 12 * 60;
  if (w === "midnight") return allowEndOfDay ? 24 * 60 : 0;
  const match = /^(\d{1,2})(?::?(\d{2}))?(am|pm|a|p)?$/.exec(w);
  if (!match) return null;
  let h = Number(match[1]);
  const m = match[2] === undefined ? 0 : Number(match[2]);
  const half = match[3]?.[0];
  if (m > 59) return null;
  if (half) {
    if (h < 1 || h > 12) return null;
    if (half === "a" && h === 12) h = 0;
    if (half === "p" && h !== 12) h += 12;
  }
  if (h === 24 && m === 0 && allowEndOfDay) return 24 * 60;
  return h < 24 ? h * 60 + m : null;
}

/** "09:00-17:00", "9-17", "9am-5pm" → [start, end) in minutes; null when either side is not a time. */
export function readWindow(word: string): { start: number; end: number } | null {
  const parts = word.split("-");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  const start = readClock(parts[0]);
  const end = readClock(parts[1], { allowEndOfDay: true });
  if (start === null || end === null) return null;
  // "9-5" means 09:00-17:00: a morning start and a bare small end hour read as afternoon.
  const bare = (s: string) => /^\d{1,2}$/.test(s);
  if (end <= start && start < 12 * 60 && bare(parts[0]) && bare(parts[1]) && end + 12 * 60 > start) return { start, end: end + 12 * 60 };
  return { start, end };
}

/** One duration reader for every parser (exercises/keywords.ts). */
export { readDurationSeconds } from "../exercises/keywords.js";

const DAY_NAMES: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1, ["mon", "monday", "mo"]],
  [2, ["tue", "tues", "tuesday", "tu"]],
  [3, ["wed", "weds", "wednesday", "we"]],
  [4, ["thu", "thur", "thurs", "thursday", "th"]],
  [5, ["fri", "friday", "fr"]],
  [6, ["sat", "saturday", "sa"]],
  [7, ["sun", "sunday", "su"]],
];
export const DAY_SHORT = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

const DAY_SETS: Readonly<Record<string, number[]>> = {
  weekdays: [1, 2, 3, 4, 5],
  weekday: [1, 2, 3, 4, 5],
  workdays: [1, 2, 3, 4, 5],
  workday: [1, 2, 3, 4, 5],
  daily: [1, 2, 3, 4, 5, 6, 7],
  everyday: [1, 2, 3, 4, 5, 6, 7],
  weekends: [6, 7],
  weekend: [6, 7],
};

/** One day name ("monday", "thurs", typos like "wendesday") → ISO weekday. */
export function readDayName(word: string): number | null {
  const w = word.toLowerCase().replace(/s$/, "") || word.toLowerCase();
  for (const [day, names] of DAY_NAMES) if (names.includes(w) || names.includes(word.toLowerCase())) return day;
  if (w.length < 4) return null;
  let best: { day: number; d: number } | null = null;
  for (const [day, names] of DAY_NAMES) {
    for (const name of names.filter((n) => n.length >= 4)) {
      const d = editDistance(w, name);
      if (d <= typoAllowance(w) && (!best || d < best.d)) best = { day, d };
    }
  }
  return best?.day ?? null;
}

/** "weekdays", "mon-fri", "fri-mon" (wraps), "mon,wed,fri", "tuesday" → ISO weekdays, sorted. */
export function readDays(word: string): number[] | null {
  const w = word.toLowerCase();
  const set = DAY_SETS[w];
  if (set) return [...set];
  const out = new Set<number>();
  for (const part of w.split(",").filter(Boolean)) {
    const range = part.split("-");
    if (range.length === 2) {
      const a = readDayName(range[0]!);
      const b = readDayName(range[1]!);
      if (a === null || b === null) return null;
      for (let d = a; ; d = (d % 7) + 1) {
        out.add(d);
        if (d === b) break;
      }
    } else if (range.length === 1) {
      const named = DAY_SETS[part];
      const d = readDayName(part);
      if (named) named.forEach((x) => out.add(x));
      else if (d !== null) out.add(d);
      else return null;
    } else return null;
  }
  return out.size > 0 ? [...out].sort((a, b) => a - b) : null;
}

/** [1,2,3,4,5] → "Mon–Fri"; [1,3,5] → "Mon, Wed, Fri"; all → "every day". */
export function describeDays(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 7) return "every day";
  if (sorted.length === 0) return "no days";
  const contiguous = sorted.every((d, i) => i === 0 || d === sorted[i - 1]! + 1);
  if (contiguous && sorted.length >= 3) return `${DAY_SHORT[sorted[0]! - 1]}–${DAY_SHORT[sorted[sorted.length - 1]! - 1]}`;
  return sorted.map((d) => DAY_SHORT[d - 1]).join(", ");
}

// ---------------------------------------------------------------------------------------------

let zoneIndex: Map<string, string> | undefined;
function zones(): Map<string, string> {
  zoneIndex ??= new Map([...Intl.supportedValuesOf("timeZone"), "UTC"].map((z) => [z.toLowerCase(), z]));
  return zoneIndex;
}

/** An IANA zone, matched case-insensitively ("europe/warsaw" → "Europe/Warsaw"); null if unknown. */
export function readZone(word: string): string | null {
  if (word.length > MAX_ZONE_TEXT) return null;
  const known = zones().get(word.toLowerCase());
  if (known) return known;
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(word)) return null;
  try {
    // Aliases the list leaves out (Asia/Kolkata vs Asia/Calcutta, Etc/…): Intl knows them.
    const canonical = new Intl.DateTimeFormat("en-US", { timeZone: word }).resolvedOptions().timeZone;
    const chosen = word === word.toLowerCase() ? canonical : word;
    // Slots are computed with luxon: a name it cannot load is no use, whatever Intl says.
    return isValidZone(chosen) ? chosen : null;
  } catch {
    return null;
  }
}

/** The known zone closest to a mistyped one ("Europe/Warsow" → "Europe/Warsaw"), if any is close. */
export function suggestZone(word: string): string | null {
  // Capped before any work: an edit distance costs length × length per zone (~600 zones).
  if (word.length > MAX_ZONE_TEXT) return null;
  const w = word.toLowerCase();
  const allowed = Math.max(2, Math.floor(w.length / 5));
  let best: { zone: string; d: number } | null = null;
  for (const [lower, zone] of zones()) {
    const city = lower.split("/").pop()!;
    // Lengths further apart than the allowance cannot be within it: skip the edit distance.
    const full = Math.abs(lower.length - w.length) <= allowed ? editDistance(w, lower) : Infinity;
    const short = Math.abs(city.length - w.length) <= allowed ? editDistance(w, city) : Infinity;
    const d = Math.min(full, short);
    if (d <= allowed && (!best || d < best.d)) best = { zone, d };
  }
  return best?.zone ?? null;
}

// ---------------------------------------------------------------------------------------------

export const ROTATE_WORDS = new Set(["rotate", "rotating", "rotation", "mixed", "mix", "any", "all", "varied", "auto"]);

/** "neck", "lower back", "hipps" (typo) → BodyArea; null when it is not one area. */
export function readArea(text: string): BodyArea | null {
  const t = text.toLowerCase().trim().replace(/\s+/g, " ");
  const exact = SINGLE_AREA_KEYWORDS.get(t);
  if (exact) return exact;
  if (t.length < 3) return null;
  let best: { area: BodyArea; d: number } | null = null;
  for (const [word, area] of SINGLE_AREA_KEYWORDS) {
    const d = editDistance(t, word);
    if (d <= typoAllowance(t) && (!best || d < best.d)) best = { area, d };
  }
  return best?.area ?? null;
}

/** Text we hand back to the user: no mentions or links (`<…>`), at most 30 characters. */
export function quote(word: string): string {
  const clean = word.replace(/[<>&`*_~]/g, "").replace(/\s+/g, " ").trim();
  const chars = Array.from(clean);
  return chars.length <= 30 ? clean : `${chars.slice(0, 29).join("")}…`;
}
