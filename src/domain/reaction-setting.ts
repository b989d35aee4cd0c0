import { normalizeReaction } from "./completion-rules.js";
import { invalid, problem, type Invalid } from "./problem.js";

/** At most this many emoji in a workspace's list: a list is a short, deliberate choice. */
export const MAX_COMPLETION_REACTIONS = 20;

export type ReactionSettingRequest =
  | { kind: "show" }
  | { kind: "any" }
  | { kind: "set"; reactions: string[] }
  | Invalid;

/** Slack emoji names: lowercase letters, digits and _ + - ' (custom emoji too). */
const EMOJI_NAME = /^[a-z0-9_+'-]{1,64}$/;

/**
 * `/stretch reactions` (show), `/stretch reactions any` (every emoji counts), or a list such as
 * `:white_check_mark: :muscle: raised_hands` (only those count; skin tones are the same emoji).
 */
export function parseReactionSetting(text: string): ReactionSettingRequest {
  const words = text
    .split(/[\s,]+/)
    .map((w) => w.trim())
    .filter(Boolean);
  if (words.length === 0) return { kind: "show" };
  if (words.length === 1 && ["any", "all", "reset", "default"].includes(words[0]!.toLowerCase())) return { kind: "any" };
  const names = [...new Set(words.map(normalizeReaction))];
  const bad = names.filter((n) => !EMOJI_NAME.test(n));
  if (bad.length > 0) {
    const shown = bad.slice(0, 3).map((b) => `\`${b.slice(0, 30).replace(/[`<>&]/g, "")}\``).join(", ");
    return invalid(problem("notEmojiNames", { names: shown, count: bad.length }));
  }
  if (names.length > MAX_COMPLETION_REACTIONS) {
    return invalid(problem("tooManyEmoji", { count: names.length, max: MAX_COMPLETION_REACTIONS }));
  }
  return { kind: "set", reactions: names };
}
