/** Replies to `/stretch reactions …`, in the person's language. Pure. */
import { EN, type T } from "../../i18n/index.js";
import type { ReactionSettingResult } from "../../services/settings-service.js";
import type { SlackMessage } from "./message.js";
import { problemsText } from "./problem-text.js";

function message(text: string): SlackMessage {
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}

const list = (reactions: string[]) => reactions.map((r) => `:${r}:`).join(" ");

export function reactionSettingMessage(result: ReactionSettingResult, t: T = EN): SlackMessage {
  switch (result.kind) {
    case "current": {
      const now = result.reactions.length === 0 ? t("reactions.any") : t("reactions.only", { list: list(result.reactions) });
      return message(`${now}\n${t(result.canChange ? "reactions.how" : "reactions.managersOnly")}`);
    }
    case "changed":
      return message(result.reactions.length === 0 ? t("reactions.changedAny") : t("reactions.changedOnly", { list: list(result.reactions) }));
    case "not_allowed":
      return message(t("reactions.notAllowed"));
    case "invalid":
      return message(`${problemsText(result.problems, t)}\n${t("reactions.example")}`);
  }
}
