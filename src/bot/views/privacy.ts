import type { ForgetResult, ForgottenCounts } from "../../db/repositories/privacy.js";
import { ActionId } from "../ids.js";
import type { SlackMessage } from "./message.js";

const section = (text: string): SlackMessage["blocks"][number] => ({ type: "section", text: { type: "mrkdwn", text } });

export function optedOutMessage(): SlackMessage {
  const text =
    "You're opted out. I won't send you DMs or record your stretches from now on. " +
    "Channel prompts stay visible to you (they belong to the channel). `/stretch optin` undoes this; " +
    "`/stretch forget-me` deletes what I already have about you.";
  return { text, blocks: [section(`:white_check_mark: ${text}`)] };
}

export function optedInMessage(): SlackMessage {
  const text = "Welcome back! Your stretches count again and DM prompts can reach you. `/stretch stats` shows how you're doing.";
  return { text, blocks: [section(`:wave: ${text}`)] };
}

/** Ephemeral question before anything is deleted. */
export function forgetMeConfirmMessage(): SlackMessage {
  const text =
    "This deletes everything I store about you in this workspace: your profile and settings, completions, streaks, " +
    "prompt deliveries, reactions, routine requests and your DM schedule with its prompts. It cannot be undone.";
  return {
    text: "Delete everything about you?",
    blocks: [
      section(`:warning: *Delete everything about you?*\n${text}`),
      {
        type: "actions",
        block_id: "forget_me",
        elements: [
          {
            type: "button",
            action_id: ActionId.forgetMeConfirm,
            style: "danger",
            text: { type: "plain_text", text: "Delete my data", emoji: true },
            value: "confirm",
          },
          { type: "button", action_id: ActionId.forgetMeCancel, text: { type: "plain_text", text: "Cancel", emoji: true }, value: "cancel" },
        ],
      },
    ],
  };
}

const LABELS: Record<keyof ForgottenCounts, [string, string]> = {
  profile: ["profile", "profiles"],
  completions: ["completion", "completions"],
  reactions: ["prompt reaction", "prompt reactions"],
  deliveries: ["prompt delivery", "prompt deliveries"],
  milestones: ["streak milestone", "streak milestones"],
  routineRequests: ["routine request", "routine requests"],
  channelMemberships: ["channel membership", "channel memberships"],
  digests: ["weekly digest record", "weekly digest records"],
  dmSchedules: ["DM schedule", "DM schedules"],
  dmPrompts: ["DM prompt", "DM prompts"],
};

export function forgottenMessage(result: ForgetResult): SlackMessage {
  const parts = (Object.keys(LABELS) as Array<keyof ForgottenCounts>)
    .filter((k) => result.counts[k] > 0)
    .map((k) => `${result.counts[k]} ${LABELS[k][result.counts[k] === 1 ? 0 : 1]}`);
  const what = parts.length > 0 ? `Deleted: ${parts.join(", ")}.` : "I had nothing stored about you, so there was nothing to delete.";
  const kept = result.keptOptOut ? "\nI kept one thing: the fact that you opted out, so I don't start tracking you again." : "";
  return { text: `Done. ${what}`, blocks: [section(`:wastebasket: *Done.* ${what}${kept}`)] };
}

export function forgetCancelledMessage(): SlackMessage {
  const text = "Cancelled. Nothing was deleted.";
  return { text, blocks: [section(text)] };
}
