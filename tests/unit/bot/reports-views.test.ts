import { describe, expect, it } from "vitest";
import { ActionId } from "../../../src/bot/ids.js";
import { digestMessage } from "../../../src/bot/views/digest.js";
import { HOME_MAX_BLOCKS, homeView } from "../../../src/bot/views/home.js";
import { leaderboardMessage } from "../../../src/bot/views/leaderboard.js";
import { managersListMessage } from "../../../src/bot/views/managers.js";
import { reportMessage, reportRefusalMessage } from "../../../src/bot/views/report.js";
import type { MemberRecord } from "../../../src/db/repositories/members.js";
import { scheduleRecord } from "../../helpers/records.js";
import { buildBoard } from "../../../src/domain/leaderboard.js";
import { buildReport, type WeeklyAggregate } from "../../../src/domain/report.js";
import { weekStarts } from "../../../src/domain/report-period.js";
import type { HomeModel } from "../../../src/services/home-service.js";
import { reportCsv } from "../../../src/services/report-csv.js";
import type { PersonalStats } from "../../../src/services/stats-service.js";

type Block = { type: string; text?: { text: string }; elements?: Array<{ action_id?: string }> };
const json = (x: unknown) => JSON.stringify(x);
const sectionTexts = (blocks: unknown[]) => (blocks as Block[]).filter((b) => b.type === "section").map((b) => b.text!.text);

const WEEKS = weekStarts("2026-11-25", 8);

/** A workspace of `teams` teams of 3–40 people (plus `small` teams of 2), `WEEKS` long. */
function bigReport(teams: number, small = 3) {
  const aggregates: WeeklyAggregate[] = [];
  const add = (team: string | null, people: number, seed: number) => {
    for (const [i, week] of WEEKS.entries()) aggregates.push({ team, week, deliveries: people * 5, people, completions: (people * (i + seed)) % (people * 5), active: Math.min(people, i + 1) });
    aggregates.push({ team, week: null, deliveries: people * 40, people, completions: people * 12, active: people });
  };
  for (let t = 0; t < teams; t++) add(`C0TEAM${String(t).padStart(4, "0")}`, 3 + (t % 38), t);
  for (let t = 0; t < small; t++) add(`C0SMALL${t}`, 2, t);
  add(null, 5000, 1);
  const streaks = new Map<string | null, number[]>([[null, [1, 2, 3]]]);
  return buildReport({ weeks: WEEKS, aggregates, streaks });
}

const stats: PersonalStats = {
  today: "2026-11-25",
  week: { completed: 3, delivered: 5, completedOfDelivered: 3, rate: 0.6 },
  month: { completed: 20, delivered: 40, completedOfDelivered: 20, rate: 0.5 },
  allTime: { completed: 80, delivered: 200, completedOfDelivered: 80, rate: 0.4 },
  streak: { current: 4, best: 12 },
  topAreas: [{ area: "neck", count: 30 }],
  empty: false,
};

const dmSchedule = scheduleRecord({ kind: "dm", channelId: null, userId: "U0ME", targetKey: "dm:U0ME", createdBy: "U0ME" });

const homeModel = (over: Partial<HomeModel> = {}): HomeModel => ({
  userId: "U0ME",
  tz: "Europe/Warsaw",
  stats,
  dmSchedule: { schedule: dmSchedule, next: { at: new Date(Date.now() + 3_600_000), tz: "Europe/Warsaw", state: "at" } },
  pausedUntil: null,
  leaderboardHidden: false,
  optedOut: false,
  manager: null,
  ...over,
});

describe("App Home", () => {
  it("shows stats, the DM schedule and every control, with the ids listeners expect", () => {
    const view = homeView(homeModel());
    expect(view.type).toBe("home");
    const text = json(view.blocks);
    expect(text).toContain("4-day streak");
    expect(text).toContain("every 60 min");
    const ids = (view.blocks as Block[]).filter((b) => b.type === "actions").flatMap((b) => b.elements ?? []).map((e) => e.action_id);
    expect(ids).toEqual([ActionId.homeDmScheduleToggle, ActionId.homeDmScheduleEdit, ActionId.homeSnoozeToday, ActionId.homeLeaderboardVisibility, ActionId.homeOptToggle]);
    expect(text).not.toContain("Your teams");
  });

  it("labels toggles by current state", () => {
    const now = new Date("2026-11-25T10:00:00Z");
    const text = json(homeView(homeModel({ leaderboardHidden: true, optedOut: true, pausedUntil: new Date("2026-11-25T23:00:00Z"), dmSchedule: null }), now).blocks);
    expect(text).toContain("Show me on leaderboards");
    expect(text).toContain("Opt back in");
    expect(text).toContain("End snooze");
    expect(text).toContain("Turn DM reminders on");
  });

  it("stays within 100 blocks and 3000 characters per section for a manager of 300 teams", () => {
    const view = homeView(homeModel({ manager: { scope: { kind: "workspace" }, report: bigReport(300, 20) } }));
    expect(view.blocks.length).toBeLessThanOrEqual(HOME_MAX_BLOCKS);
    for (const text of sectionTexts(view.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
    const text = json(view.blocks);
    expect(text).toContain("Your teams this week");
    expect(text).toContain("more teams");
    expect(text).toMatch(/[▁▂▃▄▅▆▇█]{8}/);
  });
});

describe("reports", () => {
  it("a 300-team report fits one message (≤ 50 blocks, sections ≤ 3000 chars) and points to the CSV", () => {
    const message = reportMessage({ kind: "report", scope: { kind: "workspace" }, report: bigReport(300, 5) });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const text of sectionTexts(message.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
    const text = json(message.blocks);
    expect(text).toContain("/stretch report export");
    expect(text).toContain("5 teams under 3 people, combined");
    expect(text).not.toContain("C0SMALL");
  });

  it("the refusal contains no figures at all", () => {
    const refusal = reportRefusalMessage();
    expect(json(refusal)).not.toMatch(/\d/);
    expect(reportMessage({ kind: "refused" })).toEqual(refusal);
  });

  it("digests fit one message too", () => {
    const message = digestMessage({ weekStart: WEEKS.at(-1)!, scope: { kind: "my_teams" }, report: bigReport(300) });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(json(message.blocks)).toContain("Your weekly stretch digest");
  });

  it("CSV: one row per team per week, small teams combined, user-group names defused", () => {
    const report = bigReport(2, 2); // two teams of 2: combined they reach 3+
    const { csv, rows } = reportCsv(report, (team) => `#${team.toLowerCase()}`, "@eng-team");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("week_start,team_id,team_name,people,active_participants,prompts_delivered,completions,participation_rate_percent,median_current_streak_days");
    expect(rows).toBe((2 + 1 + 1) * WEEKS.length);
    expect(lines).toHaveLength(rows + 1);
    expect(lines.some((l) => l.includes("'@eng-team"))).toBe(true);
    expect(lines.some((l) => l.includes("C0SMALL"))).toBe(false);
  });
});

describe("leaderboard message", () => {
  it("names visible people, counts private ones, shows totals", () => {
    const board = buildBoard([
      { userId: "U0ANN", completions: 5, deliveries: 8, streak: 3, hidden: false },
      { userId: "U0BOB", completions: 2, deliveries: 8, streak: 0, hidden: false },
      { userId: "U0SECRET", completions: 9, deliveries: 9, streak: 9, hidden: true },
      { userId: "U0CAT", completions: 0, deliveries: 8, streak: 0, hidden: true },
    ]);
    const text = json(leaderboardMessage({ kind: "board", scope: { kind: "channel", channelId: "C0ENG" }, period: "week", board }).blocks);
    expect(text).toContain("1. <@U0ANN>");
    expect(text).toContain("3-day streak");
    expect(text).not.toContain("U0SECRET");
    expect(text).toContain("+ 1 person who keeps their stats private");
    expect(text).toContain("16 of 33 prompts");
    expect(text).toContain("▇▇");
  });

  it("teams under 3 people: totals only", () => {
    const board = buildBoard([
      { userId: "U0ANN", completions: 5, deliveries: 8, streak: 3, hidden: false },
      { userId: "U0BOB", completions: 2, deliveries: 8, streak: 0, hidden: false },
    ]);
    const text = json(leaderboardMessage({ kind: "board", scope: { kind: "channel", channelId: "C0ENG" }, period: "month", board }).blocks);
    expect(text).not.toContain("U0ANN");
    expect(text).toContain("only totals");
  });

  it("user groups are named as text, never as a mention that would notify them", () => {
    const text = json(leaderboardMessage({ kind: "empty", scope: { kind: "usergroup", usergroupId: "S0ENG", label: "eng" }, period: "week" }));
    expect(text).toContain("@eng");
    expect(text).not.toContain("<!subteam");
  });
});

describe("managers list", () => {
  it("labels owners, admins and managers", () => {
    const m = (userId: string, over: Partial<MemberRecord>) => ({ userId, isAdmin: false, isOwner: false, isManager: false, ...over }) as MemberRecord;
    const text = json(managersListMessage([m("U1", { isOwner: true, isAdmin: true }), m("U2", { isAdmin: true }), m("U3", { isManager: true })]).blocks);
    expect(text).toContain("<@U1> (owner)");
    expect(text).toContain("<@U2> (admin)");
    expect(text).toContain("<@U3> (manager)");
  });
});
