/**
 * Every view, problem and chart text rendered in Polish has no English left in it, and every
 * rendering in every language is Block Kit that Slack accepts (the fake Slack's validator).
 *
 * "English" is every word of the English locale file, the exercise catalogue and the help
 * entries that the Polish file itself never uses in its prose (so shared words like Slack, CSV,
 * workspace or emoji are allowed), plus common English words. Inline `code` (commands people type),
 * Slack tokens (<#C…>, <@U…>), :emoji: names and zone names (Europe/Warsaw) are not prose.
 */
import { describe, expect, it } from "vitest";
import { validateMessage, validateView } from "../../../demo/workspace/block-kit-validator.js";
import { HELP_COMMANDS } from "../../../src/bot/views/help.js";
import { EXERCISES } from "../../../src/exercises/catalog.js";
import { keysOf, lookup, SUPPORTED_LANGUAGES, translator } from "../../../src/i18n/index.js";
import { everyRender, type Render } from "../../helpers/every-render.js";

/** What a reader sees as prose: code spans, Slack tokens, emoji names, URLs and zone names removed. */
function prose(text: string): string {
  return text
    .replace(/(?<!`)`[^`\n]+`(?!`)/g, " ")
    // Quoted titles and status phrases are names and data: „4 Crucial Desk Back Stretches”, “in a meeting”.
    .replace(/[„“][^”\n]*”/g, " ")
    .replace(/<[^>\s]+>/g, " ")
    .replace(/:[a-z0-9_+'-]+:/g, " ")
    .replace(/\S*[/@#]\S*/g, " ");
}
const words = (text: string) => prose(text).toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length >= 2);

/** The texts a person sees in a rendering (message text, block texts, labels, alt text…). */
function visibleTexts(render: Render): string[] {
  if (render.kind === "text") return [render.body];
  const out: string[] = [];
  const walk = (node: unknown, key: string) => {
    if (typeof node === "string") {
      if (key === "text" || key === "alt_text") out.push(node);
    } else if (Array.isArray(node)) node.forEach((n) => walk(n, key));
    else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) walk(v, k);
  };
  walk(render.body, "");
  return out;
}

function leafStrings(lng: string): string[] {
  return keysOf(lng).flatMap((key) => {
    const value = lookup(lng, key);
    return Array.isArray(value) ? value.map(String) : typeof value === "string" ? [value] : [];
  });
}

const polishWords = new Set(leafStrings("pl").flatMap(words));
/** Common English words that no Polish sentence of ours contains. */
const COMMON = ["the", "and", "your", "you", "with", "for", "this", "that", "every", "next", "prompt", "prompts", "week", "weeks", "team", "teams", "done", "only", "minutes", "people", "days", "today", "tomorrow", "total", "all", "rate", "active", "streak", "of", "in", "to", "is", "are", "not", "no", "yes"];
const englishSources = [
  ...leafStrings("en"),
  ...EXERCISES.flatMap((e) => [e.name, ...e.steps, e.safety, e.dosage.note ?? ""]),
  ...HELP_COMMANDS.map((c) => c.description),
  COMMON.join(" "),
];
/** A language is named in its own words in the language menu ("English", "Polski"). */
const ENDONYMS = new Set(["english"]);
const ENGLISH = new Set(englishSources.flatMap(words).filter((w) => (w.length >= 3 || COMMON.includes(w)) && !polishWords.has(w) && !ENDONYMS.has(w)));

function englishIn(render: Render): string[] {
  return [...new Set(visibleTexts(render).flatMap(words).filter((w) => ENGLISH.has(w)))];
}

describe("Polish renderings have no English left", () => {
  const pl = everyRender(translator("pl"));

  it("the catalogue covers the app: many renderings, and the detector does find English in English", () => {
    expect(pl.length).toBeGreaterThan(150);
    const en = everyRender(translator("en"));
    const found = en.filter((r) => englishIn(r).length > 0).map((r) => r.name);
    // Only renderings made entirely of numbers, names and tokens may look language-neutral.
    expect(found.length).toBeGreaterThan(en.length * 0.9);
  });

  it.each(pl.map((r, i) => [`${i} ${r.name}`, r] as const))("%s", (_name, render) => {
    expect(englishIn(render), visibleTexts(render).join("\n")).toEqual([]);
  });
});

describe.each(SUPPORTED_LANGUAGES)("every rendering is Block Kit Slack accepts (%s)", (lng) => {
  const renders = everyRender(translator(lng));
  it("messages and views", () => {
    const problems = renders.flatMap((r) => {
      const found = r.kind === "message" ? validateMessage(r.body as Record<string, unknown>) : r.kind === "view" ? validateView(r.body) : [];
      return found.map((p) => `${r.name}: ${p.message} ${p.pointer}`);
    });
    expect(problems).toEqual([]);
  });
});
