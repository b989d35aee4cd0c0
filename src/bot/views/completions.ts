import { section } from "./blocks.js";
import type { SlackMessage } from "./message.js";

/** What the Done button answers, only to the person who pressed it. */
export function doneConfirmationMessage(currentStreak: number): SlackMessage {
  const text =
    currentStreak >= 2
      ? `Nice! ${currentStreak}-day streak :fire:`
      : "Nice! That's today's stretch done. Come back tomorrow to start a streak :seedling:";
  return { text, blocks: [section(text)] };
}

export type DoneRefusal = "not_recipient" | "late" | "opted_out" | "missing";

/** The Done button when the press cannot count; says why and what to do instead. */
export function doneRefusedMessage(reason: DoneRefusal): SlackMessage {
  const text = {
    not_recipient: "This prompt was sent to someone else, so it can't count for you. `/stretch` gives you a routine of your own.",
    late: "This prompt closed at the end of your working day, so it no longer counts. There'll be a new one next time!",
    opted_out: "You've opted out, so I don't track your stretches. `/stretch optin` turns tracking back on.",
    missing: "I can't find that prompt any more (it may have been deleted). `/stretch` gives you a fresh routine.",
  }[reason];
  return { text, blocks: [section(text)] };
}

/** Done pressed while the database is unavailable: kept, and counted as of the press once it is back. */
export function doneDeferredMessage(): SlackMessage {
  const text = ":white_check_mark: Nice work! I've noted it and will add it to your streak in a moment (as of when you pressed Done).";
  return { text, blocks: [section(text)] };
}

/** Celebratory DM, once per milestone. 66 days is the habit figure from seed 001. */
export function milestoneMessage(days: number): SlackMessage {
  const extra =
    days >= 66
      ? "66 days is about how long a new habit takes to become automatic. Stretching is part of your day now :trophy:"
      : days >= 21
        ? "Three weeks of moving every working day: your back and shoulders are noticing :star2:"
        : days >= 10
          ? "Ten prompt days in a row. That's real momentum :muscle:"
          : "Five prompt days in a row. A great start :tada:";
  const text = `:fire: ${days}-day stretch streak!`;
  return { text, blocks: [section(`*${text}*\n${extra}`)] };
}
