/**
 * Understands the free text after `/stretch` (the router has already taken out the other
 * sub-commands). Pure and forgiving: case, plurals, aliases, typos, any duration spelling. It never
 * throws, and never hands back more than 100 characters of what was typed.
 */
import { EXERCISES } from "./catalog.js";
import { MAX_BUDGET_SECONDS, MIN_BUDGET_SECONDS, formatDuration, type RoutineRequest } from "./routine-builder.js";
import { AREA_KEYWORDS as AREA_TERMS, DURATION_UNIT_PATTERN, durationUnitPattern, spelledUnitPattern, unitSeconds } from "./keywords.js";
import { BODY_AREAS, type BodyArea, type Position } from "./types.js";

export type ParsedRoutineRequest =
  | {
      kind: "routine";
      request: RoutineRequest;
      /** What we took from the text, in plain words ("neck", "5 min", "seated"), plus clamp notes. */
      understood: string[];
      /** Words we skipped (at most 5, each at most 30 chars). */
      ignored: string[];
    }
  | { kind: "exercise"; exerciseId: string }
  | { kind: "list" }
  | { kind: "help" }
  | { kind: "unknown"; input: string; suggestions: string[] };

/** Longest stretch of the user's text ever handed back (for "I didn't catch …"). */
export const MAX_ECHO_CHARS = 100;
/** Bounds the work on huge inputs; nobody types more than this many words on purpose. */
const MAX_WORDS = 60;
const MAX_FUZZY_WORD_LENGTH = 40;

/**
 * Control, bidi and zero-width characters: stripped so RTL overrides cannot reorder our reply.
 * The zero-width joiner stays: emoji sequences need it.
 */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u061C\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/** Words that mean "everything": an empty area list. */
const WHOLE_BODY_TERMS = ["whole body", "full body", "wholebody", "fullbody", "body", "all", "everything", "anything", "any", "całe ciało", "cale cialo", "ciało", "cialo", "wszystko"];

const POSITION_TERMS: ReadonlyArray<readonly [string, Position]> = [
  ["seated", "seated"],
  ["sitting", "seated"],
  ["sit", "seated"],
  ["seat", "seated"],
  ["chair", "seated"],
  ["desk", "seated"],
  ["standing", "standing"],
  ["stand", "standing"],
  ["standup", "standing"],
  ["upright", "standing"],
  ["siedząc", "seated"], ["siedzaco", "seated"], ["siedząco", "seated"], ["siedzac", "seated"], ["krzesło", "seated"], ["krzeslo", "seated"],
  ["stojąc", "standing"], ["stojaco", "standing"], ["stojąco", "standing"], ["stojac", "standing"],
];

const LIST_TEXTS = new Set(["list", "ls", "areas", "exercises", "list exercises", "list areas", "all exercises", "show exercises", "catalog", "catalogue", "menu", "options"]);
const HELP_TEXTS = new Set(["help", "h", "?", "usage", "commands", "command"]);

/** Carry no meaning for a routine: dropped silently rather than reported as ignored. */
const FILLER = new Set([
  "a", "an", "the", "and", "or", "n", "&", "+", "for", "me", "my", "i", "im", "to", "of", "with", "some", "please", "pls", "plz",
  "quick", "short", "little", "bit", "routine", "routines", "stretch", "stretches", "stretching", "exercise", "exercises",
  "break", "session", "workout", "give", "want", "do", "need", "can", "you", "at", "on", "in", "out", "up", "just", "few",
  "time", "now", "area", "areas", "today", "let's", "lets", "go", "only", "something", "thanks", "thank", "?",
  "na", "dla", "mnie", "proszę", "prosze", "trochę", "troche", "ćwiczenia", "cwiczenia", "rozciąganie", "rozciaganie", "zestaw", "przerwa", "po", "i", "z",
]);

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, "forty-five": 45, fifty: 50, sixty: 60, ninety: 90,
};

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

/** Damerau-Levenshtein (optimal string alignment) over code points. */
export function editDistance(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  const rows: number[][] = [];
  for (let i = 0; i <= s.length; i++) {
    const row: number[] = new Array<number>(t.length + 1).fill(0);
    row[0] = i;
    rows.push(row);
  }
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let j = 0; j <= t.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= s.length; i++) {
    const row = rows[i] as number[];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, at(i - 2, j - 2) + 1);
      row[j] = d;
    }
  }
  return at(s.length, t.length);
}

/** Typos allowed: none for 1–2 letters (too many real words collide), 1 up to 5, 2 beyond. */
export function typoAllowance(word: string): number {
  const n = Array.from(word).length;
  if (n <= 2) return 0;
  return n <= 5 ? 1 : 2;
}

/** Lowercase words; punctuation and hyphens split words ("lower-back" → "lower", "back"). */
function normalizeWords(text: string): string[] {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(INVISIBLE, "")
    .replace(/[^\p{L}\p{M}\p{N}?']+/gu, " ")
    .split(" ")
    .map((w) => (/^\?+$/.test(w) ? "?" : w.replace(/\?/g, "").replace(/^'+|'+$/g, "")))
    .filter((w) => w.length > 0);
}

function contentKey(text: string): string {
  return normalizeWords(text)
    .filter((w) => !FILLER.has(w))
    .join(" ");
}

/** The typed text made safe to hand back: no control or bidi characters, at most 100 chars. */
function echo(text: string): string {
  const chars = Array.from(text.replace(INVISIBLE, "").replace(/\s+/g, " ").trim());
  return chars.length <= MAX_ECHO_CHARS ? chars.join("") : `${chars.slice(0, MAX_ECHO_CHARS - 1).join("")}…`;
}

function clip(word: string, max = 30): string {
  const chars = Array.from(word);
  return chars.length <= max ? word : `${chars.slice(0, max - 1).join("")}…`;
}

interface ExerciseTerm {
  key: string;
  id: string;
  name: string;
}

/** Names, aliases and ids, normalized the same way as input so "sit & rotate" ≡ "sit and rotate". */
const EXERCISE_TERMS: readonly ExerciseTerm[] = EXERCISES.flatMap((ex) =>
  [ex.name, ...ex.aliases, ex.id.replace(/-/g, " ")].map((s) => ({ key: contentKey(s), id: ex.id, name: ex.name })),
).filter((t) => t.key.length > 0);

// ---------------------------------------------------------------------------------------------
// Durations
// ---------------------------------------------------------------------------------------------

const UNIT = DURATION_UNIT_PATTERN;
const NUMBER_WORD = Object.keys(NUMBER_WORDS).sort((a, b) => b.length - a.length).join("|");
/** "5m", "5 min", "1.5m", "2m30s" (two matches), "90 sec", "five minutes", "a minute". */
const DURATION_RE = new RegExp(
  `(?<![\\p{L}\\p{N}.])(?:(\\d{1,15}(?:[.,]\\d{1,3})?)\\s*(${UNIT})|(${NUMBER_WORD})\\s+(${spelledUnitPattern(["h", "m", "s"])}))(?![\\p{L}])`,
  "gu",
);
/** "2m30s", "1h15m": the end of an hour or minute unit followed by more digits. */
const SPLIT_UNIT_RE = new RegExp(`(\\d\\s*(?:${durationUnitPattern(["h", "m"])}))(?=\\d)`, "g");
/** "2:30" as minutes:seconds. */
const CLOCK_RE = /(?<![\p{L}\p{N}:])(\d{1,2}):([0-5]\d)(?![\p{N}:])/gu;

/** Pulls every duration out of the text; returns the total and the text without them. */
function extractDurations(text: string): { seconds: number | undefined; rest: string } {
  let total: number | undefined;
  const add = (s: number): void => {
    total = (total ?? 0) + s;
  };
  // "2m30s": split a unit from a following number so both halves are found.
  const spaced = text.replace(SPLIT_UNIT_RE, "$1 ");
  let rest = spaced.replace(CLOCK_RE, (_m, min: string, sec: string) => {
    add(Number(min) * 60 + Number(sec));
    return " ";
  });
  rest = rest.replace(DURATION_RE, (_m, num?: string, unit?: string, word?: string, wordUnit?: string) => {
    const n = num !== undefined ? Number(num.replace(",", ".")) : (NUMBER_WORDS[word ?? ""] ?? 0);
    add(n * unitSeconds(num !== undefined ? (unit ?? "m") : (wordUnit ?? "m")));
    return " ";
  });
  return { seconds: total, rest };
}

/** A bare number: up to 20 reads as minutes ("neck 5"), more as seconds ("neck 90"). */
function bareNumberSeconds(word: string): number | undefined {
  if (!/^\d{1,6}$/.test(word)) return undefined;
  const n = Number(word);
  return n <= 20 ? n * 60 : n;
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

type Match =
  | { type: "areas"; areas: readonly BodyArea[]; term: string }
  | { type: "whole"; term: string }
  | { type: "position"; position: Position; term: string };

const PHRASES: ReadonlyMap<string, Match> = new Map<string, Match>([
  ...AREA_TERMS.map(([term, areas]): [string, Match] => [term, { type: "areas", areas, term }]),
  ...WHOLE_BODY_TERMS.map((term): [string, Match] => [term, { type: "whole", term }]),
  ...POSITION_TERMS.map(([term, position]): [string, Match] => [term, { type: "position", position, term }]),
]);
/** Fuzzy matching skips the catch-all words: "any" ≈ "and", "all" ≈ "ab"… */
const FUZZY_PHRASES = [...PHRASES.values()].filter((m) => m.type !== "whole" && Array.from(m.term).length > 2);

/**
 * Closest phrase with the same number of words, each word within its own typo allowance, so
 * "lowr back" finds "lower back" but "bad back" does not become "mid back".
 */
function fuzzyPhrase(typed: readonly string[]): Match | undefined {
  if (typed.some((w) => Array.from(w).length > MAX_FUZZY_WORD_LENGTH)) return undefined;
  let best: Match | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const m of FUZZY_PHRASES) {
    const termWords = m.term.split(" ");
    if (termWords.length !== typed.length) continue;
    let total = 0;
    for (let k = 0; k < typed.length && total < bestD; k++) {
      const w = typed[k] as string;
      const d = editDistance(w, termWords[k] as string);
      total = d <= typoAllowance(w) ? total + d : Number.POSITIVE_INFINITY;
    }
    if (total > 0 && total < bestD) {
      best = m;
      bestD = total;
    }
  }
  return best;
}

interface Scan {
  areas: Set<BodyArea>;
  whole: boolean;
  position?: Position;
  positions: Position[];
  bareSeconds?: number;
  understood: string[];
  ignored: string[];
  /** Some word was only a typo-match or was not understood at all. */
  inexact: boolean;
}

function scanWords(words: readonly string[]): Scan {
  const scan: Scan = { areas: new Set(), whole: false, positions: [], understood: [], ignored: [], inexact: false };
  const take = (m: Match, typed: string | undefined): void => {
    const from = typed ? ` (from “${clip(typed)}”)` : "";
    if (m.type === "areas") {
      for (const a of m.areas) scan.areas.add(a);
      scan.understood.push(`${m.areas.length > 1 ? "upper & lower back" : m.areas[0]}${from}`);
    } else if (m.type === "whole") {
      scan.whole = true;
      scan.understood.push(`whole body${from}`);
    } else {
      scan.positions.push(m.position);
      scan.understood.push(`${m.position}${from}`);
    }
  };
  let i = 0;
  while (i < words.length) {
    const w = words[i] as string;
    if (FILLER.has(w)) {
      i++;
      continue;
    }
    let matched = false;
    for (const n of [3, 2, 1]) {
      const phrase = words.slice(i, i + n).join(" ");
      const m = words.length - i >= n ? PHRASES.get(phrase) : undefined;
      if (m) {
        take(m, undefined);
        i += n;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const bare = bareNumberSeconds(w);
    if (bare !== undefined) {
      scan.bareSeconds = (scan.bareSeconds ?? 0) + bare;
      i++;
      continue;
    }
    // Typos: a two-word phrase first ("lowr back"), then the word alone.
    const next = words[i + 1];
    const pair = next !== undefined ? fuzzyPhrase([w, next]) : undefined;
    if (pair && next !== undefined) {
      take(pair, `${w} ${next}`);
      scan.inexact = true;
      i += 2;
      continue;
    }
    const single = fuzzyPhrase([w]);
    scan.inexact = true;
    if (single) take(single, w);
    else if (scan.ignored.length < 5) scan.ignored.push(clip(w));
    i++;
  }
  return scan;
}

function exactExercise(key: string): string | undefined {
  return key ? EXERCISE_TERMS.find((t) => t.key === key)?.id : undefined;
}

function fuzzyExercise(key: string): string | undefined {
  const allowed = typoAllowance(key);
  if (allowed === 0 || Array.from(key).length > MAX_FUZZY_WORD_LENGTH + 20) return undefined;
  let best: string | undefined;
  let bestD = allowed + 1;
  for (const t of EXERCISE_TERMS) {
    const d = editDistance(key, t.key);
    if (d < bestD) {
      best = t.id;
      bestD = d;
    }
  }
  return best;
}

function fuzzySet(word: string, set: ReadonlySet<string>): boolean {
  const allowed = typoAllowance(word);
  if (allowed === 0) return false;
  for (const s of set) if (Array.from(s).length > 2 && editDistance(word, s) <= allowed) return true;
  return false;
}

/** Splits out Slack escapes (<@U1>, <!here>, <#C1|x>, literal <script>) and @mentions as junk. */
function takeJunk(text: string): { rest: string; junk: string[] } {
  const junk: string[] = [];
  const decoded = text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const rest = decoded
    .replace(/<[^<>]{0,200}>/g, (m) => {
      junk.push(m);
      return " ";
    })
    .replace(/[<>]/g, (m) => {
      junk.push(m);
      return " ";
    })
    .replace(/(^|\s)[@#][^\s]*/g, (m) => {
      junk.push(m.trim());
      return " ";
    })
    // Emoji and other symbols carry no request: they make an otherwise empty text "unknown".
    .replace(/[\p{Extended_Pictographic}\p{So}]+/gu, (m) => {
      junk.push(m);
      return " ";
    });
  return { rest, junk };
}

/** Turns `/stretch <text>` into a routine request, an exercise, list, help or unknown. */
export function parseRoutineText(text: string): ParsedRoutineRequest {
  try {
    return parse(typeof text === "string" ? text : "");
  } catch {
    // Defensive: a parser bug must still give the user an answer, not a crash.
    return { kind: "unknown", input: echo(typeof text === "string" ? text : ""), suggestions: [] };
  }
}

function parse(text: string): ParsedRoutineRequest {
  const { rest, junk } = takeJunk(text.replace(INVISIBLE, ""));
  const allWords = normalizeWords(rest);
  const words = allWords.slice(0, MAX_WORDS);
  const phrase = words.join(" ");

  if (junk.length === 0 && HELP_TEXTS.has(phrase)) return { kind: "help" };
  if (junk.length === 0 && (words[0] === "help" || /^\?+$/.test(text.trim()))) return { kind: "help" };
  if (junk.length === 0 && LIST_TEXTS.has(phrase)) return { kind: "list" };
  // One mistyped word: "lsit" means list more likely than "sit".
  const only = words.length === 1 ? (words[0] as string) : undefined;
  if (only && junk.length === 0 && !PHRASES.has(only)) {
    if (fuzzySet(only, HELP_TEXTS)) return { kind: "help" };
    if (fuzzySet(only, LIST_TEXTS)) return { kind: "list" };
  }

  // Exercise names win when typed exactly: "seated twist" is an exercise, not "seated" + junk.
  const { seconds: durationSeconds, rest: withoutDurations } = extractDurations(rest.normalize("NFKC").toLowerCase());
  const key = contentKey(phrase);
  const keyNoDuration = contentKey(withoutDurations);
  const keyNoPosition = normalizeWords(withoutDurations)
    .filter((w) => !FILLER.has(w) && !POSITION_TERMS.some(([t]) => t === w))
    .join(" ");
  for (const k of [key, keyNoDuration, keyNoPosition]) {
    const id = exactExercise(k);
    if (id) return { kind: "exercise", exerciseId: id };
  }

  const scan = scanWords(normalizeWords(withoutDurations).slice(0, MAX_WORDS));
  const strong = scan.areas.size > 0 || scan.whole || scan.positions.length > 0 || durationSeconds !== undefined;
  // A bare number counts alone ("/stretch 5") or beside real words, never inside junk ("alert(1)").
  const bareCounts = scan.bareSeconds !== undefined && (strong || (scan.ignored.length === 0 && junk.length === 0));
  const seconds =
    durationSeconds !== undefined || bareCounts ? (durationSeconds ?? 0) + (bareCounts ? (scan.bareSeconds ?? 0) : 0) : undefined;
  const recognized = strong || seconds !== undefined;

  if (scan.inexact || junk.length > 0) {
    const id = fuzzyExercise(keyNoDuration) ?? fuzzyExercise(keyNoPosition);
    if (id && junk.length === 0) return { kind: "exercise", exerciseId: id };
  }

  if (!recognized) {
    if (scan.ignored.length > 0 || junk.length > 0) {
      return { kind: "unknown", input: echo(text), suggestions: suggest(scan.ignored.length > 0 ? allWords.filter((w) => !FILLER.has(w)) : []) };
    }
  }

  const request: RoutineRequest = { areas: BODY_AREAS.filter((a) => scan.areas.has(a)) };
  const understood = [...new Set(scan.understood)];
  if (scan.areas.size > 0 && scan.whole) understood.push("specific areas win over whole body");
  if (seconds !== undefined) {
    const clamped = Math.min(MAX_BUDGET_SECONDS, Math.max(MIN_BUDGET_SECONDS, Math.round(seconds)));
    request.budgetSeconds = clamped;
    understood.push(formatDuration(clamped));
    if (clamped > seconds) understood.push(`${formatDuration(MIN_BUDGET_SECONDS)} is the shortest routine, so I used that`);
    if (clamped < seconds) understood.push(`${formatDuration(MAX_BUDGET_SECONDS)} is the longest routine, so I capped it there`);
  }
  const position = scan.positions[scan.positions.length - 1];
  if (position) {
    request.position = position;
    if (new Set(scan.positions).size > 1) understood.push(`both positions given, so I went with ${position}`);
  }
  const ignored = [...scan.ignored, ...junk.map((j) => clip(j))].slice(0, 5);
  return { kind: "routine", request, understood, ignored };
}

// ---------------------------------------------------------------------------------------------
// Suggestions
// ---------------------------------------------------------------------------------------------

interface SuggestionTerm {
  key: string;
  display: string;
}

const SUGGESTION_TERMS: readonly SuggestionTerm[] = [
  ...AREA_TERMS.map(([term, areas]) => ({ key: term, display: areas.length > 1 ? "back" : (areas[0] as string) })),
  ...EXERCISE_TERMS.map((t) => ({ key: t.key, display: t.name })),
  { key: "list", display: "list" },
  { key: "help", display: "help" },
];

/** Up to 3 areas or exercise names close to what was typed, best first; none for gibberish. */
function suggest(words: readonly string[]): string[] {
  const scored = new Map<string, number>();
  const consider = (display: string, score: number): void => {
    const old = scored.get(display);
    if (old === undefined || score < old) scored.set(display, score);
  };
  const probes = [...words.slice(0, 10), words.slice(0, 6).join(" ")].filter(
    (p, i, all) => p.length >= 2 && Array.from(p).length <= MAX_FUZZY_WORD_LENGTH && all.indexOf(p) === i,
  );
  for (const probe of probes) {
    const n = Array.from(probe).length;
    const limit = n <= 4 ? 1 : n <= 7 ? 2 : 3;
    for (const t of SUGGESTION_TERMS) {
      const d = editDistance(probe, t.key);
      if (d <= limit) consider(t.display, d);
      // A word from an exercise name ("rolls") points at that exercise.
      if (probe.length >= 4 && t.key.split(" ").includes(probe)) consider(t.display, 1);
    }
  }
  return [...scored.entries()]
    .sort((a, b) => a[1] - b[1])
    .slice(0, 3)
    .map(([display]) => display);
}
