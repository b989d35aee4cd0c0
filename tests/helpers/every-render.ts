/**
 * Every message, modal, Home tab, problem and chart text the app can show, rendered in one
 * language: the catalogue the i18n tests check (Polish has no English left; both fit Block Kit).
 * When a view or problem code is added, add it here (problem codes are checked by the type).
 */
import { chartWords } from "../../src/charts/words.js";
import { doneConfirmationMessage, doneDeferredMessage, doneRefusedMessage, milestoneMessage } from "../../src/bot/views/completions.js";
import { digestMessage } from "../../src/bot/views/digest.js";
import { commandTooLongMessage, errorMessage } from "../../src/bot/views/errors.js";
import { heldPromptsLine } from "../../src/bot/views/held-prompts.js";
import { helpMessage } from "../../src/bot/views/help.js";
import { homeView } from "../../src/bot/views/home.js";
import { languageSettingMessage } from "../../src/bot/views/language-setting.js";
import { leaderboardMessage, usergroupProblemMessage, visibilityMessage } from "../../src/bot/views/leaderboard.js";
import { managerChangeMessage, managersListMessage } from "../../src/bot/views/managers.js";
import { personalSettingsModal } from "../../src/bot/views/personal-settings-home.js";
import { personalSettingsMessage, settingsSavedMessage } from "../../src/bot/views/personal-settings.js";
import { forgetCancelledMessage, forgetMeConfirmMessage, forgottenMessage, optedInMessage, optedOutMessage } from "../../src/bot/views/privacy.js";
import { plainProblemText, problemText } from "../../src/bot/views/problem-text.js";
import { howToModal, promptActionRefusedReply, promptMessage, skippedReply, snoozedReply, snoozeLimitReply } from "../../src/bot/views/prompt.js";
import { quietStatusSettingMessage } from "../../src/bot/views/quiet-status-setting.js";
import { reactionSettingMessage } from "../../src/bot/views/reaction-setting.js";
import { exportMessage, reportMessage, reportRefusalMessage } from "../../src/bot/views/report.js";
import { exerciseDetailMessage, listMessage, routineMessage, sharedRoutineMessage, unknownMessage } from "../../src/bot/views/routine.js";
import { scheduleModal, scheduleNoticeModal } from "../../src/bot/views/schedule-modal.js";
import { schedulePausedNotice } from "../../src/bot/views/schedule-paused.js";
import { invalidMessage, nowMessage, pauseMessage, scheduleChangeMessage, scheduleOverviewMessage } from "../../src/bot/views/schedule.js";
import { notInChannelMessage, sharedConfirmationMessage } from "../../src/bot/views/share.js";
import { statsMessage, statsWithNote } from "../../src/bot/views/stats.js";
import { participationSpec, heatmapSpec } from "../../src/charts/specs.js";
import type { PersonalSettings } from "../../src/db/repositories/member-prefs.js";
import type { MemberRecord } from "../../src/db/repositories/members.js";
import { heatmapData, participationChartData } from "../../src/domain/chart-data.js";
import { buildBoard } from "../../src/domain/leaderboard.js";
import type { Problem, ProblemCode, ProblemParams } from "../../src/domain/problem.js";
import { DEFAULT_QUIET_ENTRIES } from "../../src/domain/quiet-status.js";
import { weekStarts } from "../../src/domain/report-period.js";
import { buildReport } from "../../src/domain/report.js";
import { formValuesFrom } from "../../src/domain/schedule-form.js";
import { DEFAULT_SETTINGS } from "../../src/domain/schedule-spec.js";
import { EXERCISES } from "../../src/exercises/catalog.js";
import { buildRoutine, createRng } from "../../src/exercises/routine-builder.js";
import { BODY_AREAS } from "../../src/exercises/types.js";
import type { T } from "../../src/i18n/index.js";
import type { HomeModel } from "../../src/services/home-service.js";
import type { PersonalStats } from "../../src/services/stats-service.js";
import { scheduleRecord } from "./records.js";

export type Render = { name: string; kind: "message"; body: { text: string; blocks: unknown[] } } | { name: string; kind: "view"; body: unknown } | { name: string; kind: "text"; body: string };

/** One example of every problem a parser can return (the type makes a new code fail here). */
export const SAMPLE_PROBLEMS: { [K in ProblemCode]: ProblemParams[K] } = {
  tooLong: { max: 500 },
  tooManyWords: { max: 60 },
  givenTwice: { option: "every" },
  targetConflict: { first: "members", second: "dm" },
  everyNeedsValue: {},
  everyNotWholeMinutes: { value: "90s" },
  atNeedsTimes: {},
  tzNeedsValue: {},
  unknownZone: { word: "Mars/Base" },
  unknownZoneSuggest: { word: "Europe/Warsow", suggestion: "Europe/Warsaw" },
  areaNeedsValue: {},
  areaUnknown: { word: "elbow" },
  lengthNeedsValue: {},
  lengthOutOfRange: { min: 30, max: 20, value: "2h" },
  lengthRange: { min: 30, max: 20 },
  bareDuration: { word: "5m" },
  unknownWord: { word: "banana" },
  unknownWordSuggest: { word: "evry", suggestion: "every" },
  moreUnknown: { count: 5 },
  offWithOptions: {},
  everyAndAt: {},
  intervalRange: { min: 15, value: 5 },
  tooManyTimes: { count: 25, max: 24 },
  timesTooClose: { first: "10:00", second: "10:05", gap: 5, min: 15 },
  windowBackwards: { start: "17:00", end: "09:00" },
  intervalLongerThanWindow: { every: 600, start: "09:00", end: "17:00" },
  timesOutsideWindow: { times: "08:00, 18:00", count: 2, start: "09:00", end: "17:00" },
  sayHowOften: {},
  pickDays: {},
  membersNeedChannel: {},
  formEveryAndTimes: {},
  formNeedEveryOrTimes: {},
  formEveryFormat: {},
  formIntervalRange: { min: 15 },
  formNotATime: { times: "25:99" },
  formWindowFormat: {},
  formWindowBackwards: {},
  formWindowNeeded: {},
  formIntervalLongerThanWindow: {},
  formTimesOutsideWindow: { times: "08:00", count: 1 },
  formPickDay: {},
  formZoneSuggest: { suggestion: "Europe/Warsaw" },
  formZoneFormat: {},
  formPickArea: {},
  formLengthFormat: {},
  pauseRange: { word: "30d" },
  pauseUnknown: { word: "soon" },
  resumeUnknown: { word: "soon" },
  meHours: {},
  meDays: {},
  meTz: {},
  meEvery: {},
  meAreas: { areas: BODY_AREAS.map((a) => `\`${a}\``).join(", "), field: "avoid" },
  meOnOff: {},
  meIntensity: {},
  mePrompts: {},
  meLanguage: { languages: "`en`, `pl`" },
  meUnknownSetting: {},
  notEmoji: { word: "x y" },
  emptyPhrase: {},
  phraseTooLong: { max: 60 },
  nothingFound: {},
  tooManyEntries: { count: 51, max: 50 },
  notEmojiNames: { names: "`a b`, `c d`", count: 2 },
  tooManyEmoji: { count: 21, max: 20 },
  badMention: {},
  leaderboardUnknown: { word: "soon" },
  managersUsageOne: { action: "add" },
  managersUsage: {},
  reportUnknown: { word: "soon" },
  reportWeeks: { max: 52, default: 8 },
};
export const ALL_PROBLEMS: Problem[] = Object.entries(SAMPLE_PROBLEMS).map(([code, params]) => ({ code, ...params }) as Problem);

/** Problems shown in a modal as plain text (the schedule modal's fields, the settings modal's text lines). */
const MODAL_PROBLEMS = /^(form|tooLong$|tooManyTimes$|timesTooClose$|lengthRange$|meHours$|meDays$|meTz$|meEvery$)/;

const ID = "0b6f0a3e-1111-2222-3333-444455556666";
const NOW = new Date("2030-01-09T10:00:00Z"); // a Wednesday
const LATER = new Date("2030-01-10T08:00:00Z");
const stats = {
  today: "2030-01-09",
  week: { completed: 12, delivered: 14, completedOfDelivered: 11, rate: 11 / 14 },
  month: { completed: 41, delivered: 50, completedOfDelivered: 40, rate: 0.8 },
  allTime: { completed: 401, delivered: 500, completedOfDelivered: 400, rate: 0.8 },
  streak: { current: 22, best: 66 },
  topAreas: BODY_AREAS.map((area, i) => ({ area, count: 10 - i })),
  empty: false,
} as PersonalStats;
const held = { counts: (["meeting", "huddle", "away_status"] as const).flatMap((reason) => [{ reason, outcome: "deferred" as const, count: 5 }, { reason, outcome: "skipped" as const, count: 2 }]), total: 21 };
const settings: PersonalSettings = {
  preferredAreas: ["neck"],
  avoidAreas: ["hips"],
  seatedOnly: true,
  intensity: "gentle",
  promptStyle: "full",
  tz: "Europe/Warsaw",
  tzOverride: null,
  workStartMinute: 480,
  workEndMinute: 990,
  workDays: [1, 2, 3, 4, 5],
  language: null,
  slackLocale: "pl-PL",
};
const weeks = weekStarts("2030-01-07", 8);
const report = buildReport({
  weeks,
  aggregates: [
    ...["C0TEAM1", "C0TEAM2"].flatMap((team, i) => [
      ...weeks.map((week, w) => ({ team, week, deliveries: 40, people: 8 + i, completions: 10 + w * 2 + i, active: 5 })),
      { team, week: null, deliveries: 320, people: 8 + i, completions: 150, active: 7 },
    ]),
    ...weeks.map((week) => ({ team: "C0SMALL", week, deliveries: 4, people: 2, completions: 1, active: 1 })),
    { team: null, week: null, deliveries: 700, people: 20, completions: 320, active: 15 },
  ],
  streaks: new Map([[null, [1, 2, 3, 4]], ["C0TEAM1", [2, 3]]]),
});
const tallies = Array.from({ length: 6 }, (_, i) => ({ userId: `U0PERSON${i}`, completions: 10 + i, deliveries: 20, streak: i + 1, hidden: i === 0 }));
const manager = (over: Partial<MemberRecord>): MemberRecord => ({
  teamId: "T0", userId: "U0BOSS", displayName: "Boss", tz: "Europe/Warsaw", isBot: false, deleted: false, isAdmin: false, isOwner: false, isManager: true,
  workStartMinute: 540, workEndMinute: 1020, workDays: [1, 2, 3, 4, 5], optedOut: false, leaderboardHidden: false, pausedUntil: null, profileFetchedAt: null, ...over,
});

/** What a chart prints besides its data: titles (chart, axes, legend) and fixed sort orders (weekdays). */
function specWords(spec: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown, key: string) => {
    if (typeof node === "string" && key === "title") out.push(node);
    else if (Array.isArray(node)) node.forEach((n) => walk(n, key === "sort" ? "title" : key));
    else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) walk(v, k);
  };
  walk(spec, "");
  return out.join(" · ");
}

export function everyRender(t: T): Render[] {
  const out: Render[] = [];
  const msg = (name: string, body: { text: string; blocks: unknown[] }) => out.push({ name, kind: "message", body });
  const view = (name: string, body: unknown) => out.push({ name, kind: "view", body });
  const text = (name: string, body: string) => out.push({ name, kind: "text", body });

  // Prompts and routines
  const neck = buildRoutine({ areas: ["neck"], budgetSeconds: 300 }, createRng(1));
  const seatedCore = buildRoutine({ areas: ["core"], position: "seated", budgetSeconds: 600 }, createRng(3));
  for (const style of ["compact", "full"] as const) {
    msg(`prompt channel ${style}`, promptMessage({ promptId: ID, routine: neck, audience: "channel", style, t }));
    msg(`prompt dm ${style}`, promptMessage({ promptId: ID, routine: neck, audience: "dm", style, snoozed: true, snoozesLeft: 1, t }));
  }
  view("how-to modal", howToModal(neck, t));
  msg("snoozed", snoozedReply(LATER, "Europe/Warsaw", { fellBack: true, left: 1, now: NOW, t }));
  msg("snooze limit", snoozeLimitReply(t));
  msg("skipped", skippedReply(t));
  for (const reason of ["not_recipient", "opted_out"] as const) msg(`prompt refused ${reason}`, promptActionRefusedReply(reason, t));
  msg("routine", routineMessage(neck, { requestText: "neck", seed: "s", t }));
  msg("routine fallback", routineMessage(seatedCore, { requestText: "core seated", seed: "s", t }));
  msg("shared routine", sharedRoutineMessage(neck, "U0SHARER", t));
  msg("help", helpMessage(t));
  msg("list", listMessage(t));
  for (const ex of EXERCISES) msg(`exercise ${ex.id}`, exerciseDetailMessage(ex, t));
  msg("unknown", unknownMessage({ kind: "unknown", input: "elbw", suggestions: ["neck", "neck rolls"] }, t));
  // Done, milestones, share
  for (const streak of [1, 2, 5]) msg(`done ${streak}`, doneConfirmationMessage(streak, t));
  for (const reason of ["not_recipient", "late", "opted_out", "missing"] as const) msg(`done refused ${reason}`, doneRefusedMessage(reason, t));
  msg("done deferred", doneDeferredMessage(t));
  for (const days of [5, 10, 21, 66]) msg(`milestone ${days}`, milestoneMessage(days, t));
  msg("shared", sharedConfirmationMessage(t));
  for (const code of ["not_in_channel", "is_archived", "other"]) msg(`share failed ${code}`, notInChannelMessage(code, t));
  // Stats, settings
  msg("stats", statsMessage(stats, held, t));
  msg("stats empty", statsMessage({ ...stats, empty: true }, held, t));
  msg("stats, chart failed", statsWithNote({ kind: "chartFailed" }, statsMessage(stats, held, t), t));
  msg("stats, unknown word", statsWithNote({ kind: "badArgument", arg: "chrat" }, statsMessage(stats, held, t), t));
  text("held prompts", heldPromptsLine(held, t)!);
  msg("me show", personalSettingsMessage({ kind: "show", settings, dmEveryMinutes: 90 }, t));
  msg("me changed", personalSettingsMessage({ kind: "changed", change: { field: "avoid", areas: ["neck"] }, settings, dmEveryMinutes: 90, dmProblems: [{ code: "sayHowOften" }] }, t));
  msg("me invalid", personalSettingsMessage({ kind: "invalid", problems: [{ code: "meTz" }], example: "/stretch me tz Europe/Warsaw" }, t));
  msg("settings saved", settingsSavedMessage([{ kind: "changed", change: { field: "days", days: [1, 3, 5] }, settings, dmEveryMinutes: null }], t));
  view("personal settings modal", personalSettingsModal(settings, 90, t));
  for (const kind of ["current", "changed", "not_allowed", "invalid"] as const) {
    msg(`quiet ${kind}`, quietStatusSettingMessage({ kind, entries: [...DEFAULT_QUIET_ENTRIES], isDefault: true, canChange: true, problems: [{ code: "nothingFound" }] } as never, t));
    msg(`language ${kind}`, languageSettingMessage({ kind, language: "pl", canChange: true } as never, t));
  }
  msg("reactions any", reactionSettingMessage({ kind: "current", reactions: [], canChange: true }, t));
  msg("reactions list", reactionSettingMessage({ kind: "current", reactions: ["muscle"], canChange: false }, t));
  msg("reactions changed", reactionSettingMessage({ kind: "changed", reactions: ["muscle"] }, t));
  msg("reactions changed any", reactionSettingMessage({ kind: "changed", reactions: [] }, t));
  msg("reactions not allowed", reactionSettingMessage({ kind: "not_allowed" }, t));
  msg("reactions invalid", reactionSettingMessage({ kind: "invalid", problems: [{ code: "tooManyEmoji", count: 21, max: 20 }] }, t));
  // Schedules: overview, confirmations, modal, pause, now
  const channel = scheduleRecord({ kind: "channel", channelId: "C0ENG", area: "upper back", seatedOnly: true, days: [1, 3, 5] });
  const members = scheduleRecord({ kind: "members", channelId: "C0ENG", createdBy: "U0OWNER" });
  const dm = scheduleRecord({ kind: "dm", channelId: null, userId: "U0ME", targetKey: "dm:U0ME", createdBy: "U0ME", days: [1, 2, 3, 4, 5, 6, 7] });
  const at = { at: LATER, tz: "Europe/Warsaw", state: "at" as const };
  const spread = { recipients: 2_000, minutes: 4, postsPerMinute: 500 };
  msg("schedule overview", scheduleOverviewMessage([{ schedule: channel, next: at, canEdit: true }, { schedule: members, next: { ...at, state: "none_in_work_hours", at: null }, canEdit: false, spread }, { schedule: dm, next: { ...at, state: "opted_out", at: null }, canEdit: true }], { channelId: "C0ENG" }, NOW, t));
  msg("schedule overview empty", scheduleOverviewMessage([], { channelId: "C0ENG" }, NOW, t));
  msg("schedule overview off", scheduleOverviewMessage([{ schedule: { ...channel, active: false }, next: { ...at, state: "off", at: null }, canEdit: true }, { schedule: dm, next: { ...at, state: "none_this_week", at: null }, canEdit: true }], { channelId: "D0ME" }, NOW, t));
  for (const [kind, schedule] of [["channel", channel], ["members", members], ["dm", dm]] as const) {
    msg(`schedule saved ${kind}`, scheduleChangeMessage({ kind: "saved", created: kind !== "dm", view: { schedule, next: at, canEdit: true, spread } }, t, NOW));
    for (const wasOn of [true, false]) msg(`schedule off ${kind} ${wasOn}`, scheduleChangeMessage({ kind: "off", target: kind, schedule, wasOn }, t, NOW));
    view(`schedule modal ${kind}`, scheduleModal({ target: kind, channelId: "C0ENG" }, formValuesFrom({ ...DEFAULT_SETTINGS, days: [1, 2, 3], area: "neck", seatedOnly: true }, "Europe/Warsaw"), t));
  }
  view("schedule notice modal", scheduleNoticeModal(t("scheduleModal.outOfDate"), t));
  msg("schedule forbidden", scheduleChangeMessage({ kind: "forbidden", schedule: members }, t, NOW));
  msg("schedule forbidden new", scheduleChangeMessage({ kind: "forbidden", schedule: null }, t, NOW));
  msg("schedule invalid (every problem)", invalidMessage(ALL_PROBLEMS, "/stretch schedule every 60m", t));
  for (const p of ALL_PROBLEMS) {
    text(`problem ${p.code}`, problemText(p, t));
    if (MODAL_PROBLEMS.test(p.code)) text(`modal problem ${p.code}`, plainProblemText(p, t));
  }
  msg("pause invalid", pauseMessage({ kind: "invalid", problems: [{ code: "pauseRange", word: "30d" }], example: "/stretch pause 2h" }, NOW, t));
  msg("pause me", pauseMessage({ kind: "me-paused", until: LATER, tz: "Europe/Warsaw" }, NOW, t));
  msg("resume me", pauseMessage({ kind: "me-resumed", wasPaused: true, channelPaused: { until: LATER, tz: "Europe/Warsaw" } }, NOW, t));
  msg("pause nothing", pauseMessage({ kind: "nothing-here" }, NOW, t));
  msg("pause channel", pauseMessage({ kind: "channel-paused", until: LATER, schedules: [channel] }, NOW, t));
  msg("resume channel", pauseMessage({ kind: "channel-resumed", views: [{ schedule: channel, next: at, canEdit: true }] }, NOW, t));
  msg("now ok", nowMessage({ ok: true, channelId: "C0ENG" } as never, NOW, t));
  msg("now hourly", nowMessage({ ok: false, reason: "x", limit: "hourly", retryAt: LATER, perHour: 5, tz: "Europe/Warsaw" } as never, NOW, t));
  msg("now pending", nowMessage({ ok: false, reason: "x", limit: "pending" } as never, NOW, t));
  for (const reason of ["is_archived", "not_in_channel", "account_inactive"]) msg(`schedule paused ${reason}`, schedulePausedNotice({ kind: "channel", channelId: "C0ENG", reason }, t));
  // Leaderboard, managers, reports, digest, charts
  const scope = { kind: "channel" as const, channelId: "C0ENG" };
  msg("leaderboard", leaderboardMessage({ kind: "board", scope, period: "week", board: buildBoard(tallies) }, t));
  msg("leaderboard small", leaderboardMessage({ kind: "board", scope, period: "month", board: buildBoard(tallies.slice(0, 2)) }, t));
  msg("leaderboard empty", leaderboardMessage({ kind: "empty", scope, period: "all" }, t));
  for (const problem of ["missing_scope", "not_available", "not_found", "failed"] as const) msg(`usergroup ${problem}`, usergroupProblemMessage(problem, t));
  msg("visibility hidden", visibilityMessage(true, t));
  msg("managers list", managersListMessage([manager({ isOwner: true }), manager({ userId: "U0ADMIN", isAdmin: true }), manager({ userId: "U0M" })], t));
  msg("managers empty", managersListMessage([], t));
  for (const change of [{ kind: "not_admin" }, { kind: "not_a_person", userId: "U0B" }, { kind: "admin_already", userId: "U0A" }, { kind: "unchanged", userId: "U0A" }, { kind: "done", userId: "U0A" }] as const) {
    for (const action of ["add", "remove"] as const) msg(`managers ${change.kind} ${action}`, managerChangeMessage(change, action, t));
  }
  for (const s of [{ kind: "workspace" }, { kind: "my_teams" }] as const) msg(`report ${s.kind}`, reportMessage({ kind: "report", scope: s, report }, t));
  msg("report too small", reportMessage({ kind: "too_small", scope } as never, t));
  msg("report empty", reportMessage({ kind: "empty", scope } as never, t));
  msg("report refused", reportRefusalMessage(t));
  msg("export", exportMessage({ kind: "uploaded", filename: "r.csv", rows: 22 } as never, t));
  msg("digest", digestMessage({ weekStart: weeks.at(-1)!, scope: { kind: "my_teams" }, report, t }));
  const words = chartWords(t);
  const chart = participationChartData(report, (id) => `#${id}`, words);
  text("participation alt text", chart.altText);
  for (const p of chart.points) text("participation axis", p.label);
  text("participation series", chart.series.join(", "));
  text("participation spec", specWords(participationSpec(t("charts.participationTitle"), t)));
  const heat = heatmapData("2030-01-09", new Map([["2030-01-07", 3], ["2029-12-03", 1]]), words);
  text("heatmap alt text", heat.altText);
  text("heatmap labels", heat.cells.map((c) => `${c.weekLabel} ${c.weekday}`).join(", "));
  text("heatmap spec", specWords(heatmapSpec(t("charts.heatmapTitle", { count: 12 }), t)));
  // Home: member, manager (text lines), charts
  const home: HomeModel = {
    userId: "U0ME", tz: "Europe/Warsaw", stats, dmSchedule: { schedule: dm, next: at }, pausedUntil: LATER, leaderboardHidden: true, optedOut: false,
    manager: { scope: { kind: "my_teams" }, report }, personal: { settings, dmEveryMinutes: 90 },
  };
  view("home manager", homeView(home, NOW, t));
  view("home empty", homeView({ ...home, stats: { ...stats, empty: true }, dmSchedule: null, pausedUntil: null, optedOut: true, manager: null }, NOW, t));
  view("home charts", homeView({ ...home, images: { heatmap: { url: "https://example.com/h.png", altText: heat.altText }, participation: { url: "https://example.com/p.png", altText: chart.altText } } } as HomeModel, NOW, t));
  // Privacy and errors
  const counts = { profile: 1, completions: 22, reactions: 5, deliveries: 3, milestones: 2, routineRequests: 3, channelMemberships: 12, digests: 4, dmSchedules: 1, dmPrompts: 9 };
  for (const m of [optedOutMessage(t), optedInMessage(t), forgetMeConfirmMessage(t), forgetCancelledMessage(t), errorMessage(undefined, t), commandTooLongMessage(1234, t)]) msg("privacy/errors", m);
  msg("forgotten", forgottenMessage({ counts, keptOptOut: true } as never, t));
  return out;
}
