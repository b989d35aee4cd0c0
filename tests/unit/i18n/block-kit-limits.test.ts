import { describe, expect, it } from "vitest";
import { helpMessage } from "../../../src/bot/views/help.js";
import { schedulePausedNotice } from "../../../src/bot/views/schedule-paused.js";
import { exportMessage, reportMessage, reportRefusalMessage } from "../../../src/bot/views/report.js";
import { commandTooLongMessage, errorMessage } from "../../../src/bot/views/errors.js";
import { forgetCancelledMessage, forgetMeConfirmMessage, forgottenMessage, optedInMessage, optedOutMessage } from "../../../src/bot/views/privacy.js";
import { HOME_MAX_BLOCKS, homeView } from "../../../src/bot/views/home.js";
import { leaderboardMessage, usergroupProblemMessage, visibilityMessage } from "../../../src/bot/views/leaderboard.js";
import { personalSettingsModal } from "../../../src/bot/views/personal-settings-home.js";
import { forbiddenMessage, invalidMessage, nowMessage, pauseMessage, scheduleChangeMessage, scheduleOverviewMessage } from "../../../src/bot/views/schedule.js";
import { problem } from "../../../src/domain/problem.js";
import type { PersonalSettings } from "../../../src/db/repositories/member-prefs.js";
import { buildBoard } from "../../../src/domain/leaderboard.js";
import { buildReport } from "../../../src/domain/report.js";
import { weekStarts } from "../../../src/domain/report-period.js";
import type { HomeModel } from "../../../src/services/home-service.js";
import { scheduleRecord } from "../../helpers/records.js";
import { heldPromptsLine } from "../../../src/bot/views/held-prompts.js";
import { languageSettingMessage } from "../../../src/bot/views/language-setting.js";
import { quietStatusSettingMessage } from "../../../src/bot/views/quiet-status-setting.js";
import { DEFAULT_QUIET_ENTRIES } from "../../../src/domain/quiet-status.js";
import { howToModal, promptMessage, skippedReply, snoozedReply, snoozeLimitReply } from "../../../src/bot/views/prompt.js";
import { exerciseDetailMessage, listMessage, routineMessage, unknownMessage } from "../../../src/bot/views/routine.js";
import { statsMessage } from "../../../src/bot/views/stats.js";
import { EXERCISES } from "../../../src/exercises/catalog.js";
import { buildRoutine, createRng, type Routine } from "../../../src/exercises/routine-builder.js";
import { BODY_AREAS } from "../../../src/exercises/types.js";
import { SUPPORTED_LANGUAGES, translator } from "../../../src/i18n/index.js";
import type { PersonalStats } from "../../../src/services/stats-service.js";

type Block = Record<string, unknown>;
const ID = "0b6f0a3e-1111-2222-3333-444455556666";

/** Slack's limits (api.slack.com/reference/block-kit): every problem found, as readable strings. */
function problems(blocks: Block[], maxBlocks: number): string[] {
  const out: string[] = [];
  if (blocks.length > maxBlocks) out.push(`${blocks.length} blocks > ${maxBlocks}`);
  const text = (o: unknown) => (o && typeof o === "object" ? String((o as { text?: unknown }).text ?? "") : "");
  for (const b of blocks) {
    if (b.type === "section") {
      if (text(b.text).length > 3000) out.push(`section ${text(b.text).length} chars`);
      for (const f of (b.fields as unknown[] | undefined) ?? []) if (text(f).length > 2000) out.push("field > 2000");
      if (((b.fields as unknown[] | undefined) ?? []).length > 10) out.push("> 10 fields");
    }
    if (b.type === "header" && text(b.text).length > 150) out.push(`header ${text(b.text).length} chars`);
    if (b.type === "context") {
      const els = b.elements as unknown[];
      if (els.length > 10) out.push("context > 10 elements");
      for (const e of els) if (text(e).length > 3000) out.push("context text > 3000");
    }
    if (b.type === "actions") {
      const els = b.elements as Array<{ text?: unknown; action_id?: string; value?: string }>;
      if (els.length > 25) out.push("actions > 25");
      for (const e of els) {
        if (text(e.text).length > 75) out.push(`button "${text(e.text)}" > 75`);
        if ((e.action_id ?? "").length > 255) out.push("action_id > 255");
        if ((e.value ?? "").length > 2000) out.push("value > 2000");
      }
      const ids = els.map((e) => e.action_id);
      if (new Set(ids).size !== ids.length) out.push("duplicate action_id in one block");
    }
  }
  return out;
}
const message = (m: { text: string; blocks: unknown[] }) => [...problems(m.blocks as Block[], 50), ...(m.text.length > 40_000 ? ["text too long"] : [])];

const wholeCatalog: Routine = {
  items: EXERCISES.map((exercise) => ({ exercise, seconds: exercise.estimatedSeconds, sides: exercise.dosage.perSide })),
  totalSeconds: EXERCISES.reduce((n, e) => n + e.estimatedSeconds, 0),
  budgetSeconds: 1200,
  areas: [],
};
const routines: Routine[] = [
  ...BODY_AREAS.map((area, i) => buildRoutine({ areas: [area], budgetSeconds: 600 }, createRng(i))),
  buildRoutine({ areas: [] }, createRng(99)),
  wholeCatalog,
];
const stats: PersonalStats = {
  today: "2030-01-07",
  week: { completed: 12, delivered: 14, completedOfDelivered: 11, rate: 11 / 14 },
  month: { completed: 41, delivered: 50, completedOfDelivered: 40, rate: 0.8 },
  allTime: { completed: 401, delivered: 500, completedOfDelivered: 400, rate: 0.8 },
  streak: { current: 22, best: 66 },
  topAreas: BODY_AREAS.map((area, i) => ({ area, count: 10 - i })),
  empty: false,
} as PersonalStats;
const held = { counts: (["meeting", "huddle", "away_status"] as const).flatMap((reason) => [{ reason, outcome: "deferred" as const, count: 5 }, { reason, outcome: "skipped" as const, count: 2 }]), total: 21 };

describe.each(SUPPORTED_LANGUAGES)("every rendered message fits Block Kit limits (%s)", (lng) => {
  const t = translator(lng);
  it("prompts: channel and DM, compact and full, snoozed and at the snooze limit", () => {
    for (const routine of routines) {
      for (const style of ["compact", "full"] as const) {
        expect(message(promptMessage({ promptId: ID, routine, audience: "channel", style, t }))).toEqual([]);
        expect(message(promptMessage({ promptId: ID, routine, audience: "dm", style, snoozed: true, snoozesLeft: 0, t }))).toEqual([]);
      }
      const modal = howToModal(routine, t);
      expect(problems(modal.blocks as unknown as Block[], 100)).toEqual([]);
      expect(modal.title.text.length).toBeLessThanOrEqual(24);
    }
  });
  it("/stretch <area> routines and help", () => {
    for (const routine of routines) expect(message(routineMessage(routine, { requestText: "x".repeat(300), seed: "s".repeat(40), t }))).toEqual([]);
    expect(message(helpMessage(t))).toEqual([]);
    expect(message(listMessage(t))).toEqual([]);
    for (const ex of EXERCISES) expect(message(exerciseDetailMessage(ex, t))).toEqual([]);
    expect(message(unknownMessage({ kind: "unknown", input: "x".repeat(400), suggestions: ["neck", "neck rolls", "hips"] }, t))).toEqual([]);
  });
  it("stats, held prompts, replies, language setting", () => {
    expect(message(statsMessage(stats, held, t))).toEqual([]);
    expect(message(statsMessage({ ...stats, empty: true }, held, t))).toEqual([]);
    expect(heldPromptsLine(held, t)!.length).toBeLessThan(3000);
    expect(message(snoozedReply(new Date(), "Europe/Warsaw", { fellBack: true, left: 0, t }))).toEqual([]);
    expect(message(snoozeLimitReply(t))).toEqual([]);
    expect(message(skippedReply(t))).toEqual([]);
    for (const kind of ["current", "changed", "not_allowed", "invalid"] as const) {
      expect(message(quietStatusSettingMessage({ kind, entries: [...DEFAULT_QUIET_ENTRIES], isDefault: true, canChange: true, problems: [problem("tooManyEntries", { count: 999, max: 50 })] } as never, t))).toEqual([]);
      expect(message(languageSettingMessage({ kind, language: "pl", canChange: true } as never, t))).toEqual([]);
    }
  });
});

const settings: PersonalSettings = {
  preferredAreas: [...BODY_AREAS],
  avoidAreas: [...BODY_AREAS],
  seatedOnly: true,
  intensity: "gentle",
  promptStyle: "full",
  tz: "America/Argentina/ComodRivadavia",
  tzOverride: "America/Argentina/ComodRivadavia",
  workStartMinute: 480,
  workEndMinute: 990,
  workDays: [1, 2, 3, 4, 5],
  language: null,
  slackLocale: "pl-PL",
};
const weeks = weekStarts("2030-01-07", 12);
/** 120 teams (more than Home shows) plus small ones, 12 weeks. */
const bigReport = buildReport({
  weeks,
  aggregates: [
    ...Array.from({ length: 120 }, (_, i) => `C0TEAM${i}`).flatMap((team, i) => [
      ...weeks.map((week, w) => ({ team, week, deliveries: 50, people: 10 + (i % 30), completions: (i * w) % 50, active: 5 })),
      { team, week: null, deliveries: 600, people: 10 + (i % 30), completions: 300, active: 10 },
    ]),
    ...weeks.map((week) => ({ team: "C0SMALL", week, deliveries: 4, people: 2, completions: 1, active: 1 })),
    { team: null, week: null, deliveries: 99_999, people: 5000, completions: 55_555, active: 4000 },
  ],
  streaks: new Map([[null, [1, 2, 3]]]),
});
const dmSchedule = scheduleRecord({ kind: "dm", channelId: null, userId: "U0ME", targetKey: "dm:U0ME", createdBy: "U0ME" });
const homeModels: HomeModel[] = [
  { userId: "U0ME", tz: "Europe/Warsaw", stats, dmSchedule: { schedule: dmSchedule, next: { at: null, tz: "Europe/Warsaw", state: "none_in_work_hours" } }, pausedUntil: new Date(Date.now() + 3_600_000), leaderboardHidden: true, optedOut: true, manager: { scope: { kind: "workspace" }, report: bigReport }, personal: { settings, dmEveryMinutes: 90 } },
  { userId: "U0ME", tz: "Europe/Warsaw", stats: { ...stats, empty: true }, dmSchedule: null, pausedUntil: null, leaderboardHidden: false, optedOut: false, manager: { scope: { kind: "my_teams" }, report: buildReport({ weeks, aggregates: [], streaks: new Map() }) } },
  {
    userId: "U0ME", tz: "Europe/Warsaw", stats: { ...stats, streak: { current: 0, best: 3 } }, dmSchedule: { schedule: dmSchedule, next: { at: new Date(Date.now() + 5 * 86_400_000), tz: "America/Argentina/ComodRivadavia", state: "at" } }, pausedUntil: null, leaderboardHidden: false, optedOut: false,
    manager: { scope: { kind: "workspace" }, report: bigReport },
    images: { heatmap: { url: "https://example.com/h.png", altText: "a".repeat(3000) }, participation: { url: "https://example.com/p.png", altText: "b".repeat(3000) } },
  } as HomeModel,
];
const tallies = Array.from({ length: 60 }, (_, i) => ({ userId: `U0PERSON${i}`, completions: 100 + i, deliveries: 200, streak: 365 + i, hidden: i % 3 === 0 }));
const board = buildBoard(tallies);

describe.each(SUPPORTED_LANGUAGES)("newly translated views fit Block Kit limits (%s)", (lng) => {
  const t = translator(lng);
  it("App Home (member, manager with 120 teams, charts) and the personal settings modal", () => {
    for (const model of homeModels) {
      const view = homeView(model, new Date(), t);
      expect(problems(view.blocks as unknown as Block[], HOME_MAX_BLOCKS)).toEqual([]);
      for (const b of view.blocks as Array<{ type: string; title?: { text: string } }>) if (b.type === "image") expect(b.title!.text.length).toBeLessThanOrEqual(2000);
    }
    const modal = personalSettingsModal(settings, 90, t);
    expect(problems(modal.blocks as unknown as Block[], 100)).toEqual([]);
    for (const text of [modal.title.text, modal.submit!.text, modal.close!.text]) expect(text.length).toBeLessThanOrEqual(24);
    for (const b of modal.blocks as Array<{ label: { text: string }; hint?: { text: string }; element: { options?: Array<{ text: { text: string } }> } }>) {
      expect(b.label.text.length).toBeLessThanOrEqual(2000);
      expect((b.hint?.text ?? "").length).toBeLessThanOrEqual(2000);
      for (const o of b.element.options ?? []) expect(o.text.text.length).toBeLessThanOrEqual(75);
    }
  });
  it("leaderboard (board, totals only, empty, problems) and visibility replies", () => {
    const scope = { kind: "usergroup" as const, usergroupId: "S0GROUP", label: "g".repeat(80) };
    for (const period of ["week", "month", "all"] as const) {
      expect(message(leaderboardMessage({ kind: "board", scope, period, board }, t))).toEqual([]);
      expect(message(leaderboardMessage({ kind: "board", scope, period, board: buildBoard(tallies.slice(0, 2)) }, t))).toEqual([]);
      expect(message(leaderboardMessage({ kind: "empty", scope, period }, t))).toEqual([]);
    }
    expect(message(leaderboardMessage({ kind: "not_a_channel" }, t))).toEqual([]);
    for (const problem of ["missing_scope", "not_available", "not_found", "failed"] as const) expect(message(usergroupProblemMessage(problem, t))).toEqual([]);
    expect(message(visibilityMessage(true, t))).toEqual([]);
    expect(message(visibilityMessage(false, t))).toEqual([]);
  });
  it("pause, resume, /stretch now limits and schedule refusals", () => {
    const now = new Date();
    const later = new Date(now.getTime() + 3 * 86_400_000);
    const view = { schedule: scheduleRecord({}), next: { at: later, tz: "America/Argentina/ComodRivadavia", state: "at" as const }, canEdit: true, spread: { recipients: 123_456, minutes: 247, postsPerMinute: 500 } };
    const outcomes = [
      { kind: "invalid", problems: [problem("pauseRange", { word: "p".repeat(30) })], example: "/stretch pause 2h" },
      { kind: "me-paused", until: later, tz: "America/Argentina/ComodRivadavia" },
      { kind: "me-resumed", wasPaused: true, channelPaused: { until: later, tz: "Europe/Warsaw" } },
      { kind: "me-resumed", wasPaused: false, channelPaused: null },
      { kind: "nothing-here" },
      { kind: "forbidden", schedule: scheduleRecord({ kind: "members" }) },
      { kind: "channel-paused", until: later, schedules: [scheduleRecord({})] },
      { kind: "channel-resumed", views: Array.from({ length: 10 }, () => view) },
    ];
    for (const outcome of outcomes) expect(message(pauseMessage(outcome as never, now, t))).toEqual([]);
    for (const result of [
      { ok: true, channelId: "C0ENG" },
      { ok: false, reason: "r".repeat(300), limit: "pending" },
      { ok: false, reason: "x", limit: "hourly", retryAt: later, perHour: 22, tz: "Europe/Warsaw" },
      { ok: false, reason: "x", limit: "hourly", retryAt: later, tz: "Europe/Warsaw" },
      { ok: false, reason: "r".repeat(300) },
    ]) expect(message(nowMessage(result as never, now, t))).toEqual([]);
    expect(message(forbiddenMessage(null, t))).toEqual([]);
    const views = (["channel", "members", "dm"] as const).map((kind, i) => ({ schedule: scheduleRecord({ kind, channelId: kind === "dm" ? null : "C0ENG", active: i !== 1, pausedUntil: later }), next: view.next, canEdit: i === 0 }));
    for (const channelId of ["C0ENG", "D0ME"]) {
      expect(message(scheduleOverviewMessage(views, { channelId }, now, t))).toEqual([]);
      expect(message(scheduleOverviewMessage([], { channelId }, now, t))).toEqual([]);
    }
    for (const target of ["dm", "members", "channel"] as const) {
      for (const wasOn of [true, false]) expect(message(scheduleChangeMessage({ kind: "off", target, wasOn } as never, t))).toEqual([]);
      const schedule = scheduleRecord({ kind: target, channelId: target === "dm" ? null : "C0ENG", times: Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, "0")}:00`), area: "upper back", seatedOnly: true });
      for (const created of [true, false]) expect(message(scheduleChangeMessage({ kind: "saved", created, view: { schedule, next: view.next, canEdit: true } } as never, t))).toEqual([]);
    }
    expect(message(invalidMessage(Array.from({ length: 10 }, () => problem("unknownZone", { word: "p".repeat(30) })), "/stretch schedule every 60m", t))).toEqual([]);
    for (const reason of ["channel_not_found", "channel_deleted", "not_in_channel", "is_archived", "channel_archived", "account_inactive", "user_not_found", "user_disabled", "cannot_dm_bot", "r".repeat(300)]) {
      for (const kind of ["channel", "members", "dm"] as const) expect(message(schedulePausedNotice({ kind, channelId: kind === "dm" ? null : "C0ENG", reason }, t))).toEqual([]);
    }
  });
  it("participation report (120 teams), its problems and the export reply", () => {
    const scopes = [{ kind: "workspace" }, { kind: "my_teams" }, { kind: "usergroup", usergroupId: "S0G", label: "g".repeat(80) }, { kind: "channel", channelId: "C0ENG" }] as const;
    for (const scope of scopes) {
      expect(message(reportMessage({ kind: "report", scope, report: bigReport } as never, t))).toEqual([]);
      expect(message(reportMessage({ kind: "too_small", scope } as never, t))).toEqual([]);
      expect(message(reportMessage({ kind: "empty", scope } as never, t))).toEqual([]);
    }
    expect(message(reportRefusalMessage(t))).toEqual([]);
    expect(message(exportMessage({ kind: "uploaded", filename: "f".repeat(100), rows: 12_345 } as never, t))).toEqual([]);
  });
  it("privacy replies (opt out/in, forget-me with every count) and error replies", () => {
    const counts = { profile: 1, completions: 22, reactions: 5, deliveries: 1234, milestones: 2, routineRequests: 3, channelMemberships: 12, digests: 4, dmSchedules: 1, dmPrompts: 999 };
    for (const m of [optedOutMessage(t), optedInMessage(t), forgetMeConfirmMessage(t), forgetCancelledMessage(t), errorMessage(undefined, t), errorMessage("d".repeat(500), t), commandTooLongMessage(123_456, t)]) expect(message(m)).toEqual([]);
    expect(message(forgottenMessage({ counts, keptOptOut: true } as never, t))).toEqual([]);
    expect(message(forgottenMessage({ counts: Object.fromEntries(Object.keys(counts).map((k) => [k, 0])), keptOptOut: false } as never, t))).toEqual([]);
  });
});

describe("Polish renderings are Polish", () => {
  const pl = translator("pl");
  it("prompt, routine, help and stats speak Polish, dosage numbers exact", () => {
    const routine = buildRoutine({ areas: ["neck"] }, createRng(1));
    const prompt = JSON.stringify(promptMessage({ promptId: ID, routine, audience: "dm", t: pl }));
    expect(prompt).toContain("Czas na chwilę rozciągania");
    expect(prompt).toContain("Zrobione");
    const rolls = EXERCISES.find((e) => e.id === "neck-rolls")!;
    const one: Routine = { items: [{ exercise: rolls, seconds: 60, sides: true }], totalSeconds: 60, budgetSeconds: 180, areas: ["neck"] };
    const text = JSON.stringify(routineMessage(one, { requestText: "szyja", seed: "s", t: pl }));
    expect(text).toContain("Krążenia głowy");
    expect(text).toContain("5–10 powtórzeń · na każdą stronę");
    expect(text).toContain("1 minuta");
    expect(JSON.stringify(helpMessage(pl))).toContain("Harmonogramy");
    expect(JSON.stringify(listMessage(pl))).toContain("Krążenia głowy");
    expect(JSON.stringify(exerciseDetailMessage(rolls, pl))).toContain("Dawka:");
    expect(JSON.stringify(statsMessage(stats, held, pl))).toContain("Seria: 22 dni");
  });
  it("App Home, leaderboard and pause replies speak Polish, plurals right", () => {
    const home = JSON.stringify(homeView(homeModels[0]!, new Date(), pl));
    expect(home).toContain("Twoje przerwy na rozciąganie");
    expect(home).toContain("22 dni z rzędu");
    expect(home).toContain("Wyłącz przypomnienia");
    expect(home).toContain("Twoje ustawienia");
    expect(home).not.toContain("Turn DM reminders");
    expect(home).toMatch(/co \d+ min, \d\d:\d\d–\d\d:\d\d/);
    expect(home).not.toContain("rotating body areas");
    const saved = scheduleChangeMessage({ kind: "saved", created: true, view: { schedule: scheduleRecord({ kind: "channel", channelId: "C0ENG", area: "neck" }), next: { at: null, tz: "UTC", state: "off" }, canEdit: true } } as never, pl).text;
    expect(saved).toContain("Gotowe. Będę wysyłać przypomnienie o rozciąganiu na <#C0ENG>:");
    expect(saved).toContain("tylko szyja");
    expect(scheduleOverviewMessage([], { channelId: "C0ENG" }, new Date(), pl).text).toBe("Nie ma tu jeszcze harmonogramu rozciągania.");
    const modal = JSON.stringify(personalSettingsModal(settings, 90, pl));
    expect(modal).toContain("Godziny pracy");
    expect(modal).toContain("\"value\":\"upper back\"");
    const people = (n: number) => JSON.stringify(leaderboardMessage({ kind: "board", scope: { kind: "channel", channelId: "C0ENG" }, period: "week", board: buildBoard(tallies.slice(0, n)) }, pl));
    expect(people(3)).toContain("Ranking rozciągania");
    expect(people(3)).toContain("z 3 osób");
    expect(people(2)).toContain("mniej niż 3 osoby");
    const streak = (n: number) => JSON.stringify(leaderboardMessage({ kind: "board", scope: { kind: "channel", channelId: "C0ENG" }, period: "week", board: buildBoard([1, 2, 3].map((i) => ({ userId: `U${i}`, completions: 1, deliveries: 1, streak: n, hidden: false }))) }, pl));
    expect(streak(1)).toContain("seria 1 dzień");
    expect(streak(3)).toContain("seria 3 dni");
    const now = new Date("2030-01-07T10:00:00Z");
    expect(pauseMessage({ kind: "me-paused", until: new Date("2030-01-07T12:00:00Z"), tz: "UTC" }, now, pl).text).toContain("wstrzymane do dziś o 12:00 UTC");
    expect(nowMessage({ ok: false, reason: "x", limit: "hourly", retryAt: new Date("2030-01-08T09:00:00Z"), perHour: 5, tz: "UTC" }, now, pl).text).toContain("5 przypomnień");
    expect(nowMessage({ ok: false, reason: "x", limit: "hourly", retryAt: new Date("2030-01-08T09:00:00Z"), perHour: 2, tz: "UTC" }, now, pl).text).toContain("jutro o 09:00");
    const gone = forgottenMessage({ counts: { profile: 1, completions: 22, reactions: 0, deliveries: 5, milestones: 0, routineRequests: 0, channelMemberships: 0, digests: 0, dmSchedules: 0, dmPrompts: 0 }, keptOptOut: false } as never, pl).text;
    expect(gone).toBe("Gotowe. Usunięto: 1 profil, 22 wykonane rozciągania, 5 dostarczonych przypomnień.");
    expect(forgetMeConfirmMessage(pl).text).toBe("Usunąć wszystko, co o tobie wiem?");
    const seatedCore = buildRoutine({ areas: ["core"], position: "seated", budgetSeconds: 600 }, createRng(3));
    const en = JSON.stringify(routineMessage(seatedCore, { requestText: "core seated", seed: "s", t: translator("en") }));
    expect(en).toContain(seatedCore.fallback!.reason);
    const fallback = JSON.stringify(routineMessage(seatedCore, { requestText: "core seated", seed: "s", t: pl }));
    expect(seatedCore.fallback!.notes!.length).toBeGreaterThan(0);
    expect(fallback).toMatch(/na siedząco|Nie znam|Znam tylko|Nie mam ćwiczeń/);
    expect(fallback).not.toContain(seatedCore.fallback!.reason);
    expect(schedulePausedNotice({ kind: "channel", channelId: "C0ENG", reason: "is_archived" }, pl).text).toContain("Wstrzymałem harmonogram rozciągania dla <#C0ENG>: kanał został zarchiwizowany.");
    const report = reportMessage({ kind: "report", scope: { kind: "workspace" }, report: bigReport } as never, pl);
    expect(report.text).toContain("Raport udziału w rozciąganiu: cały workspace, 12 tygodni");
    expect(exportMessage({ kind: "uploaded", filename: "r.csv", rows: 22 } as never, pl).text).toContain("22 wiersze");
  });
});
