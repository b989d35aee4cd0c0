import type { ForgetResult, ForgottenCounts } from "../../db/repositories/privacy.js";
import { EN, type T } from "../../i18n/index.js";
import { ActionId } from "../ids.js";
import { section } from "./blocks.js";
import type { SlackMessage } from "./message.js";

export function optedOutMessage(t: T = EN): SlackMessage {
  const text = t("privacy.optedOut");
  return { text, blocks: [section(`:white_check_mark: ${text}`)] };
}

export function optedInMessage(t: T = EN): SlackMessage {
  const text = t("privacy.optedIn");
  return { text, blocks: [section(`:wave: ${text}`)] };
}

/** Ephemeral question before anything is deleted. */
export function forgetMeConfirmMessage(t: T = EN): SlackMessage {
  const question = t("privacy.forget.question");
  return {
    text: question,
    blocks: [
      section(`:warning: *${question}*\n${t("privacy.forget.what")}`),
      {
        type: "actions",
        block_id: "forget_me",
        elements: [
          {
            type: "button",
            action_id: ActionId.forgetMeConfirm,
            style: "danger",
            text: { type: "plain_text", text: t("privacy.forget.confirm"), emoji: true },
            value: "confirm",
          },
          { type: "button", action_id: ActionId.forgetMeCancel, text: { type: "plain_text", text: t("privacy.forget.cancel"), emoji: true }, value: "cancel" },
        ],
      },
    ],
  };
}

/** Plural keys under privacy.counts.<kind> (one per ForgottenCounts field). */
const COUNT_KINDS: ReadonlyArray<keyof ForgottenCounts> = [
  "profile",
  "completions",
  "reactions",
  "deliveries",
  "milestones",
  "routineRequests",
  "channelMemberships",
  "digests",
  "dmSchedules",
  "dmPrompts",
];

export function forgottenMessage(result: ForgetResult, t: T = EN): SlackMessage {
  const parts = COUNT_KINDS.filter((k) => result.counts[k] > 0).map((k) => t(`privacy.counts.${k}`, { count: result.counts[k] }));
  const what = parts.length > 0 ? t("privacy.forget.deleted", { parts: parts.join(", ") }) : t("privacy.forget.nothing");
  const kept = result.keptOptOut ? `\n${t("privacy.forget.keptOptOut")}` : "";
  return { text: t("privacy.forget.doneText", { what }), blocks: [section(t("privacy.forget.doneSection", { what, kept }))] };
}

export function forgetCancelledMessage(t: T = EN): SlackMessage {
  const text = t("privacy.forget.cancelled");
  return { text, blocks: [section(text)] };
}
