import { EN, type T } from "../../i18n/index.js";
import type { SlackMessage } from "./message.js";
import { section } from "./routine.js";

/** Slack error codes (and our own reasons) with plain words under pausedReasons.<code>. */
const KNOWN_REASONS = new Set(["channel_not_found", "channel_deleted", "not_in_channel", "is_archived", "channel_archived", "account_inactive", "user_not_found", "user_disabled", "cannot_dm_bot"]);

/** Plain words for why a schedule stopped (a Slack error code or our own reason). */
export function pauseReasonText(reason: string, t: T = EN): string {
  return KNOWN_REASONS.has(reason) ? t(`pausedReasons.${reason}`) : t("pausedNotice.slackSaid", { reason });
}

/** The one DM a schedule's owner gets when the engine had to stop their schedule. */
export function schedulePausedNotice(input: { kind: "channel" | "members" | "dm"; channelId: string | null; reason: string }, t: T = EN): SlackMessage {
  const where =
    input.kind === "dm" ? t("pausedNotice.whereDm") : input.channelId ? t("pausedNotice.whereChannel", { channel: `<#${input.channelId}>` }) : t("pausedNotice.whereSome");
  const text = t("pausedNotice.text", { where, why: pauseReasonText(input.reason, t) });
  return { text, blocks: [section(text)] };
}
