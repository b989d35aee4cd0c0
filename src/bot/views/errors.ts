import type { SlackMessage } from "./message.js";

/** Shown when something failed on our side; nothing the person typed is lost, they can retry. */
export function errorMessage(detail = "Something went wrong on my side while handling that."): SlackMessage {
  const text = `${detail} Please try again in a moment; if it keeps happening, tell your Slack admin.`;
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: `:warning: ${text}` } }] };
}
