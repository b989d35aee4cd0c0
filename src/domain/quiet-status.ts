/**
 * Which Slack statuses mean "don't interrupt me" (meeting, call, out of office, holiday, sick, a
 * huddle), and what a DM prompt does about it: wait until the status ends when that is still inside
 * the person's window, else skip with a recorded reason. Pure: statuses and instants in, verdicts out.
 */
import type { Availability } from "./availability.js";
import { invalid, problem, type Invalid } from "./problem.js";

export type QuietKind = "meeting" | "huddle" | "away";
/** Prompt.reason / PromptHold.reason for each kind. */
export const QUIET_REASON: Record<QuietKind, "meeting" | "huddle" | "away_status"> = { meeting: "meeting", huddle: "huddle", away: "away_status" };
export type QuietReason = (typeof QUIET_REASON)[QuietKind];
export const QUIET_REASONS: readonly QuietReason[] = ["meeting", "huddle", "away_status"];
export const isQuietReason = (reason: string): reason is QuietReason => (QUIET_REASONS as readonly string[]).includes(reason);

/** One entry of a workspace's list: an emoji name (":calendar:" → "calendar") or a phrase. */
export interface QuietEntry {
  kind: QuietKind;
  emoji?: string;
  phrase?: string;
}

const e = (kind: QuietKind, ...names: string[]): QuietEntry[] => names.map((emoji) => ({ kind, emoji }));
const t = (kind: QuietKind, ...phrases: string[]): QuietEntry[] => phrases.map((phrase) => ({ kind, phrase: normalizeStatusText(phrase) }));

/**
 * The default list. Calendar apps (Google Calendar, Outlook) set ":spiral_calendar_pad: In a
 * meeting" / ":calendar:" with an expiry at the meeting's end; Slack sets ":headphones: In a huddle".
 * Phrases match whole words anywhere in the status, case- and accent-insensitively, in English and
 * Polish (with the usual inflections written out: Polish changes word endings).
 */
export const DEFAULT_QUIET_ENTRIES: readonly QuietEntry[] = [
  ...e("meeting", "spiral_calendar_pad", "calendar", "date", "telephone_receiver", "phone", "studio_microphone", "movie_camera", "video_camera"),
  ...e("huddle", "headphones"),
  ...e("away", "palm_tree", "desert_island", "beach_with_umbrella", "airplane", "face_with_thermometer", "mask", "thermometer", "pill", "face_with_head_bandage", "sneezing_face"),
  ...t("meeting", "meeting", "meetings", "in a meeting", "on a call", "in a call", "call", "calls", "presenting", "interview", "webinar", "standup", "stand-up",
    "spotkanie", "spotkaniu", "spotkania", "spotkaniach", "rozmowa", "rozmowie", "na rozmowie", "call", "calla", "prezentacja", "prezentuje", "webinarium", "wideokonferencja"),
  ...t("huddle", "huddle", "in a huddle", "na huddle"),
  ...t("away", "out of office", "ooo", "ooto", "vacation", "vacationing", "on vacation", "holiday", "holidays", "on holiday", "on leave", "leave", "pto", "day off",
    "out sick", "sick", "off sick", "sick leave", "parental leave", "away", "travelling", "traveling",
    "poza biurem", "urlop", "urlopie", "na urlopie", "wakacje", "wakacjach", "wolne", "dzien wolny", "chory", "chora", "choroba", "l4", "zwolnienie", "zwolnieniu",
    "nieobecny", "nieobecna", "nieobecnosc", "w podrozy", "delegacja", "delegacji"),
];

/** Lower case, accents removed (ł → l too), punctuation as spaces: "Na SPOTKANIU!" → "na spotkaniu". */
export function normalizeStatusText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ł/g, "l")
    .replace(/Ł/g, "L")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** ":Palm_Tree::skin-tone-2:" → "palm_tree". */
export function normalizeEmojiName(raw: string): string {
  return raw.trim().toLowerCase().replace(/^:+|:+$/g, "").replace(/::skin-tone-\d$/, "").replace(/:+$/, "");
}

/** What we store of a person's Slack status and huddle (Member.status*, Member.inHuddle). */
export interface StoredStatus {
  text: string | null;
  emoji: string | null;
  /** When Slack will clear the status; null = no expiry set. */
  expiresAt: Date | null;
  inHuddle: boolean;
  /** When the huddle state expires, if Slack said. */
  huddleExpiresAt: Date | null;
}

/** The quiet kind a status stands for now, with when it ends (null = unknown), or null when none. */
export function classifyStatus(status: StoredStatus, entries: readonly QuietEntry[], nowMs: number): { kind: QuietKind; endsAt: Date | null } | null {
  if (status.inHuddle && !(status.huddleExpiresAt && status.huddleExpiresAt.getTime() <= nowMs)) {
    return { kind: "huddle", endsAt: status.huddleExpiresAt };
  }
  if (status.expiresAt && status.expiresAt.getTime() <= nowMs) return null;
  const kind = matchEntry(status.text, status.emoji, entries);
  return kind ? { kind, endsAt: status.expiresAt } : null;
}

/** First matching entry's kind; emoji matches win over phrases (they are what calendar apps set). */
export function matchEntry(text: string | null, emoji: string | null, entries: readonly QuietEntry[]): QuietKind | null {
  const name = emoji ? normalizeEmojiName(emoji) : "";
  if (name) {
    const hit = entries.find((x) => x.emoji === name);
    if (hit) return hit.kind;
  }
  const padded = text ? ` ${normalizeStatusText(text)} ` : "";
  if (padded.trim() === "") return null;
  const hit = entries.find((x) => x.phrase && padded.includes(` ${x.phrase} `));
  return hit ? hit.kind : null;
}

/** Quiet statuses a prompt waits for when Slack gave no end (a meeting or huddle usually ends soon). */
export const QUIET_RECHECK_MS = 15 * 60_000;
/** Deferred prompts go out this long after the status ends (Slack's clock and ours differ a little). */
export const AFTER_STATUS_MS = 5_000;

/**
 * In a quiet status: wait until it ends (its expiry, plus a few seconds) when that is before the end
 * of the window; a meeting or huddle with no known end is looked at again in QUIET_RECHECK_MS while
 * the window lasts; out of office / holiday / sick with no end is a skip (it will not end today).
 */
export function quietVerdict(quiet: { kind: QuietKind; endsAt: Date | null } | null, windowEnd: Date, nowMs: number): Availability {
  if (!quiet) return { kind: "ok" };
  const reason = QUIET_REASON[quiet.kind];
  let until: number | null = null;
  if (quiet.endsAt) until = quiet.endsAt.getTime() + AFTER_STATUS_MS;
  else if (quiet.kind !== "away") until = nowMs + QUIET_RECHECK_MS;
  if (until !== null && until < windowEnd.getTime()) return { kind: "defer", until: new Date(until), reason };
  return { kind: "skip", reason };
}

/** Slack's user object (users.info, user_change, user_status_changed, user_huddle_changed) → StoredStatus. */
export function statusFromSlackUser(user: Record<string, unknown>): StoredStatus {
  const profile = (user.profile ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.slice(0, 200) : null);
  const at = (v: unknown) => (typeof v === "number" && v > 0 ? new Date(v * 1000) : null);
  return {
    text: str(profile.status_text),
    emoji: str(profile.status_emoji),
    expiresAt: at(profile.status_expiration),
    inHuddle: profile.huddle_state === "in_a_huddle",
    huddleExpiresAt: at(profile.huddle_state_expiration_ts),
  };
}

// ---- the manager's list (`/stretch quiet-statuses …`), stored as text lines "meeting :calendar:" ----

export const MAX_QUIET_ENTRIES = 60;

export function serializeEntry(entry: QuietEntry): string {
  return `${entry.kind} ${entry.emoji ? `:${entry.emoji}:` : entry.phrase}`;
}

export function parseStoredEntry(line: string): QuietEntry | null {
  const m = /^(meeting|huddle|away) (.+)$/.exec(line);
  if (!m) return null;
  const kind = m[1] as QuietKind;
  const value = m[2]!;
  return /^:[^:\s]+:$/.test(value) ? { kind, emoji: normalizeEmojiName(value) } : { kind, phrase: normalizeStatusText(value) };
}

/** A workspace's stored list, or the default when it never chose one (null). */
export function entriesFromStored(stored: string[] | null): QuietEntry[] {
  if (stored === null) return [...DEFAULT_QUIET_ENTRIES];
  return stored.map(parseStoredEntry).filter((x): x is QuietEntry => x !== null);
}

export type QuietStatusRequest =
  | { kind: "show" }
  | { kind: "reset" }
  | { kind: "set"; entries: QuietEntry[] }
  | { kind: "add"; entries: QuietEntry[] }
  | { kind: "remove"; entries: QuietEntry[] }
  | Invalid;

const KIND_WORDS: Record<string, QuietKind> = {
  meeting: "meeting", meetings: "meeting", call: "meeting", spotkanie: "meeting", spotkania: "meeting",
  huddle: "huddle", huddles: "huddle",
  away: "away", ooo: "away", absence: "away", nieobecnosc: "away", urlop: "away",
};

/**
 * `/stretch quiet-statuses` (show), `… default` (back to the built-in list), `… none` (nothing
 * counts but huddles), `… add meeting :calendar: "focus time"`, `… remove :airplane:`, or a whole
 * new list: `meeting :calendar: "in a meeting" away :palm_tree: "out of office"`. A kind word
 * (meeting | huddle | away) applies to the entries after it (first ones: meeting). Emoji as
 * :name:, phrases in quotes (or a bare word).
 */
export function parseQuietStatusCommand(text: string): QuietStatusRequest {
  const trimmed = text.replace(/[“”„]/g, '"').trim();
  if (trimmed === "") return { kind: "show" };
  const lower = normalizeStatusText(trimmed);
  if (["default", "defaults", "reset", "domyslne", "domyslna"].includes(lower)) return { kind: "reset" };
  if (["none", "off", "nothing", "brak"].includes(lower)) return { kind: "set", entries: [] };
  const tokens = [...trimmed.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => (m[1] !== undefined ? { quoted: true, value: m[1] } : { quoted: false, value: m[2]! }));
  let mode: "set" | "add" | "remove" = "set";
  const first = tokens[0];
  if (first && !first.quoted && ["add", "dodaj", "remove", "delete", "usun"].includes(normalizeStatusText(first.value))) {
    mode = ["add", "dodaj"].includes(normalizeStatusText(first.value)) ? "add" : "remove";
    tokens.shift();
  }
  let kind: QuietKind = "meeting";
  const entries: QuietEntry[] = [];
  for (const token of tokens) {
    const word = normalizeStatusText(token.value);
    if (!token.quoted && KIND_WORDS[word.replace(/ /g, "")]) {
      kind = KIND_WORDS[word.replace(/ /g, "")]!;
      continue;
    }
    if (!token.quoted && /^:[^:\s]+:(:skin-tone-\d:)?$/.test(token.value)) {
      const emoji = normalizeEmojiName(token.value);
      if (!/^[a-z0-9_+'-]{1,64}$/.test(emoji)) return invalid(problem("notEmoji", { word: token.value.slice(0, 30).replace(/[`<>&]/g, "") }));
      entries.push({ kind, emoji });
      continue;
    }
    if (word === "") return invalid(problem("emptyPhrase"));
    if (word.length > 60) return invalid(problem("phraseTooLong", { max: 60 }));
    entries.push({ kind, phrase: word });
  }
  if (entries.length === 0) return invalid(problem("nothingFound"));
  const unique = dedupeEntries(entries);
  if (unique.length > MAX_QUIET_ENTRIES) return invalid(problem("tooManyEntries", { count: unique.length, max: MAX_QUIET_ENTRIES }));
  return { kind: mode, entries: unique };
}

const sameTarget = (a: QuietEntry, b: QuietEntry) => (a.emoji ?? "") === (b.emoji ?? "") && (a.phrase ?? "") === (b.phrase ?? "");

export function dedupeEntries(entries: QuietEntry[]): QuietEntry[] {
  const out: QuietEntry[] = [];
  for (const x of entries) {
    const i = out.findIndex((y) => sameTarget(x, y));
    if (i >= 0) out[i] = x;
    else out.push(x);
  }
  return out;
}

/** The list after an add / remove / set (a later entry for the same emoji or phrase replaces its kind). */
export function applyQuietChange(current: QuietEntry[], request: { kind: "set" | "add" | "remove"; entries: QuietEntry[] }): QuietEntry[] {
  if (request.kind === "set") return request.entries;
  if (request.kind === "add") return dedupeEntries([...current, ...request.entries]);
  return current.filter((x) => !request.entries.some((y) => sameTarget(x, y)));
}
