/**
 * Replies to `/stretch schedule`, `pause`, `resume` and `now`. Pure; every reply says in plain
 * words what will happen next.
 */
import type { Button, KnownBlock, SectionBlock } from "@slack/types";
import type { ScheduleRecord } from "../../db/repositories/schedules.js";
import { formatWhen } from "../../domain/next-prompt.js";
import type { ScheduleTarget } from "../../domain/schedule-spec.js";
import { describeDays } from "../../domain/schedule-words.js";
import { formatClock } from "../../domain/slots.js";
import type { PostNowResult } from "../../services/ports.js";
import type { PauseOutcome, ScheduleChange, ScheduleView } from "../../services/schedule-service.js";
import { ActionId } from "../ids.js";
import type { SlackMessage } from "./message.js";
import { capBlocks, context, escapeMrkdwn, section } from "./routine.js";

const message = (text: string, blocks: KnownBlock[] = [section(text)]): SlackMessage => ({ text, blocks: capBlocks(blocks) });

/** Value of the Edit button: a schedule id, or `new:<target>` to set one up. */
export function editButtonValue(scheduleIdOrTarget: string | { newTarget: ScheduleTarget }): string {
  return typeof scheduleIdOrTarget === "string" ? scheduleIdOrTarget : `new:${scheduleIdOrTarget.newTarget}`;
}

function editButton(value: string, text = "Edit"): Button {
  return { type: "button", text: { type: "plain_text", text, emoji: true }, action_id: ActionId.scheduleEdit, value };
}

/** "every 60 min, 09:00–17:00, Mon–Fri, Europe/Warsaw · rotating areas · 3 min · seated" */
export function describeSchedule(
  s: Pick<ScheduleRecord, "intervalMinutes" | "times" | "windowStartMinute" | "windowEndMinute" | "days" | "tz" | "area" | "lengthSeconds" | "seatedOnly"> & { kind?: ScheduleRecord["kind"] },
): string {
  const when =
    s.times.length > 0
      ? `at ${s.times.join(", ")}`
      : `every ${s.intervalMinutes} min, ${formatClock(s.windowStartMinute)}–${formatClock(s.windowEndMinute)}`;
  const length = s.lengthSeconds % 60 === 0 ? `${s.lengthSeconds / 60} min` : `${s.lengthSeconds} s`;
  // Members' DMs follow each person's Slack zone; the stored zone only fills in for unknown ones.
  const zone = s.kind === "members" ? `each member's own time zone (${s.tz} if unknown)` : s.tz;
  const parts = [`${when}, ${describeDays(s.days)}, ${zone}`, s.area ? `${s.area} only` : "rotating body areas", `${length} each`];
  if (s.seatedOnly) parts.push("seated exercises");
  return parts.join(" · ");
}

export function targetLabel(s: Pick<ScheduleRecord, "kind" | "channelId">): string {
  if (s.kind === "dm") return "Your personal DMs";
  if (s.kind === "members") return `DMs to every member of <#${s.channelId}>`;
  return `Posts in <#${s.channelId}>`;
}

function whoGetsIt(s: ScheduleRecord): string {
  if (s.kind === "dm") return "You'll get a stretch prompt by DM";
  if (s.kind === "members") return `Every member of <#${s.channelId}> gets a stretch prompt by DM, within their working hours,`;
  return `I'll post a stretch prompt in <#${s.channelId}>`;
}

function scheduleBlock(view: ScheduleView, now: Date): KnownBlock[] {
  const s = view.schedule;
  const state = !s.active ? " _(off)_" : s.pausedUntil && s.pausedUntil > now ? ` _(paused ${until(s.pausedUntil, s.tz, now)})_` : "";
  const main: SectionBlock = section(`*${targetLabel(s)}*${state}\n${escapeMrkdwn(describeSchedule(s))}`);
  if (view.canEdit) main.accessory = editButton(s.id);
  const note = view.canEdit || s.kind === "dm" ? view.next.text : `${view.next.text} · Only <@${s.createdBy}>, workspace admins and stretch managers can change it.`;
  return [main, context(note), ...(view.spread ? [context(view.spread)] : [])];
}

export function scheduleOverviewMessage(views: ScheduleView[], where: { channelId: string }, now = new Date()): SlackMessage {
  const inDm = where.channelId.startsWith("D");
  const blocks: KnownBlock[] = views.flatMap((v) => scheduleBlock(v, now));
  const hasHere = views.some((v) => v.schedule.kind !== "dm");
  if (!hasHere) {
    const intro = inDm
      ? "You have no personal stretch schedule yet."
      : "This channel has no stretch schedule yet.";
    const start: SectionBlock = section(`${intro} Set one up with the button, or type e.g. \`/stretch schedule every 60m 09:00-17:00 mon-fri\`.`);
    start.accessory = editButton(editButtonValue({ newTarget: inDm ? "dm" : "channel" }), "Set one up");
    if (!(inDm && views.length > 0)) blocks.unshift(start);
  }
  if (!inDm && !views.some((v) => v.schedule.kind === "dm")) blocks.push(context("Personal reminders by DM: `/stretch schedule dm every 90m 9am-5pm weekdays`."));
  const summary = views.length === 0 ? "No stretch schedule here yet." : views.map((v) => `${targetLabel(v.schedule)}: ${describeSchedule(v.schedule)}`).join("\n");
  return message(summary, blocks);
}

export function scheduleChangeMessage(change: ScheduleChange): SlackMessage {
  switch (change.kind) {
    case "invalid":
      return invalidMessage(change.problems, change.example);
    case "forbidden":
      return forbiddenMessage(change.schedule);
    case "off": {
      const what = change.target === "dm" ? "Your personal DM schedule" : change.target === "members" ? "The members' DM schedule of this channel" : "This channel's schedule";
      const text = change.wasOn
        ? `:white_check_mark: ${what} is off: no more prompts from it. Turn it back on with \`/stretch schedule${change.target === "channel" ? "" : ` ${change.target}`} every 60m …\` or the Edit button in \`/stretch schedule\`; the settings are kept.`
        : `${what} was not running, so there was nothing to turn off.`;
      return message(text);
    }
    case "saved": {
      const s = change.view.schedule;
      const verb = change.created ? "All set" : "Updated";
      const invite = s.kind === "channel" ? "\nIf I'm not in this channel yet, invite me with `/invite @stretchbot` so I can post." : "";
      const spread = change.view.spread ? `\n${change.view.spread}` : "";
      const text = `:white_check_mark: ${verb}. ${whoGetsIt(s)} ${escapeMrkdwn(describeSchedule(s))}.\n*${change.view.next.text}*${spread}${invite}`;
      return message(text, [section(text), context("Change it any time with `/stretch schedule …` or the Edit button in `/stretch schedule`; `/stretch pause 2h` holds your own prompts.")]);
    }
  }
}

export function invalidMessage(problems: string[], example: string): SlackMessage {
  const list = problems.map((p) => `• ${p}`).join("\n");
  const text = `I couldn't set that schedule up:\n${list}\nFor example: \`${example}\``;
  return message(text, [section(`:thinking_face: I couldn't set that up:\n${list}`), context(`For example: \`${example}\` · all options: \`/stretch help\``)]);
}

export function forbiddenMessage(s: ScheduleRecord | null): SlackMessage {
  if (!s || !s.active) {
    return message(
      "Only the channel's creator, workspace admins and owners, and stretch managers can send stretch DMs to every member of a channel. Ask one of them, or set up your own reminders with `/stretch schedule dm every 90m 9am-5pm weekdays`.",
    );
  }
  const what = s.kind === "members" ? "the members' DM schedule of this channel" : "this channel's schedule";
  const text = `Only <@${s.createdBy}> (who set it up), workspace admins and owners, and stretch managers can change ${what}. Ask one of them, or hold your own prompts with \`/stretch pause 2h\`.`;
  return message(text);
}

function until(date: Date, tz: string, now: Date): string {
  const midnight = formatWhen(date, tz, now) === "tomorrow 00:00";
  return midnight ? `for the rest of today (${tz})` : `until ${formatWhen(date, tz, now)} ${tz}`;
}

export function pauseMessage(outcome: PauseOutcome, now = new Date()): SlackMessage {
  switch (outcome.kind) {
    case "invalid":
      return message(`${outcome.problem}\nFor example: \`${outcome.example}\``);
    case "forbidden":
      return forbiddenMessage(outcome.schedule);
    case "nothing-here":
      return message("This channel has no running stretch schedule to pause or resume. Set one up with `/stretch schedule every 60m 09:00-17:00 mon-fri`.");
    case "me-paused":
      return message(
        `:double_vertical_bar: Your DM prompts are paused ${until(outcome.until, outcome.tz, now)}. Prompts posted in channels keep going for everyone else. \`/stretch resume\` restarts yours sooner.`,
      );
    case "me-resumed": {
      const base = outcome.wasPaused ? ":arrow_forward: Welcome back: your DM prompts are on again." : "Your DM prompts weren't paused, so nothing changed.";
      const paused = outcome.channelPaused;
      const hint = paused ? ` This channel's own schedule is paused ${until(paused.until, paused.tz, now)}; \`/stretch resume channel\` restarts it.` : "";
      return message(base + hint);
    }
    case "channel-paused": {
      const tz = outcome.schedules[0]!.tz;
      return message(`:double_vertical_bar: This channel's stretch schedule is paused ${until(outcome.until, tz, now)}, for everyone. \`/stretch resume channel\` restarts it sooner.`);
    }
    case "channel-resumed":
      return message(`:arrow_forward: This channel's stretch schedule is running again. ${outcome.views.map((v) => v.next.text).join(" · ")}`);
  }
}

export function nowMessage(result: PostNowResult, now = new Date()): SlackMessage {
  if (result.ok) return message(`:white_check_mark: A stretch prompt is on its way in <#${result.channelId}>.`);
  if (result.limit === "pending") {
    return message(":hourglass_flowing_sand: A stretch prompt is already on its way here. React to it (or press *Done*) once you've stretched; you can ask for another once it's posted.");
  }
  if (result.limit === "hourly" && result.retryAt) {
    const tz = result.tz ?? "UTC";
    return message(
      `:hourglass_flowing_sand: That's ${result.perHour ?? "the most"} \`/stretch now\` prompts here in the last hour, the most I post so nobody gets flooded. ` +
        `You can ask again ${formatWhen(result.retryAt, tz, now)} (${tz}). For regular breaks, try \`/stretch schedule\`.`,
    );
  }
  return message(`I couldn't post a stretch prompt right now (${escapeMrkdwn(result.reason)}). Please try again in a moment.`);
}
