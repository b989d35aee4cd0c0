/**
 * The scheduled stretch prompt (channel or DM) and the small replies to its buttons. Pure builders.
 */
import type { ActionsBlock, Button, KnownBlock } from "@slack/types";
import { describeDosage, formatDuration, type Routine } from "../../exercises/routine-builder.js";
import { ActionId } from "../ids.js";
import type { SlackMessage } from "./message.js";
import { capBlocks, context, escapeMrkdwn, header, section, SLACK_LIMITS, truncate } from "./routine.js";

export const REACT_LINE = "React to this message when you've done it :white_check_mark:";

export interface PromptView {
  promptId: string;
  routine: Routine;
  /** Channel prompts talk to everyone; DM prompts to one person. */
  audience: "channel" | "dm";
  /** Set on the re-sent copy after Snooze. */
  snoozed?: boolean;
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

function exerciseLines(routine: Routine): string[] {
  return routine.items.map((item, i) => {
    const ex = item.exercise;
    const steps = ex.steps.map((s, n) => `${n + 1}. ${escapeMrkdwn(s)}`).join("\n");
    const sides = item.sides ? "\n_Each side: do one side, then switch._" : "";
    return `*${i + 1}. ${escapeMrkdwn(ex.name)}*  ·  about ${formatDuration(item.seconds)}\n_${escapeMrkdwn(describeDosage(ex))}_\n${steps}${sides}`;
  });
}

/** Header, routine, total time, the reaction line, and Done / Snooze 15 min / Skip / Another routine. */
export function promptMessage(view: PromptView): SlackMessage {
  const { routine } = view;
  const title = view.snoozed ? "⏰ Your snoozed stretch break" : view.audience === "channel" ? "🧘 Stretch break, everyone!" : "🧘 Time for a stretch break";
  const areas = routine.areas.length > 0 ? routine.areas.join(", ") : "whole body";
  const n = routine.items.length;
  const actions: ActionsBlock = {
    type: "actions",
    block_id: "prompt_actions",
    elements: [
      button(":white_check_mark: Done", ActionId.promptDone, view.promptId, "primary"),
      button(":alarm_clock: Snooze 15 min", ActionId.promptSnooze, view.promptId),
      button(":fast_forward: Skip", ActionId.promptSkip, view.promptId),
      button(":arrows_counterclockwise: Another routine", ActionId.promptAnother, view.promptId),
    ],
  };
  const tail: KnownBlock[] = [context(`:stopwatch: Total about *${formatDuration(routine.totalSeconds)}*  ·  ${escapeMrkdwn(areas)}  ·  ${n} ${n === 1 ? "move" : "moves"}`), section(REACT_LINE), actions];
  const head: KnownBlock[] = [header(title), section("A few minutes away from the screen. Move gently and stop if anything hurts.")];
  const room = SLACK_LIMITS.blocksPerMessage - head.length - tail.length;
  const lines = exerciseLines(routine);
  const perBlock = Math.max(1, Math.ceil(lines.length / Math.max(1, room)));
  const body: KnownBlock[] = [];
  for (let i = 0; i < lines.length; i += perBlock) body.push(section(lines.slice(i, i + perBlock).join("\n\n")));
  const names = routine.items.map((i) => i.exercise.name).join(", ");
  return {
    text: truncate(`Stretch break (${formatDuration(routine.totalSeconds)}): ${names}. ${REACT_LINE}`, 3000),
    blocks: capBlocks([...head, ...body, ...tail], tail.length),
  };
}

export function snoozedReply(at: Date, tz: string): SlackMessage {
  const time = at.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: tz });
  const text = `:alarm_clock: Snoozed. I'll send you this stretch break by DM at ${time}.`;
  return { text, blocks: [section(text)] };
}

export function alreadySnoozedReply(): SlackMessage {
  const text = ":alarm_clock: You already snoozed this one; it's on its way in a few minutes.";
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

/** Skip/Snooze pressed on someone else's DM prompt, or by a person who opted out. */
export function promptActionRefusedReply(reason: "not_recipient" | "opted_out"): SlackMessage {
  const text =
    reason === "not_recipient"
      ? "This stretch break was sent to someone else, so its buttons are theirs. `/stretch` gives you a routine of your own."
      : "You've opted out, so I don't send you breaks or track them. `/stretch optin` turns them back on.";
  return { text, blocks: [section(text)] };
}
