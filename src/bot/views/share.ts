import type { SlackMessage } from "./message.js";

export function sharedConfirmationMessage(): SlackMessage {
  const text = ":white_check_mark: Shared with the channel. Thanks for getting people moving!";
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}

/** Why a share failed, in words a person can act on. */
export function notInChannelMessage(code: string | undefined): SlackMessage {
  const text =
    code === "not_in_channel" || code === "channel_not_found"
      ? "I can't post in this conversation yet. Invite me with `/invite @stretchbot`, then press Share again."
      : code === "is_archived"
        ? "This channel is archived, so I can't post in it."
        : "Slack didn't let me post that just now. Please try again in a moment.";
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: `:information_source: ${text}` } }] };
}
