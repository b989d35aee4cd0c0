/**
 * Slack's emoji short names (`:white_check_mark:` → ✅). The data is iamcal's emoji-datasource, the
 * set Slack itself uses, so every name the app writes renders as Slack would show it.
 */
import { createRequire } from "node:module";

interface EmojiRecord {
  unified: string;
  short_name: string;
  short_names: string[];
  category: string;
  sort_order: number;
}

const records = createRequire(import.meta.url)("emoji-datasource/emoji.json") as EmojiRecord[];

const toChar = (unified: string) => String.fromCodePoint(...unified.split("-").map((h) => Number.parseInt(h, 16)));

const BY_NAME = new Map<string, string>();
for (const r of records) for (const name of r.short_names) BY_NAME.set(name, toChar(r.unified));
// Slack's aliases that the data file does not list under these spellings.
for (const [alias, name] of [["thumbsup", "+1"], ["thumbsdown", "-1"], ["simple_smile", "slightly_smiling_face"]] as const) {
  const char = BY_NAME.get(name);
  if (char && !BY_NAME.has(alias)) BY_NAME.set(alias, char);
}

/** The emoji for a short name (without colons), or undefined for a name Slack would not know. */
export function emojiFor(name: string): string | undefined {
  return BY_NAME.get(name.replace(/::skin-tone-\d$/, ""));
}

/** Reactions offered first in the picker: the ones a stretch prompt gets most. */
export const FREQUENT_REACTIONS = [
  "white_check_mark", "muscle", "+1", "raised_hands", "fire", "tada", "heart", "clap",
  "person_in_lotus_position", "ok_hand", "star-struck", "joy", "eyes", "100", "sparkles", "zzz",
] as const;

/** Every short name, in Slack's picker order (for the picker's search). */
export const ALL_EMOJI_NAMES: readonly string[] = [...records].sort((a, b) => a.sort_order - b.sort_order).map((r) => r.short_name);
