/**
 * Translations: one JSON file per language in ./locales (en.json, pl.json…), loaded at start-up,
 * so a translator adds a language by adding a file. i18next does plurals (Intl.PluralRules: Polish
 * has one / few / many: 1 minuta, 2 minuty, 5 minut); dates and times use Intl with the language.
 *
 * English is the fallback for any missing key. Exercise texts in English live in the catalog
 * (src/exercises/catalog.ts, the source of truth for their facts); other languages translate them
 * under `exercises.<id>` (see exercise-text.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import i18next from "i18next";
import { DateTime } from "luxon";

const LOCALES = new URL("./locales/", import.meta.url);

function loadResources(): Record<string, { translation: Record<string, unknown> }> {
  const files = readdirSync(LOCALES).filter((f) => /^[a-z]{2,3}(-[A-Za-z]{2,4})?\.json$/.test(f));
  return Object.fromEntries(files.map((f) => [f.replace(/\.json$/, ""), { translation: JSON.parse(readFileSync(new URL(f, LOCALES), "utf8")) as Record<string, unknown> }]));
}

const resources = loadResources();
const instance = i18next.createInstance();
void instance.init({
  resources,
  lng: "en",
  fallbackLng: "en",
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  nsSeparator: false,
  showSupportNotice: false,
} as Parameters<typeof instance.init>[0]);

/** Language codes with a locale file ("en", "pl"…). */
export const SUPPORTED_LANGUAGES: readonly string[] = Object.keys(resources).sort();
export const DEFAULT_LANGUAGE = "en";

/** A translate function bound to one language. */
export type T = ((key: string, options?: Record<string, unknown>) => string) & { lng: string };

const cache = new Map<string, T>();
/** Answers kept per language before the memo starts again. */
const MEMO_LIMIT = 5_000;

export function translator(lng: string | null | undefined): T {
  const code = lng && SUPPORTED_LANGUAGES.includes(lng) ? lng : DEFAULT_LANGUAGE;
  let t = cache.get(code);
  if (!t) {
    const fixed = instance.getFixedT(code);
    // The resources never change after start-up, so an answer can be kept: i18next's lookup,
    // fallback and interpolation cost ~20 µs a call, and every prompt posted makes a dozen of them
    // (an eighth of the app's CPU in the slot minute of bench/multi-tenant.ts). Bounded: options carry free values.
    const answers = new Map<string, string>();
    t = Object.assign(
      (key: string, options?: Record<string, unknown>) => {
        const memoKey = options === undefined ? key : `${key}\u0000${JSON.stringify(options)}`;
        let text = answers.get(memoKey);
        if (text === undefined) {
          text = String(fixed(key, options as never));
          if (answers.size >= MEMO_LIMIT) answers.clear();
          answers.set(memoKey, text);
        }
        return text;
      },
      { lng: code },
    );
    cache.set(code, t);
  }
  return t;
}

/** English: what views use when nobody said otherwise. */
export const EN: T = translator("en");

/** A raw value (array, object) for a key in one language, or undefined (no English fallback). */
export function lookup(lng: string, key: string): unknown {
  return instance.getResource(lng, "translation", key);
}

/** Every key of a language file, flattened with "." (tests: missing and unused keys). */
export function keysOf(lng: string): string[] {
  const out: string[] = [];
  const walk = (node: unknown, prefix: string) => {
    if (node && typeof node === "object" && !Array.isArray(node)) {
      for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}.${k}` : k);
    } else out.push(prefix);
  };
  walk(resources[lng]?.translation, "");
  return out;
}

/** "pl-PL" → "pl" when we speak it, else null. */
export function supportedLanguageOf(locale: string | null | undefined): string | null {
  if (!locale) return null;
  const code = locale.toLowerCase().split(/[-_]/)[0]!;
  return SUPPORTED_LANGUAGES.includes(code) ? code : null;
}

/**
 * Which language to talk to a person in: their own choice, else their Slack locale (when we speak
 * it), else the workspace's default, else English.
 */
export function resolveLanguage(input: { chosen?: string | null; slackLocale?: string | null; workspaceDefault?: string | null }): string {
  return supportedLanguageOf(input.chosen) ?? supportedLanguageOf(input.slackLocale) ?? supportedLanguageOf(input.workspaceDefault) ?? DEFAULT_LANGUAGE;
}

/** "14:30" in that zone, written the way the language writes times. */
export function formatTime(t: T, at: Date, tz: string): string {
  return new Intl.DateTimeFormat(t.lng === "en" ? "en-GB" : t.lng, { hour: "2-digit", minute: "2-digit", timeZone: tz }).format(at);
}

/** Short weekday names, Monday first ("Mon"… / "pon."…), from `days.short` of the language file. */
export function dayNames(t: T): readonly string[] {
  const own = lookup(t.lng, "days.short");
  return Array.isArray(own) && own.length === 7 ? (own as string[]) : (lookup("en", "days.short") as string[]);
}

/** A calendar date ("2030-01-07") as "Jan 7" / "7 sty", in the language. */
export function formatShortDate(t: T, isoDate: string): string {
  return new Intl.DateTimeFormat(t.lng === "en" ? "en-US" : t.lng, { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${isoDate}T12:00:00Z`));
}

/** "Tuesday" / "wtorek" in that zone. */
export function formatWeekday(t: T, at: Date, tz: string): string {
  return new Intl.DateTimeFormat(t.lng === "en" ? "en-GB" : t.lng, { weekday: "long", timeZone: tz }).format(at);
}

/** "today 14:30" / "tomorrow 09:00" / "Tue 3 Dec 09:00" (as seen in tz, relative to now), in the person's language. */
export function formatWhenIn(t: T, at: Date, tz: string, now: Date): string {
  const when = DateTime.fromJSDate(at, { zone: tz });
  const today = DateTime.fromJSDate(now, { zone: tz }).startOf("day");
  const day = when.startOf("day");
  const time = when.toFormat("HH:mm");
  if (+day === +today) return t("when.today", { time });
  if (+day === +today.plus({ days: 1 }).startOf("day")) return t("when.tomorrow", { time });
  return t("when.other", { date: when.setLocale(t.lng === "en" ? "en-GB" : t.lng).toFormat("ccc d LLL"), time });
}
