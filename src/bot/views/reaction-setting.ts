import type { ReactionSettingResult } from "../../services/settings-service.js";
import type { SlackMessage } from "./message.js";

function message(text: string): SlackMessage {
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}

const list = (reactions: string[]) => reactions.map((r) => `:${r}:`).join(" ");

export function reactionSettingMessage(result: ReactionSettingResult): SlackMessage {
  switch (result.kind) {
    case "current": {
      const now =
        result.reactions.length === 0
          ? "Any emoji reaction on a stretch prompt marks it done."
          : `Only these reactions mark a stretch prompt done: ${list(result.reactions)}`;
      const how = result.canChange
        ? "\nChange it with `/stretch reactions :white_check_mark: :muscle:`, or `/stretch reactions any` to count every emoji."
        : "\nManagers and workspace admins can change this list.";
      return message(now + how);
    }
    case "changed":
      return message(
        result.reactions.length === 0
          ? ":white_check_mark: Done. Any emoji reaction now marks a prompt done."
          : `:white_check_mark: Done. From now on only ${list(result.reactions)} mark a prompt done (the Done button always works).`,
      );
    case "not_allowed":
      return message("Only managers and workspace admins can change which reactions count. `/stretch reactions` shows the current list.");
    case "invalid":
      return message(`${result.problem}\nExample: \`/stretch reactions :white_check_mark: :muscle: :raised_hands:\``);
  }
}
