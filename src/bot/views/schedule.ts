/**
 * Replies to `/stretch schedule`, `pause`, `resume` and `now`. Pure; every reply says in plain
 * words what will happen next.
 */
import type { Button, KnownBlock, SectionBlock } from "@slack/types";
import type { ScheduleRecord } from "../../db/repositories/schedules.js";
import { DateTime } from "luxon";
import type { NextPrompt } from "../../domain/next-prompt.js";
import type { SlotSpread } from "../../domain/spread.js";
import type { Problem } from "../../domain/problem.js";
import type { ScheduleTarget } from "../../domain/schedule-spec.js";
import { formatClock } from "../../domain/slots.js";
import type { PostNowResult } from "../../services/ports.js";
import type { PauseOutcome, ScheduleChange, ScheduleView } from "../../services/schedule-service.js";
import { EN, formatWhenIn, type T } from "../../i18n/index.js";
import { daysText } from "./days-text.js";
import { problemsText, problemText } from "./problem-text.js";
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
  t: T = EN,
): string {
  const d = (key: string, options?: Record<string, unknown>) => t(`describe.${key}`, options);
  const when =
    s.times.length > 0
      ? d("at", { times: s.times.join(", ") })
      : d("every", { minutes: s.intervalMinutes, start: formatClock(s.windowStartMinute), end: formatClock(s.windowEndMinute) });
  const length = s.lengthSeconds % 60 === 0 ? d("minutes", { count: s.lengthSeconds / 60 }) : d("seconds", { count: s.lengthSeconds });
  // Members' DMs follow each person's Slack zone; the stored zone only fills in for unknown ones.
  const zone = s.kind === "members" ? d("memberZones", { tz: s.tz }) : s.tz;
  const area = s.area ? d("areaOnly", { area: t.lng === "en" ? s.area : t(`areas.${s.area}`, { defaultValue: s.area }) }) : d("rotating");
  const parts = [`${when}, ${daysText(s.days, t)}, ${zone}`, area, d("each", { length })];
  if (s.seatedOnly) parts.push(d("seated"));
  return parts.join(" · ");
}

export function targetLabel(s: Pick<ScheduleRecord, "kind" | "channelId">, t: T = EN): string {
  if (s.kind === "dm") return t("schedule.target.dm");
  return t(s.kind === "members" ? "schedule.target.members" : "schedule.target.channel", { channel: `<#${s.channelId}>` });
}

function whoGetsIt(s: ScheduleRecord, t: T): string {
  if (s.kind === "dm") return t("schedule.who.dm");
  return t(s.kind === "members" ? "schedule.who.members" : "schedule.who.channel", { channel: `<#${s.channelId}>` });
}

/** "Next prompt: today 14:00 Europe/Warsaw", or why none comes, in the person's language. */
export function nextPromptLine(next: NextPrompt, now: Date, t: T = EN): string {
  if (next.state !== "at" || !next.at) return t(`schedule.next.${next.state}`);
  return t("schedule.next.at", { when: formatWhenIn(t, next.at, next.tz, now), tz: next.tz });
}

/** "2,000 members: prompts go out over about 4 minutes (…)", numbers written the language's way. */
export function spreadLine(spread: SlotSpread, t: T = EN): string {
  const number = (n: number) => n.toLocaleString(t.lng === "en" ? "en-US" : t.lng);
  return t("schedule.spread", { count: spread.minutes, recipients: number(spread.recipients), perMinute: number(spread.postsPerMinute) });
}

function scheduleBlock(view: ScheduleView, now: Date, t: T): KnownBlock[] {
  const s = view.schedule;
  const state = !s.active ? t("schedule.overview.off") : s.pausedUntil && s.pausedUntil > now ? t("schedule.overview.paused", { until: until(s.pausedUntil, s.tz, now, t) }) : "";
  const main: SectionBlock = section(`*${targetLabel(s, t)}*${state}\n${escapeMrkdwn(describeSchedule(s, t))}`);
  if (view.canEdit) main.accessory = editButton(s.id, t("schedule.overview.edit"));
  const next = nextPromptLine(view.next, now, t);
  const note = view.canEdit || s.kind === "dm" ? next : `${next} · ${t("schedule.overview.onlyOwner", { owner: `<@${s.createdBy}>` })}`;
  return [main, context(note), ...(view.spread ? [context(spreadLine(view.spread, t))] : [])];
}

/** `/stretch schedule` with no options, in the person's language. */
export function scheduleOverviewMessage(views: ScheduleView[], where: { channelId: string }, now = new Date(), t: T = EN): SlackMessage {
  const inDm = where.channelId.startsWith("D");
  const blocks: KnownBlock[] = views.flatMap((v) => scheduleBlock(v, now, t));
  const hasHere = views.some((v) => v.schedule.kind !== "dm");
  if (!hasHere) {
    const intro = t(inDm ? "schedule.overview.noneDm" : "schedule.overview.noneChannel");
    const start: SectionBlock = section(t("schedule.overview.setUp", { intro }));
    start.accessory = editButton(editButtonValue({ newTarget: inDm ? "dm" : "channel" }), t("schedule.overview.setUpButton"));
    if (!(inDm && views.length > 0)) blocks.unshift(start);
  }
  if (!inDm && !views.some((v) => v.schedule.kind === "dm")) blocks.push(context(t("schedule.overview.dmHint")));
  const summary = views.length === 0 ? t("schedule.overview.summaryNone") : views.map((v) => `${targetLabel(v.schedule, t)}: ${describeSchedule(v.schedule, t)}`).join("\n");
  return message(summary, blocks);
}

/** Confirmations and refusals of `/stretch schedule …`, in the person's language. */
export function scheduleChangeMessage(change: ScheduleChange, t: T = EN, now = new Date()): SlackMessage {
  switch (change.kind) {
    case "invalid":
      return invalidMessage(change.problems, change.example, t);
    case "forbidden":
      return forbiddenMessage(change.schedule, t);
    case "off": {
      const what = t(change.target === "dm" ? "schedule.off.dm" : change.target === "members" ? "schedule.off.members" : "schedule.off.channel");
      const command = `/stretch schedule${change.target === "channel" ? "" : ` ${change.target}`} every 60m …`;
      return message(change.wasOn ? t("schedule.off.done", { what, command }) : t("schedule.off.notRunning", { what }));
    }
    case "saved": {
      const s = change.view.schedule;
      const verb = t(change.created ? "schedule.saved.created" : "schedule.saved.updated");
      const invite = s.kind === "channel" ? `
${t("schedule.saved.invite")}` : "";
      const spread = change.view.spread ? `
${spreadLine(change.view.spread, t)}` : "";
      const text = `:white_check_mark: ${verb}. ${whoGetsIt(s, t)} ${escapeMrkdwn(describeSchedule(s, t))}.
*${nextPromptLine(change.view.next, now, t)}*${spread}${invite}`;
      return message(text, [section(text), context(t("schedule.saved.note"))]);
    }
  }
}

export function invalidMessage(problems: Problem[], example: string, t: T = EN): SlackMessage {
  const list = problems.map((p) => `• ${problemText(p, t)}`).join("\n");
  const text = t("schedule.invalid.text", { list, example });
  return message(text, [section(t("schedule.invalid.section", { list })), context(t("schedule.invalid.example", { example }))]);
}

export function forbiddenMessage(s: ScheduleRecord | null, t: T = EN): SlackMessage {
  if (!s || !s.active) return message(t("schedule.forbidden.members"));
  const what = t(s.kind === "members" ? "schedule.forbidden.whatMembers" : "schedule.forbidden.whatChannel");
  return message(t("schedule.forbidden.change", { owner: `<@${s.createdBy}>`, what }));
}

function until(date: Date, tz: string, now: Date, t: T): string {
  // Up to the coming midnight reads as "the rest of today".
  const midnight = +DateTime.fromJSDate(date, { zone: tz }) === +DateTime.fromJSDate(now, { zone: tz }).startOf("day").plus({ days: 1 });
  return midnight ? t("pause.restOfToday", { tz }) : t("pause.until", { when: formatWhenIn(t, date, tz, now), tz });
}

export function pauseMessage(outcome: PauseOutcome, now = new Date(), t: T = EN): SlackMessage {
  switch (outcome.kind) {
    case "invalid":
      return message(t("pause.invalid", { problem: problemsText(outcome.problems, t), example: outcome.example }));
    case "forbidden":
      return forbiddenMessage(outcome.schedule, t);
    case "nothing-here":
      return message(t("pause.nothingHere"));
    case "me-paused":
      return message(t("pause.mePaused", { until: until(outcome.until, outcome.tz, now, t) }));
    case "me-resumed": {
      const base = t(outcome.wasPaused ? "pause.meResumed" : "pause.meNotPaused");
      const paused = outcome.channelPaused;
      const hint = paused ? t("pause.channelStillPaused", { until: until(paused.until, paused.tz, now, t) }) : "";
      return message(base + hint);
    }
    case "channel-paused": {
      const tz = outcome.schedules[0]!.tz;
      return message(t("pause.channelPaused", { until: until(outcome.until, tz, now, t) }));
    }
    case "channel-resumed":
      return message(t("pause.channelResumed", { next: outcome.views.map((v) => nextPromptLine(v.next, now, t)).join(" · ") }));
  }
}

export function nowMessage(result: PostNowResult, now = new Date(), t: T = EN): SlackMessage {
  if (result.ok) return message(t("now.onItsWay", { channel: `<#${result.channelId}>` }));
  if (result.limit === "pending") return message(t("now.pending"));
  if (result.limit === "hourly" && result.retryAt) {
    const tz = result.tz ?? "UTC";
    const when = formatWhenIn(t, result.retryAt, tz, now);
    return message(result.perHour ? t("now.hourly", { count: result.perHour, when, tz }) : t("now.hourlyUnknown", { when, tz }));
  }
  return message(t("now.failed", { reason: escapeMrkdwn(result.reason) }));
}
