import { EN, type T } from "../../i18n/index.js";
import type { HeldSummary } from "../../services/held-prompts.js";
import type { SlackMessage } from "./message.js";

/**
 * "3 prompts waited for your meetings; 1 prompt was skipped while you were away this week." Null
 * when nothing was held back (the line is left out).
 */
export function heldPromptsLine(held: HeldSummary, t: T = EN): string | null {
  if (held.total === 0) return null;
  const parts: string[] = [];
  for (const reason of ["meeting", "huddle", "away_status"]) {
    const waited = held.counts.find((c) => c.reason === reason && c.outcome === "deferred")?.count ?? 0;
    const skipped = held.counts.find((c) => c.reason === reason && c.outcome === "skipped")?.count ?? 0;
    if (waited > 0) parts.push(t(`held.waited.${reason}`, { count: waited }));
    if (skipped > 0) parts.push(t(`held.skipped.${reason}`, { count: skipped }));
  }
  return t("held.line", { parts: parts.join("; ") });
}

/** A message with the held-prompts line added at the end as context (unchanged when there is none). */
export function withHeldPromptsLine(message: SlackMessage, held: HeldSummary, t: T = EN): SlackMessage {
  const line = heldPromptsLine(held, t);
  if (!line) return message;
  return { ...message, blocks: [...(message.blocks ?? []), { type: "context", elements: [{ type: "mrkdwn", text: line }] }] };
}
