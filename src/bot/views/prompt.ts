/**
 * The scheduled stretch prompt (channel or DM) and the small replies to its buttons. Pure builders.
 *
 * Compact by default: a header, one line per exercise (name, dosage, about how long), the total,
 * and the buttons; the steps open on demand ("How to", a modal). People who prefer the full text
 * in their DMs get `style: "full"` (the steps inline).
 */
import type { ActionsBlock, Button, KnownBlock } from "@slack/types";
import { MAX_SNOOZES } from "../../domain/snooze.js";
import { describeDosage, formatDuration, type Routine } from "../../exercises/routine-builder.js";
import { ActionId, CallbackId } from "../ids.js";
import type { SlackMessage } from "./message.js";
import { capBlocks, context, escapeMrkdwn, header, section, SLACK_LIMITS, truncate } from "./routine.js";

export const REACT_LINE = "React to this message when you've done it :white_check_mark:";
const SAFETY_SHORT = "Move gently; stop if anything hurts.";

export interface PromptView {
  promptId: string;
  routine: Routine;
  /** Channel prompts talk to everyone; DM prompts to one person. */
  audience: "channel" | "dm";
  /** Set on the re-sent copy after Snooze. */
  snoozed?: boolean;
  /** Snoozes this prompt still allows (default MAX_SNOOZES); 0 → only Done and Skip. */
  snoozesLeft?: number;
  /** `full`: every step inline (a person's choice); default compact. */
  style?: "compact" | "full";
}

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
function compactLine(item: Routine["items"][number], i: number): string {
  return `${i + 1}. *${escapeMrkdwn(item.exercise.name)}* · ${escapeMrkdwn(describeDosage(item.exercise))} · ~${formatDuration(item.seconds)}`;
}

function fullLines(routine: Routine): string[] {
  return routine.items.map((item, i) => {
    const ex = item.exercise;
    const steps = ex.steps.map((s, n) => `${n + 1}. ${escapeMrkdwn(s)}`).join("\n");
    const sides = item.sides ? "\n_Each side: do one side, then switch._" : "";
    return `*${i + 1}. ${escapeMrkdwn(ex.name)}*  ·  about ${formatDuration(item.seconds)}\n_${escapeMrkdwn(describeDosage(ex))}_\n${steps}${sides}`;
  });
}

/** Done / How to / Skip / Another routine, then the snooze choices while snoozes are left. */
function promptActions(view: PromptView): ActionsBlock[] {
  const id = view.promptId;
  const left = view.snoozesLeft ?? MAX_SNOOZES;
  if (left <= 0) {
    return [{ type: "actions", block_id: "prompt_actions", elements: [button(":white_check_mark: Done", ActionId.promptDone, id, "primary"), button(":fast_forward: Skip", ActionId.promptSkip, id)] }];
  }
  return [
    {
      type: "actions",
      block_id: "prompt_actions",
      elements: [
        button(":white_check_mark: Done", ActionId.promptDone, id, "primary"),
        button(":book: How to", ActionId.promptHowTo, id),
        button(":fast_forward: Skip", ActionId.promptSkip, id),
        button(":arrows_counterclockwise: Another routine", ActionId.promptAnother, id),
      ],
    },
    {
      type: "actions",
      block_id: "prompt_snooze",
      elements: [
        button(":alarm_clock: 15 min", ActionId.promptSnooze, id),
        button("1 h", ActionId.promptSnoozeHour, id),
        button("After my meeting", ActionId.promptSnoozeMeeting, id),
        button("Tomorrow", ActionId.promptSnoozeTomorrow, id),
      ],
    },
  ];
}

/** The prompt: compact (about 10 lines) unless `style: "full"`. */
export function promptMessage(view: PromptView): SlackMessage {
  const { routine } = view;
  const title = view.snoozed ? "⏰ Your snoozed stretch break" : view.audience === "channel" ? "🧘 Stretch break, everyone!" : "🧘 Time for a stretch break";
  const areas = routine.areas.length > 0 ? routine.areas.join(", ") : "whole body";
  const left = view.snoozesLeft ?? MAX_SNOOZES;
  const snoozeNote = view.snoozed && left <= 0 ? `  ·  Snoozed ${MAX_SNOOZES} times: Done or Skip now.` : "";
  const summary = context(`:stopwatch: About *${formatDuration(routine.totalSeconds)}*  ·  ${escapeMrkdwn(areas)}  ·  ${SAFETY_SHORT}${snoozeNote}`);
  const tail: KnownBlock[] = [summary, context(REACT_LINE), ...promptActions(view)];
  const head: KnownBlock[] = [header(title)];
  const body: KnownBlock[] = [];
  if (view.style === "full") {
    const room = SLACK_LIMITS.blocksPerMessage - head.length - tail.length;
    const lines = fullLines(routine);
    const perBlock = Math.max(1, Math.ceil(lines.length / Math.max(1, room)));
    for (let i = 0; i < lines.length; i += perBlock) body.push(section(lines.slice(i, i + perBlock).join("\n\n")));
  } else {
    body.push(section(routine.items.map(compactLine).join("\n")));
  }
  const names = routine.items.map((i) => i.exercise.name).join(", ");
  return {
    text: truncate(`Stretch break (${formatDuration(routine.totalSeconds)}): ${names}. ${REACT_LINE}`, 3000),
    blocks: capBlocks([...head, ...body, ...tail], tail.length),
  };
}

/** "How to": every exercise's steps and safety cue, in a modal (no submit button). */
export function howToModal(routine: Routine): { type: "modal"; callback_id: string; title: { type: "plain_text"; text: string }; close: { type: "plain_text"; text: string }; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [];
  routine.items.forEach((item, i) => {
    const ex = item.exercise;
    const steps = ex.steps.map((s, n) => `${n + 1}. ${escapeMrkdwn(s)}`).join("\n");
    const sides = item.sides ? "\n_Each side: do one side, then switch._" : "";
    blocks.push(section(`*${i + 1}. ${escapeMrkdwn(ex.name)}*  ·  _${escapeMrkdwn(describeDosage(ex))}_  ·  about ${formatDuration(item.seconds)}\n${steps}${sides}`));
    blocks.push(context(`:warning: ${escapeMrkdwn(ex.safety)}`));
  });
  blocks.push(context(":adhesive_bandage: Move gently and stay in a range that feels comfortable. Stop if anything hurts, and see a health professional about sharp or lasting pain."));
  return {
    type: "modal",
    callback_id: CallbackId.promptHowToModal,
    title: { type: "plain_text", text: "How to stretch" },
    close: { type: "plain_text", text: "Close" },
    blocks: capBlocks(blocks, 1),
  };
}

const timeIn = (at: Date, tz: string) => at.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: tz });
const dayIn = (at: Date, tz: string) => at.toLocaleDateString("en-GB", { weekday: "long", timeZone: tz });

export function snoozedReply(at: Date, tz: string, opts: { choice?: string; fellBack?: boolean; left?: number; now?: Date } = {}): SlackMessage {
  const now = opts.now ?? new Date();
  const sameDay = at.toLocaleDateString("en-CA", { timeZone: tz }) === now.toLocaleDateString("en-CA", { timeZone: tz });
  const when = sameDay ? `at ${timeIn(at, tz)}` : `on ${dayIn(at, tz)} at ${timeIn(at, tz)}`;
  const parts = [`:alarm_clock: Snoozed. I'll send you this stretch break by DM ${when}.`];
  if (opts.fellBack) parts.push("I can't see when your meeting ends (your Slack status has no end time), so I made it an hour.");
  if (opts.left === 0) parts.push("That was the last snooze for this one.");
  const text = parts.join(" ");
  return { text, blocks: [section(text)] };
}

export function alreadySnoozedReply(): SlackMessage {
  const text = ":alarm_clock: You already snoozed this one; it's on its way in a few minutes.";
  return { text, blocks: [section(text)] };
}

export function snoozeLimitReply(): SlackMessage {
  const text = `:alarm_clock: This break has been snoozed ${MAX_SNOOZES} times already. Press *Done* when you've stretched, or *Skip* it.`;
  return { text, blocks: [section(text)] };
}

export function skippedReply(): SlackMessage {
  const text = ":ok_hand: Skipped this one. See you at the next break!";
  return { text, blocks: [section(text)] };
}

export function promptGoneReply(): SlackMessage {
  const text = "I can't find that stretch break any more (it may have been removed). The next one will come as scheduled.";
  return { text, blocks: [section(text)] };
}
