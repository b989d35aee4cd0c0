/**
 * Block Kit builders that keep every piece within Slack's limits, so no input can make Slack
 * answer invalid_blocks. Every view builds its sections, headers and buttons through these.
 */
import type { Button, ContextBlock, HeaderBlock, SectionBlock } from "@slack/types";

/** Slack's documented limits that these views can hit. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  contextText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
} as const;

/** Escapes &, < and > so typed text like "<!channel>" renders literally and can never ping. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Cuts to at most `max` characters (UTF-16 units, as Slack counts), never inside a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = "";
  for (const ch of text) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

export function section(mrkdwn: string): SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text: truncate(mrkdwn, SLACK_LIMITS.sectionText) } };
}

export function header(text: string): HeaderBlock {
  return { type: "header", text: { type: "plain_text", text: truncate(text, SLACK_LIMITS.headerText), emoji: true } };
}

export function context(mrkdwn: string): ContextBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text: truncate(mrkdwn, SLACK_LIMITS.contextText) }] };
}

export function button(text: string, actionId: string, value: string, style?: "primary"): Button {
  const b: Button = {
    type: "button",
    text: { type: "plain_text", text: truncate(text, SLACK_LIMITS.buttonText), emoji: true },
    action_id: actionId.slice(0, SLACK_LIMITS.actionId),
    value: value.slice(0, SLACK_LIMITS.buttonValue),
  };
  if (style) b.style = style;
  return b;
}
