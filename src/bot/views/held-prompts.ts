import type { HeldSummary } from "../../services/held-prompts.js";
import type { SlackMessage } from "./message.js";

const WAITED: Record<string, string> = { meeting: "your meetings", huddle: "your huddles", away_status: "you to be back" };
const SKIPPED: Record<string, string> = { meeting: "you were in a meeting", huddle: "you were in a huddle", away_status: "you were away" };

const prompts = (n: number) => `${n} ${n === 1 ? "prompt" : "prompts"}`;

/**
 * "3 prompts waited for your meetings this week; 1 was skipped while you were away." Null when
 * nothing was held back (the line is left out).
 */
export function heldPromptsLine(held: HeldSummary): string | null {
  if (held.total === 0) return null;
  const parts: string[] = [];
  for (const reason of ["meeting", "huddle", "away_status"]) {
    const waited = held.counts.find((c) => c.reason === reason && c.outcome === "deferred")?.count ?? 0;
    const skipped = held.counts.find((c) => c.reason === reason && c.outcome === "skipped")?.count ?? 0;
    if (waited > 0) parts.push(`${prompts(waited)} waited for ${WAITED[reason]}`);
    if (skipped > 0) parts.push(`${prompts(skipped)} ${skipped === 1 ? "was" : "were"} skipped while ${SKIPPED[reason]}`);
  }
  return `:no_bell: ${parts.join("; ")} this week.`;
}

/** A message with the held-prompts line added at the end as context (unchanged when there is none). */
export function withHeldPromptsLine(message: SlackMessage, held: HeldSummary): SlackMessage {
  const line = heldPromptsLine(held);
  if (!line) return message;
  return { ...message, blocks: [...(message.blocks ?? []), { type: "context", elements: [{ type: "mrkdwn", text: line }] }] };
}
