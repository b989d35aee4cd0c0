import type { SlackMessage } from "./message.js";
import { MAX_COMMAND_TEXT } from "../../domain/input-limits.js";
import { EN, type T } from "../../i18n/index.js";

/** Shown when something failed on our side; nothing the person typed is lost, they can retry. */
export function errorMessage(detail?: string, t: T = EN): SlackMessage {
  const text = t("errors.retry", { detail: detail ?? t("errors.generic") });
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: `:warning: ${text}` } }] };
}

/** `/stretch` text over MAX_COMMAND_TEXT: refused before any parsing, with what to do instead. */
export function commandTooLongMessage(length: number, t: T = EN): SlackMessage {
  const text = t("errors.tooLong", { count: length, length: length.toLocaleString(t.lng === "en" ? "en-US" : t.lng), max: MAX_COMMAND_TEXT });
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: `:straight_ruler: ${text}` } }] };
}
