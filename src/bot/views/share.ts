/** Answers to Share on a routine, in the person's language. Pure. */
import { EN, type T } from "../../i18n/index.js";
import type { SlackMessage } from "./message.js";

export function sharedConfirmationMessage(t: T = EN): SlackMessage {
  const text = t("share.done");
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}

/** Why a share failed, in words a person can act on. */
export function notInChannelMessage(code: string | undefined, t: T = EN): SlackMessage {
  const text = t(code === "not_in_channel" || code === "channel_not_found" ? "share.notInChannel" : code === "is_archived" ? "share.archived" : "share.failed");
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: `:information_source: ${text}` } }] };
}
