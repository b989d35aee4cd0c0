import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HELP_COMMANDS, helpKey } from "../../../src/bot/views/help.js";
import { EXERCISES } from "../../../src/exercises/catalog.js";
import { keysOf, lookup, resolveLanguage, SUPPORTED_LANGUAGES, translator } from "../../../src/i18n/index.js";

const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (key: string) => key.replace(PLURAL, "");
/** Namespaces whose English lives in code (catalog, HELP_COMMANDS): checked against it instead. */
const FROM_CODE = [/^exercises\./, /^help\.commands\./];
const fromCode = (key: string) => FROM_CODE.some((r) => r.test(key));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) return f === "generated" ? [] : sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

describe("locale files", () => {
  it("English and Polish are both there, English first in line as the fallback", () => {
    expect(SUPPORTED_LANGUAGES).toEqual(expect.arrayContaining(["en", "pl"]));
  });

  it.each(SUPPORTED_LANGUAGES.filter((l) => l !== "en"))("%s has every English key and no key English lacks", (lng) => {
    const en = new Set(keysOf("en").map(base));
    const other = new Set(keysOf(lng).filter((k) => !fromCode(k)).map(base));
    expect([...en].filter((k) => !other.has(k))).toEqual([]);
    expect([...other].filter((k) => !en.has(k))).toEqual([]);
  });

  it.each(SUPPORTED_LANGUAGES)("%s has every plural form its language needs", (lng) => {
    const needed = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
    const families = new Map<string, Set<string>>();
    for (const key of keysOf(lng)) {
      const m = PLURAL.exec(key);
      if (!m) continue;
      const set = families.get(base(key)) ?? new Set<string>();
      set.add(m[1]!);
      families.set(base(key), set);
    }
    expect(families.size).toBeGreaterThan(3);
    for (const [key, forms] of families) for (const form of needed) expect(forms.has(form), `${lng}: ${key}_${form}`).toBe(true);
  });

  it("no unused keys: every key is used in src/ literally or under a prefix the code builds", () => {
    const code = sourceFiles("src").map((f) => readFileSync(f, "utf8")).join("\n");
    const prefixes = [...code.matchAll(/t\(`([a-zA-Z.]+)\.\$\{/g)].map((m) => `${m[1]}.`);
    const used = (key: string) => code.includes(`"${key}"`) || prefixes.some((p) => key.startsWith(p)) || fromCode(key);
    expect(keysOf("en").map(base).filter((k) => !used(k))).toEqual([]);
  });

  it("Polish translates every exercise (name, every step, safety, note) and every help entry", () => {
    for (const ex of EXERCISES) {
      const pl = lookup("pl", `exercises.${ex.id}`) as { name?: string; steps?: string[]; safety?: string; note?: string } | undefined;
      expect(pl?.name, ex.id).toBeTruthy();
      expect(pl?.steps?.length, ex.id).toBe(ex.steps.length);
      expect(pl?.safety, ex.id).toBeTruthy();
      expect(Boolean(pl?.note), ex.id).toBe(Boolean(ex.dosage.note));
      // Our own words, not the English left in place.
      expect(pl?.steps?.some((s, i) => s === ex.steps[i])).toBe(false);
    }
    const ids = new Set(EXERCISES.map((e) => e.id));
    expect(Object.keys(lookup("pl", "exercises") as object).filter((id) => !ids.has(id))).toEqual([]);
    const helpKeys = new Set(HELP_COMMANDS.map(helpKey));
    expect(helpKeys.size).toBe(HELP_COMMANDS.length);
    for (const key of helpKeys) expect(lookup("pl", key), key).toBeTruthy();
    expect(Object.keys(lookup("pl", "help.commands") as object).map((k) => `help.commands.${k}`).filter((k) => !helpKeys.has(k))).toEqual([]);
  });
});

describe("Polish plurals and language choice", () => {
  const pl = translator("pl");
  it("1 minuta, 2 minuty, 5 minut, 22 minuty, 25 minut", () => {
    expect([1, 2, 5, 22, 25].map((count) => pl("routine.titleMinutes", { count, what: "X" }))).toEqual([
      "🧘 X: 1 minuta", "🧘 X: 2 minuty", "🧘 X: 5 minut", "🧘 X: 22 minuty", "🧘 X: 25 minut",
    ]);
    expect([1, 3, 12].map((count) => pl("dosage.reps", { count, amount: String(count) }))).toEqual(["1 powtórzenie", "3 powtórzenia", "12 powtórzeń"]);
  });
  it("their choice, else Slack locale, else the workspace's, else English", () => {
    expect(resolveLanguage({ chosen: "pl", slackLocale: "en-US", workspaceDefault: "en" })).toBe("pl");
    expect(resolveLanguage({ chosen: null, slackLocale: "pl-PL", workspaceDefault: "en" })).toBe("pl");
    expect(resolveLanguage({ chosen: null, slackLocale: "de-DE", workspaceDefault: "pl" })).toBe("pl");
    expect(resolveLanguage({ chosen: null, slackLocale: "de-DE", workspaceDefault: null })).toBe("en");
    expect(translator("xx").lng).toBe("en");
  });
});
