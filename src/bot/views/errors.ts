import type { SlackMessage } from "./message.js";
import { MAX_COMMAND_TEXT } from "../../domain/input-limits.js";

/** Shown when something failed on our side; nothing the person typed is lost, they can retry. */
export function errorMessage(detail = "Something went wrong on my side while handling that."): SlackMessage {
  const text = `${detail} Please try again in a moment; if it keeps happening, tell your Slack admin.`;
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: `:warning: ${text}` } }] };
}

/** `/stretch` text over MAX_COMMAND_TEXT: refused before any parsing, with what to do instead. */
export function commandTooLongMessage(length: number): SlackMessage {
  const text = `That's ${length.toLocaleString("en-US")} characters; \`/stretch\` takes at most ${MAX_COMMAND_TEXT} characters. Try something shorter, like \`/stretch neck 5m\` or \`/stretch schedule every 60m 09:00-17:00 weekdays\`; \`/stretch help\` lists everything.`;
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: `:straight_ruler: ${text}` } }] };
}
