import type { SlackMessage } from "./message.js";
import { section } from "./routine.js";

const REASONS: Readonly<Record<string, string>> = {
  channel_not_found: "the channel no longer exists (or I can no longer see it)",
  channel_deleted: "the channel was deleted",
  not_in_channel: "I'm no longer a member of the channel. Invite me back with `/invite @Stretch Break`",
  is_archived: "the channel was archived",
  channel_archived: "the channel was archived",
  account_inactive: "that account has been deactivated",
  user_not_found: "that person can no longer be found in this workspace",
  user_disabled: "that account has been deactivated",
  cannot_dm_bot: "the target is a bot, and bots can't get stretch prompts",
};

/** Plain words for why a schedule stopped (a Slack error code or our own reason). */
export function pauseReasonText(reason: string): string {
  return REASONS[reason] ?? `Slack answered "${reason}"`;
}

/** The one DM a schedule's owner gets when the engine had to stop their schedule. */
export function schedulePausedNotice(input: { kind: "channel" | "members" | "dm"; channelId: string | null; reason: string }): SlackMessage {
  const where =
    input.kind === "dm" ? "your personal stretch schedule" : input.channelId ? `the stretch schedule for <#${input.channelId}>` : "a stretch schedule";
  const why = pauseReasonText(input.reason);
  const text =
    `:pause_button: I've paused ${where}: ${why}. No more prompts will be sent for it. ` +
    "Once that's sorted, run `/stretch schedule` there again to turn it back on.";
  return { text, blocks: [section(text)] };
}
