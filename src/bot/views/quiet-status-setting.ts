import type { QuietEntry, QuietKind } from "../../domain/quiet-status.js";
import { EN, type T } from "../../i18n/index.js";
import type { QuietStatusSettingResult } from "../../services/quiet-status-settings.js";
import type { SlackMessage } from "./message.js";
import { problemsText } from "./problem-text.js";
import { SLACK_LIMITS, truncate } from "./routine.js";

function message(text: string): SlackMessage {
  return { text: truncate(text, SLACK_LIMITS.sectionText), blocks: [{ type: "section", text: { type: "mrkdwn", text: truncate(text, SLACK_LIMITS.sectionText) } }] };
}

/** One line per kind: its emoji, then its phrases in quotes. */
export function describeQuietEntries(entries: QuietEntry[], t: T = EN): string {
  if (entries.length === 0) return t("quiet.empty");
  const kinds: QuietKind[] = ["meeting", "huddle", "away"];
  return kinds
    .map((kind) => {
      const mine = entries.filter((x) => x.kind === kind);
      if (mine.length === 0) return null;
      const emoji = mine.filter((x) => x.emoji).map((x) => `:${x.emoji}:`);
      const phrases = mine.filter((x) => x.phrase).map((x) => `“${x.phrase}”`);
      return `*${t(`quiet.kinds.${kind}`)}* (\`${kind}\`): ${[...emoji, ...phrases].join(" ")}`;
    })
    .filter((x): x is string => x !== null)
    .join("\n");
}

export function quietStatusSettingMessage(result: QuietStatusSettingResult, t: T = EN): SlackMessage {
  switch (result.kind) {
    case "current":
      return message(
        `${t("quiet.current")}${result.isDefault ? t("quiet.builtIn") : ""}\n${describeQuietEntries(result.entries, t)}\n${t(result.canChange ? "quiet.how" : "quiet.managersOnly")}`,
      );
    case "changed":
      return message(`${t("quiet.saved")} ${t(result.isDefault ? "quiet.savedDefault" : "quiet.savedList")}\n${describeQuietEntries(result.entries, t)}`);
    case "not_allowed":
      return message(t("quiet.notAllowed"));
    case "invalid":
      return message(`${problemsText(result.problems, t)}\n${t("quiet.example")}`);
  }
}
