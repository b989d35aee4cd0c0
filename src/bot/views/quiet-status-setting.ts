import type { QuietEntry, QuietKind } from "../../domain/quiet-status.js";
import type { QuietStatusSettingResult } from "../../services/quiet-status-settings.js";
import type { SlackMessage } from "./message.js";
import { SLACK_LIMITS, truncate } from "./routine.js";

const KIND_LABEL: Record<QuietKind, string> = { meeting: "Meetings and calls", huddle: "Huddles", away: "Out of office, holiday, sick" };

function message(text: string): SlackMessage {
  return { text: truncate(text, SLACK_LIMITS.sectionText), blocks: [{ type: "section", text: { type: "mrkdwn", text: truncate(text, SLACK_LIMITS.sectionText) } }] };
}

/** One line per kind: its emoji, then its phrases in quotes. */
export function describeQuietEntries(entries: QuietEntry[]): string {
  if (entries.length === 0) return "_No statuses: only huddles hold prompts back._";
  const kinds: QuietKind[] = ["meeting", "huddle", "away"];
  return kinds
    .map((kind) => {
      const mine = entries.filter((x) => x.kind === kind);
      if (mine.length === 0) return null;
      const emoji = mine.filter((x) => x.emoji).map((x) => `:${x.emoji}:`);
      const phrases = mine.filter((x) => x.phrase).map((x) => `“${x.phrase}”`);
      return `*${KIND_LABEL[kind]}* (\`${kind}\`): ${[...emoji, ...phrases].join(" ")}`;
    })
    .filter((x): x is string => x !== null)
    .join("\n");
}

const HOW =
  "\nChange it: `/stretch quiet-statuses add meeting :calendar: \"focus time\"`, `… remove :airplane:`, a whole list " +
  "(`/stretch quiet-statuses meeting :calendar: \"in a meeting\" away :palm_tree: \"out of office\"`), `… none`, or `… default`.";

export function quietStatusSettingMessage(result: QuietStatusSettingResult): SlackMessage {
  switch (result.kind) {
    case "current":
      return message(
        `:no_bell: While someone's Slack status matches one of these (or they are in a huddle), their DM stretch prompts wait until the status ends, ` +
          `or are skipped if it lasts past their working hours.${result.isDefault ? " This is the built-in list." : ""}\n` +
          describeQuietEntries(result.entries) +
          (result.canChange ? HOW : "\nManagers and workspace admins can change this list."),
      );
    case "changed":
      return message(
        `:white_check_mark: Saved. ${result.isDefault ? "Back to the built-in list." : "DM prompts now wait for these statuses:"}\n${describeQuietEntries(result.entries)}`,
      );
    case "not_allowed":
      return message("Only managers and workspace admins can change which statuses hold prompts back. `/stretch quiet-statuses` shows the current list.");
    case "invalid":
      return message(`${result.problem}\nExample: \`/stretch quiet-statuses add meeting :calendar: "in a meeting"\``);
  }
}
