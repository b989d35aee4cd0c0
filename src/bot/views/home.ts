/** The App Home tab. Pure; stays within Slack's 100-block limit whatever the number of teams. */
import type { Button, HomeView, KnownBlock } from "@slack/types";
import { DateTime } from "luxon";
import { MIN_TEAM_SIZE, percent } from "../../domain/leaderboard.js";
import type { HomeModel } from "../../services/home-service.js";
import type { PeriodStats } from "../../services/stats-service.js";
import { EN, type T } from "../../i18n/index.js";
import { ActionId } from "../ids.js";
import { context, escapeMrkdwn, header, section } from "./routine.js";
import { describeSchedule, nextPromptLine } from "./schedule.js";
import { packLines, scopeLabel, teamLabel, teamLine } from "./participation-text.js";
import { personalSettingsBlocks } from "./personal-settings-home.js";

/** Slack's limit for a Home tab. */
export const HOME_MAX_BLOCKS = 100;
/** Team lines on Home; more are summarised (the report has them all). */
export const HOME_MAX_TEAMS = 40;

function button(text: string, actionId: string, style?: "primary" | "danger"): Button {
  return { type: "button", text: { type: "plain_text", text, emoji: true }, action_id: actionId, value: actionId, ...(style ? { style } : {}) };
}

function periodLine(label: string, p: PeriodStats, t: T): string {
  return p.delivered > 0 ? t("home.periodOf", { label, done: p.completed, delivered: p.delivered, percent: percent(p.rate) }) : t("home.period", { label, done: p.completed });
}

/** App Home in the person's language (`t`; English when not given). */
export function homeView(model: HomeModel, now = new Date(), t: T = EN): HomeView {
  const blocks: KnownBlock[] = [
    header(t("home.title")),
    ...statsBlocks(model, t),
    { type: "divider" },
    ...scheduleBlocks(model, now, t),
    ...(model.personal ? [{ type: "divider" } as KnownBlock, ...personalSettingsBlocks(model.personal.settings, model.personal.dmEveryMinutes, t)] : []),
    { type: "divider" },
    ...privacyBlocks(model, t),
  ];
  if (model.manager) blocks.push({ type: "divider" }, ...managerBlocks(model, t));
  return { type: "home", blocks: capHome(blocks, t) };
}

function statsBlocks(model: HomeModel, t: T): KnownBlock[] {
  const s = model.stats;
  if (s.empty) return [section(t("home.empty"))];
  const streak = s.streak.current > 0 ? t("home.streak", { count: s.streak.current }) : t("home.noStreak");
  const periods = [periodLine(t("home.week"), s.week, t), periodLine(t("home.month"), s.month, t), periodLine(t("home.allTime"), s.allTime, t)];
  const lines = [t("home.best", { streak, best: s.streak.best }), periods.join(" · ")];
  const blocks: KnownBlock[] = [section(lines.join("\n"))];
  // English keeps the stored area word as it always showed; other languages name it in their words.
  const areas = s.topAreas.map((a) => escapeMrkdwn(t.lng === "en" ? a.area : t(`areas.${a.area}`, { defaultValue: a.area })));
  if (s.topAreas.length > 0) blocks.push(context(t("home.most", { areas: areas.join(", ") })));
  const heatmap = model.images?.heatmap;
  if (heatmap) blocks.push(chartImage(heatmap, t("home.heatmapTitle")));
  return blocks;
}

/** A server-rendered chart (signed URL); its alt text states the figures for screen readers. */
function chartImage(image: { url: string; altText: string }, title: string): KnownBlock {
  return { type: "image", image_url: image.url, alt_text: image.altText.slice(0, 2000), title: { type: "plain_text", text: title } };
}

function scheduleBlocks(model: HomeModel, now: Date, t: T): KnownBlock[] {
  const dm = model.dmSchedule;
  const on = dm?.schedule.active === true;
  const text = !dm
    ? `${t("home.dm.heading", { state: t("home.dm.off") })}\n${t("home.dm.offer")}`
    : `${t("home.dm.heading", { state: t(on ? "home.dm.on" : "home.dm.off") })}\n${escapeMrkdwn(describeSchedule(dm.schedule, t))}${on ? `\n${nextPromptLine(dm.next, now, t)}` : ""}`;
  const snoozed = model.pausedUntil !== null && model.pausedUntil > now;
  const until = snoozed ? DateTime.fromJSDate(model.pausedUntil!, { zone: model.tz }).toFormat("ccc HH:mm") : "";
  return [
    section(text),
    ...(snoozed ? [context(t("home.dm.snoozed", { until, tz: escapeMrkdwn(model.tz) }))] : []),
    {
      type: "actions",
      block_id: "home_schedule",
      elements: [
        button(t(on ? "home.dm.turnOff" : "home.dm.turnOn"), ActionId.homeDmScheduleToggle, on ? undefined : "primary"),
        button(t("home.dm.edit"), ActionId.homeDmScheduleEdit),
        button(t(snoozed ? "home.dm.endSnooze" : "home.dm.snoozeToday"), ActionId.homeSnoozeToday),
      ],
    },
  ];
}

function privacyBlocks(model: HomeModel, t: T): KnownBlock[] {
  const board = t(model.leaderboardHidden ? "home.privacy.hidden" : "home.privacy.shown");
  const tracking = t(model.optedOut ? "home.privacy.optedOut" : "home.privacy.tracked");
  return [
    section(t("home.privacy.text", { board, tracking })),
    {
      type: "actions",
      block_id: "home_privacy",
      elements: [
        button(t(model.leaderboardHidden ? "home.privacy.show" : "home.privacy.hide"), ActionId.homeLeaderboardVisibility),
        button(t(model.optedOut ? "home.privacy.optIn" : "home.privacy.optOut"), ActionId.homeOptToggle, model.optedOut ? "primary" : "danger"),
      ],
    },
  ];
}

function managerBlocks(model: HomeModel, t: T): KnownBlock[] {
  const { scope, report } = model.manager!;
  const blocks: KnownBlock[] = [header(t("home.teams.title"))];
  const weeks = report.weeks.length;
  if (report.total.size === 0) return [...blocks, section(t("home.teams.none", { scope: scopeLabel(scope, t), count: weeks }))];
  const chart = model.images?.participation;
  if (chart) {
    return [
      ...blocks,
      chartImage(chart, t("home.teams.chartTitle", { count: weeks })),
      context(t("home.teams.chartNote", { min: MIN_TEAM_SIZE })),
    ];
  }
  const lines = [`*${t("home.teams.all")}* · ${teamLine(scopeLabel(scope, t), report.total, t)}`];
  lines.push(...report.teams.slice(0, HOME_MAX_TEAMS).map((team) => teamLine(teamLabel(team.team), team, t)));
  if (report.teams.length > HOME_MAX_TEAMS) lines.push(t("home.teams.more", { count: report.teams.length - HOME_MAX_TEAMS }));
  if (report.smallTeams) lines.push(teamLine(t("home.teams.smallTeams", { count: report.smallTeams.count }), report.smallTeams.series, t));
  return [
    ...blocks,
    ...packLines(lines),
    context(t("home.teams.trendNote", { count: weeks, min: MIN_TEAM_SIZE })),
  ];
}

/** Last line of defence for the 100-block limit (the manager part is the only unbounded one). */
function capHome(blocks: KnownBlock[], t: T): KnownBlock[] {
  if (blocks.length <= HOME_MAX_BLOCKS) return blocks;
  return [...blocks.slice(0, HOME_MAX_BLOCKS - 1), context(t("home.shortened"))];
}
