/** Answers to Done and streak milestones, in the person's language. Pure. */
import { EN, type T } from "../../i18n/index.js";
import { section } from "./blocks.js";
import type { SlackMessage } from "./message.js";

/** What the Done button answers, only to the person who pressed it. */
export function doneConfirmationMessage(currentStreak: number, t: T = EN): SlackMessage {
  const text = currentStreak >= 2 ? t("done.streak", { count: currentStreak }) : t("done.first");
  return { text, blocks: [section(text)] };
}

export type DoneRefusal = "not_recipient" | "late" | "opted_out" | "missing";

/** The Done button when the press cannot count; says why and what to do instead. */
export function doneRefusedMessage(reason: DoneRefusal, t: T = EN): SlackMessage {
  const text = t(`done.refused.${reason}`);
  return { text, blocks: [section(text)] };
}

/** Done pressed while the database is unavailable: kept, and counted as of the press once it is back. */
export function doneDeferredMessage(t: T = EN): SlackMessage {
  const text = t("done.deferred");
  return { text, blocks: [section(text)] };
}

/** Celebratory DM, once per milestone. 66 days is the habit figure from seed 001. */
export function milestoneMessage(days: number, t: T = EN): SlackMessage {
  const extra = t(days >= 66 ? "milestone.habit" : days >= 21 ? "milestone.threeWeeks" : days >= 10 ? "milestone.ten" : "milestone.five");
  const text = t("milestone.title", { count: days });
  return { text, blocks: [section(`*${text}*\n${extra}`)] };
}
