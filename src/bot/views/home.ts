/** The App Home tab. Pure; stays within Slack's 100-block limit whatever the number of teams. */
import type { Button, HomeView, KnownBlock } from "@slack/types";
import { DateTime } from "luxon";
import { MIN_TEAM_SIZE, percent } from "../../domain/leaderboard.js";
import type { HomeModel } from "../../services/home-service.js";
import type { PeriodStats } from "../../services/stats-service.js";
import { ActionId } from "../ids.js";
import { context, escapeMrkdwn, header, section } from "./routine.js";
import { describeSchedule } from "./schedule.js";
import { packLines, scopeLabel, teamLabel, teamLine } from "./participation-text.js";
import { personalSettingsBlocks } from "./personal-settings-home.js";

/** Slack's limit for a Home tab. */
export const HOME_MAX_BLOCKS = 100;
/** Team lines on Home; more are summarised (the report has them all). */
export const HOME_MAX_TEAMS = 40;

function button(text: string, actionId: string, style?: "primary" | "danger"): Button {
  return { type: "button", text: { type: "plain_text", text, emoji: true }, action_id: actionId, value: actionId, ...(style ? { style } : {}) };
}

function periodLine(label: string, p: PeriodStats): string {
  return `${label}: *${p.completed}* done${p.delivered > 0 ? ` of ${p.delivered} (${percent(p.rate)})` : ""}`;
}

export function homeView(model: HomeModel, now = new Date()): HomeView {
  const blocks: KnownBlock[] = [
    header("Your stretch breaks"),
    ...statsBlocks(model),
    { type: "divider" },
    ...scheduleBlocks(model, now),
    ...(model.personal ? [{ type: "divider" } as KnownBlock, ...personalSettingsBlocks(model.personal.settings, model.personal.dmEveryMinutes)] : []),
    { type: "divider" },
    ...privacyBlocks(model),
  ];
  if (model.manager) blocks.push({ type: "divider" }, ...managerBlocks(model));
  return { type: "home", blocks: capHome(blocks) };
}

function statsBlocks(model: HomeModel): KnownBlock[] {
  const s = model.stats;
  if (s.empty) return [section("No stretches yet. Type `/stretch` for a quick routine, or turn on DM reminders below.")];
  const streak = s.streak.current > 0 ? `:fire: *${s.streak.current}-day streak*` : "No streak running right now: one stretch starts it.";
  const lines = [`${streak} (best ${s.streak.best})`, [periodLine("This week", s.week), periodLine("This month", s.month), periodLine("All time", s.allTime)].join(" · ")];
  const blocks: KnownBlock[] = [section(lines.join("\n"))];
  if (s.topAreas.length > 0) blocks.push(context(`You stretch most: ${s.topAreas.map((a) => escapeMrkdwn(a.area)).join(", ")}`));
  const heatmap = model.images?.heatmap;
  if (heatmap) blocks.push(chartImage(heatmap, "Your last 12 weeks"));
  return blocks;
}

/** A server-rendered chart (signed URL); its alt text states the figures for screen readers. */
function chartImage(image: { url: string; altText: string }, title: string): KnownBlock {
  return { type: "image", image_url: image.url, alt_text: image.altText.slice(0, 2000), title: { type: "plain_text", text: title } };
}

function scheduleBlocks(model: HomeModel, now: Date): KnownBlock[] {
  const dm = model.dmSchedule;
  const on = dm?.schedule.active === true;
  const text = !dm
    ? "*DM reminders* · off\nI can send you a stretch prompt by DM during your working hours."
    : `*DM reminders* · ${on ? "on" : "off"}\n${escapeMrkdwn(describeSchedule(dm.schedule))}${on ? `\n${dm.next}` : ""}`;
  const snoozed = model.pausedUntil !== null && model.pausedUntil > now;
  const until = snoozed ? DateTime.fromJSDate(model.pausedUntil!, { zone: model.tz }).toFormat("ccc HH:mm") : "";
  return [
    section(text),
    ...(snoozed ? [context(`:zzz: Snoozed: no DM prompts until ${until} (${escapeMrkdwn(model.tz)}).`)] : []),
    {
      type: "actions",
      block_id: "home_schedule",
      elements: [
        button(on ? "Turn DM reminders off" : "Turn DM reminders on", ActionId.homeDmScheduleToggle, on ? undefined : "primary"),
        button("Edit schedule", ActionId.homeDmScheduleEdit),
        button(snoozed ? "End snooze" : "Snooze for today", ActionId.homeSnoozeToday),
      ],
    },
  ];
}

function privacyBlocks(model: HomeModel): KnownBlock[] {
  const board = model.leaderboardHidden ? "your name is hidden on leaderboards (you still count in totals, anonymously)" : "your name can appear on leaderboards";
  const tracking = model.optedOut ? "you opted out: no DMs and nothing recorded about you" : "your stretches are recorded for your streaks and stats";
  return [
    section(`*Privacy*\nLeaderboards: ${board}.\nTracking: ${tracking}.`),
    {
      type: "actions",
      block_id: "home_privacy",
      elements: [
        button(model.leaderboardHidden ? "Show me on leaderboards" : "Hide me from leaderboards", ActionId.homeLeaderboardVisibility),
        button(model.optedOut ? "Opt back in" : "Opt out", ActionId.homeOptToggle, model.optedOut ? "primary" : "danger"),
      ],
    },
  ];
}

function managerBlocks(model: HomeModel): KnownBlock[] {
  const { scope, report } = model.manager!;
  const blocks: KnownBlock[] = [header("Your teams this week")];
  if (report.total.size === 0) return [...blocks, section(`No stretch prompts reached ${scopeLabel(scope)} in the last ${report.weeks.length} weeks.`)];
  const chart = model.images?.participation;
  if (chart) {
    return [
      ...blocks,
      chartImage(chart, `Weekly participation, ${report.weeks.length} weeks`),
      context(`One line per team; teams under ${MIN_TEAM_SIZE} people are combined. \`/stretch report\` has the figures as text.`),
    ];
  }
  const lines = [`*All* · ${teamLine(scopeLabel(scope), report.total)}`];
  lines.push(...report.teams.slice(0, HOME_MAX_TEAMS).map((t) => teamLine(teamLabel(t.team), t)));
  if (report.teams.length > HOME_MAX_TEAMS) lines.push(`_…and ${report.teams.length - HOME_MAX_TEAMS} more teams in \`/stretch report\`._`);
  if (report.smallTeams) lines.push(teamLine(`_${report.smallTeams.count} small team(s), combined_`, report.smallTeams.series));
  return [
    ...blocks,
    ...packLines(lines),
    context(`Trend over ${report.weeks.length} weeks (one bar per week). Teams under ${MIN_TEAM_SIZE} people are combined. \`/stretch report\` for more.`),
  ];
}

/** Last line of defence for the 100-block limit (the manager part is the only unbounded one). */
function capHome(blocks: KnownBlock[]): KnownBlock[] {
  if (blocks.length <= HOME_MAX_BLOCKS) return blocks;
  return [...blocks.slice(0, HOME_MAX_BLOCKS - 1), context("_…shortened to fit the Home tab._")];
}
