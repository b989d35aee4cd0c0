/**
 * The scheduled stretch prompt (channel or DM) and the small replies to its buttons. Pure builders.
 *
 * Compact by default: a header, one line per exercise (name, dosage, about how long), the total,
 * and the buttons; the steps open on demand ("How to", a modal). People who prefer the full text
 * in their DMs get `style: "full"` (the steps inline).
 */
import type { ActionsBlock, Button, KnownBlock } from "@slack/types";
import { MAX_SNOOZES } from "../../domain/snooze.js";
import { formatDuration, type Routine } from "../../exercises/routine-builder.js";
import { dosageText, exerciseText } from "../../i18n/exercise-text.js";
import { EN, formatTime, formatWeekday, type T } from "../../i18n/index.js";
import { ActionId, CallbackId } from "../ids.js";
import type { SlackMessage } from "./message.js";
import type { PromptView } from "../../engine/ports.js";
import { capBlocks, context, escapeMrkdwn, header, section, SLACK_LIMITS, truncate } from "./routine.js";

export const REACT_LINE = EN("prompt.react");

/** What a prompt shows is the engine's data (src/engine/ports.ts); this file only draws it. */
export type { PromptView };

function button(text: string, actionId: string, value: string, style?: "primary" | "danger"): Button {
  const b: Button = {
    type: "button",
    text: { type: "plain_text", text: truncate(text, SLACK_LIMITS.buttonText), emoji: true },
    action_id: actionId,
    value: value.slice(0, SLACK_LIMITS.buttonValue),
  };
  if (style) b.style = style;
  return b;
}

/** "*Neck Rolls* · 5–10 reps · each side · ~1 min" */
function compactLine(item: Routine["items"][number], i: number, t: T): string {
  return `${i + 1}. *${escapeMrkdwn(exerciseText(item.exercise, t).name)}* · ${escapeMrkdwn(dosageText(item.exercise, t))} · ~${formatDuration(item.seconds)}`;
}

/** Name, dosage, time and the numbered steps of one exercise (full prompts, How to). */
function exerciseBlockText(item: Routine["items"][number], i: number, t: T): string {
  const text = exerciseText(item.exercise, t);
  const steps = text.steps.map((s, n) => `${n + 1}. ${escapeMrkdwn(s)}`).join("\n");
  const sides = item.sides ? `\n${t("safety.sidesShort")}` : "";
  return `*${i + 1}. ${escapeMrkdwn(text.name)}*  ·  _${escapeMrkdwn(dosageText(item.exercise, t))}_  ·  ${t("prompt.aboutPlain", { duration: formatDuration(item.seconds) })}\n${steps}${sides}`;
}

/** Done / How to / Skip / Another routine, then the snooze choices while snoozes are left. */
function promptActions(view: PromptView, t: T): ActionsBlock[] {
  const id = view.promptId;
  const left = view.snoozesLeft ?? MAX_SNOOZES;
  if (left <= 0) {
    return [{ type: "actions", block_id: "prompt_actions", elements: [button(t("prompt.done"), ActionId.promptDone, id, "primary"), button(t("prompt.skip"), ActionId.promptSkip, id)] }];
  }
  return [
    {
      type: "actions",
      block_id: "prompt_actions",
      elements: [
        button(t("prompt.done"), ActionId.promptDone, id, "primary"),
        button(t("prompt.howTo"), ActionId.promptHowTo, id),
        button(t("prompt.skip"), ActionId.promptSkip, id),
        button(t("prompt.another"), ActionId.promptAnother, id),
      ],
    },
    {
      type: "actions",
      block_id: "prompt_snooze",
      elements: [
        button(t("prompt.snooze15"), ActionId.promptSnooze, id),
        button(t("prompt.snoozeHour"), ActionId.promptSnoozeHour, id),
        button(t("prompt.snoozeMeeting"), ActionId.promptSnoozeMeeting, id),
        button(t("prompt.snoozeTomorrow"), ActionId.promptSnoozeTomorrow, id),
      ],
    },
  ];
}

/** The prompt: compact (about 10 lines) unless `style: "full"`. */
export function promptMessage(view: PromptView): SlackMessage {
  const { routine } = view;
  const t = view.t ?? EN;
  const title = t(view.snoozed ? "prompt.titleSnoozed" : view.audience === "channel" ? "prompt.titleChannel" : "prompt.titleDm");
  const areas = routine.areas.length > 0 ? routine.areas.map((a) => t(`areas.${a}`)).join(", ") : t("areas.whole");
  const left = view.snoozesLeft ?? MAX_SNOOZES;
  const snoozeNote = view.snoozed && left <= 0 ? `  ·  ${t("prompt.snoozeLimitNote", { count: MAX_SNOOZES })}` : "";
  const summary = context(`:stopwatch: ${t("prompt.about", { duration: formatDuration(routine.totalSeconds) })}  ·  ${escapeMrkdwn(areas)}  ·  ${t("safety.short")}${snoozeNote}`);
  const tail: KnownBlock[] = [summary, context(t("prompt.react")), ...promptActions(view, t)];
  const head: KnownBlock[] = [header(title)];
  const body: KnownBlock[] = [];
  if (view.style === "full") {
    const room = SLACK_LIMITS.blocksPerMessage - head.length - tail.length;
    const lines = routine.items.map((item, i) => exerciseBlockText(item, i, t));
    const perBlock = Math.max(1, Math.ceil(lines.length / Math.max(1, room)));
    for (let i = 0; i < lines.length; i += perBlock) body.push(section(lines.slice(i, i + perBlock).join("\n\n")));
  } else {
    body.push(section(routine.items.map((item, i) => compactLine(item, i, t)).join("\n")));
  }
  const names = routine.items.map((i) => exerciseText(i.exercise, t).name).join(", ");
  return {
    text: truncate(t("prompt.fallback", { duration: formatDuration(routine.totalSeconds), names, react: t("prompt.react") }), 3000),
    blocks: capBlocks([...head, ...body, ...tail], tail.length),
  };
}

/** "How to": every exercise's steps and safety cue, in a modal (no submit button). */
export function howToModal(routine: Routine, t: T = EN): { type: "modal"; callback_id: string; title: { type: "plain_text"; text: string }; close: { type: "plain_text"; text: string }; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [];
  routine.items.forEach((item, i) => {
    blocks.push(section(exerciseBlockText(item, i, t)));
    blocks.push(context(`:warning: ${escapeMrkdwn(exerciseText(item.exercise, t).safety)}`));
  });
  blocks.push(context(t("safety.full")));
  return {
    type: "modal",
    callback_id: CallbackId.promptHowToModal,
    title: { type: "plain_text", text: truncate(t("prompt.howToTitle"), 24) },
    close: { type: "plain_text", text: t("prompt.close") },
    blocks: capBlocks(blocks, 1),
  };
}

const reply = (text: string): SlackMessage => ({ text, blocks: [section(text)] });

export function snoozedReply(at: Date, tz: string, opts: { choice?: string; fellBack?: boolean; left?: number; now?: Date; t?: T } = {}): SlackMessage {
  const t = opts.t ?? EN;
  const now = opts.now ?? new Date();
  const sameDay = at.toLocaleDateString("en-CA", { timeZone: tz }) === now.toLocaleDateString("en-CA", { timeZone: tz });
  const time = formatTime(t, at, tz);
  const when = sameDay ? t("snooze.at", { time }) : t("snooze.onDay", { day: formatWeekday(t, at, tz), time });
  const parts = [t("snooze.done", { when })];
  if (opts.fellBack) parts.push(t("snooze.fellBack"));
  if (opts.left === 0) parts.push(t("snooze.last"));
  return reply(parts.join(" "));
}

export const alreadySnoozedReply = (t: T = EN): SlackMessage => reply(t("snooze.already"));
export const snoozeLimitReply = (t: T = EN): SlackMessage => reply(t("snooze.limit", { count: MAX_SNOOZES }));
export const skippedReply = (t: T = EN): SlackMessage => reply(t("snooze.skipped"));
export const promptGoneReply = (t: T = EN): SlackMessage => reply(t("snooze.gone"));

/** Skip/Snooze pressed on someone else's DM prompt, or by a person who opted out. */
export function promptActionRefusedReply(reason: "not_recipient" | "opted_out", t: T = EN): SlackMessage {
  return reply(t(reason === "not_recipient" ? "snooze.notRecipient" : "snooze.optedOut"));
}
