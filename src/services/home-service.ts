import type { WebClient } from "@slack/web-api";
import type { TokenSource } from "../slack/token-source.js";
import type { MemberRepository } from "../db/repositories/members.js";
import type { ScheduleRecord } from "../db/repositories/schedules.js";
import type { NextPrompt } from "../domain/next-prompt.js";
import { endOfLocalDay, weekStarts } from "../domain/report-period.js";
import type { ParticipationReport } from "../domain/report.js";
import { formValuesFrom, type ScheduleFormValues } from "../domain/schedule-form.js";
import { DEFAULT_SETTINGS, type ScheduleSpec } from "../domain/schedule-spec.js";
import type { Logger } from "../logger.js";
import type { MemberPrefsRepository, PersonalSettings } from "../db/repositories/member-prefs.js";
import { CHART_WEEKS, type ChartImage, type ChartService } from "./chart-service.js";
import type { LeaderboardService } from "./leaderboard-service.js";
import { isManagerRecord } from "./manager-service.js";
import type { MemberService } from "./member-service.js";
import type { PrivacyService } from "./privacy-service.js";
import type { ReportScope, ReportService } from "./report-service.js";
import { settingsOf, type ScheduleService } from "./schedule-service.js";
import type { PersonalStats, StatsService } from "./stats-service.js";
import { localDate, safeZone } from "../time/zones.js";
import { systemClock, type Clock } from "../time/clock.js";

/**
 * Weeks in the managers' trend on Home (this week and the three before): Home is rebuilt on every
 * open, and a whole-workspace report costs about a second per two months of data at 10,000 people.
 */
export const HOME_TREND_WEEKS = 4;

/**
 * App Home has no channel: a "D" id keeps ScheduleService on the person's own DM schedule
 * (it only reads channelId to tell DMs from channels).
 */
const HOME_CALLER_CHANNEL = "D";

/** Everything the Home tab shows, for views/home.ts. */
export interface HomeModel {
  userId: string;
  tz: string;
  stats: PersonalStats;
  dmSchedule: { schedule: ScheduleRecord; next: NextPrompt } | null;
  /** Set while DM prompts are held (snooze for today, /stretch pause). */
  pausedUntil: Date | null;
  leaderboardHidden: boolean;
  optedOut: boolean;
  /** Managers only: their teams this week and the weeks before. */
  manager: { scope: ReportScope; report: ParticipationReport } | null;
  /** Their personal settings (/stretch me), when known. */
  personal?: { settings: PersonalSettings; dmEveryMinutes: number | null };
  /**
   * Chart images (signed URLs) when PUBLIC_URL is set: the person's calendar, and for managers the
   * participation chart, which then replaces the text bars. Absent without PUBLIC_URL.
   */
  images?: { heatmap: ChartImage | null; participation: ChartImage | null };
}

/** What the Home "Edit" button opens: the schedule engineer's modal, for the DM schedule. */
export interface DmScheduleEdit {
  dmChannelId: string;
  values: ScheduleFormValues;
}

export class HomeService {
  constructor(
    private readonly members: MemberService,
    private readonly memberRepo: MemberRepository,
    private readonly stats: StatsService,
    private readonly schedules: ScheduleService,
    private readonly privacy: PrivacyService,
    private readonly leaderboards: LeaderboardService,
    private readonly reports: ReportService,
    private readonly slack: WebClient,
    private readonly tokens: TokenSource,
    private readonly log: Logger,
    private readonly prefs?: MemberPrefsRepository,
    /** Charts on Home when it has links (PUBLIC_URL). Default none: text only. */
    private readonly charts?: ChartService,
    /** "Now" of the product (the composition root's one clock; tests and the demo set it). */
    private readonly clock: Clock = systemClock,
  ) {}

  async model(teamId: string, userId: string, now = this.clock.now()): Promise<HomeModel> {
    const member = await this.members.get(teamId, userId, now);
    const tz = safeZone(member.tz);
    const caller = { teamId, userId, channelId: HOME_CALLER_CHANNEL };
    const withCharts = this.charts?.links ? this.charts : undefined;
    // A chart shows the usual 8 weeks; text bars keep to 4 (Home is rebuilt on every open).
    const trendWeeks = withCharts ? CHART_WEEKS.default : HOME_TREND_WEEKS;
    const [stats, schedules, manager, heatmap] = await Promise.all([
      this.stats.personal(teamId, userId, now),
      this.schedules.overview(caller, now),
      isManagerRecord(member) ? this.reports.myTeams(teamId, userId, weekStarts(localDate(now, tz), trendWeeks), now) : null,
      withCharts?.heatmapImage(teamId, userId, now),
    ]);
    const participation = withCharts && manager ? await withCharts.participationImage(teamId, userId, manager.report) : null;
    const dm = schedules.find((v) => v.schedule.kind === "dm");
    const settings = this.prefs ? await this.prefs.find(teamId, userId) : null;
    return {
      ...(settings ? { personal: { settings, dmEveryMinutes: dm?.schedule.active ? dm.schedule.intervalMinutes : null } } : {}),
      userId,
      tz,
      stats,
      dmSchedule: dm ? { schedule: dm.schedule, next: dm.next } : null,
      pausedUntil: member.pausedUntil && member.pausedUntil > now ? member.pausedUntil : null,
      leaderboardHidden: member.leaderboardHidden,
      optedOut: member.optedOut,
      manager,
      ...(withCharts ? { images: { heatmap: heatmap ?? null, participation } } : {}),
    };
  }

  /** DM schedule on ↔ off; turning on a person with none sets one up with the defaults. */
  async toggleDmSchedule(teamId: string, userId: string, now = this.clock.now()): Promise<HomeModel> {
    const caller = { teamId, userId, channelId: HOME_CALLER_CHANNEL };
    const current = (await this.schedules.overview(caller, now)).find((v) => v.schedule.kind === "dm")?.schedule;
    const spec: ScheduleSpec = { ...DEFAULT_SETTINGS, days: [...DEFAULT_SETTINGS.days], target: "dm", off: current?.active === true, provided: [] };
    const change = await this.schedules.apply(caller, spec, now);
    this.log.info({ teamId, userId, change: change.kind }, "home: DM schedule toggled");
    return this.model(teamId, userId, now);
  }

  /** Holds DM prompts until the end of the person's local day; pressing again lifts it. */
  async toggleSnoozeToday(teamId: string, userId: string, now = this.clock.now()): Promise<HomeModel> {
    const member = await this.members.get(teamId, userId, now);
    const snoozed = member.pausedUntil !== null && member.pausedUntil > now;
    await this.memberRepo.updatePreferences(teamId, userId, { pausedUntil: snoozed ? now : endOfLocalDay(now, member.tz) });
    return this.model(teamId, userId, now);
  }

  async toggleLeaderboardVisibility(teamId: string, userId: string, now = this.clock.now()): Promise<HomeModel> {
    const member = await this.members.get(teamId, userId, now);
    await this.leaderboards.setHidden(teamId, userId, !member.leaderboardHidden);
    return this.model(teamId, userId, now);
  }

  /** Opt-out ↔ opt-in through the privacy service (the same as /stretch optout / optin). */
  async toggleOptOut(teamId: string, userId: string, now = this.clock.now()): Promise<HomeModel> {
    const member = await this.members.get(teamId, userId, now);
    if (member.optedOut) await this.privacy.optIn(teamId, userId);
    else await this.privacy.optOut(teamId, userId);
    return this.model(teamId, userId, now);
  }

  /** The DM channel and current settings for the schedule modal (defaults when there is none). */
  async dmScheduleEdit(teamId: string, userId: string, now = this.clock.now()): Promise<DmScheduleEdit> {
    const caller = { teamId, userId, channelId: HOME_CALLER_CHANNEL };
    const [member, views, dm] = await Promise.all([
      this.members.get(teamId, userId, now),
      this.schedules.overview(caller, now),
      this.tokens.botToken(teamId).then((token) => this.slack.conversations.open({ token, users: userId })),
    ]);
    const schedule = views.find((v) => v.schedule.kind === "dm")?.schedule;
    const settings = schedule ? settingsOf(schedule) : { ...DEFAULT_SETTINGS, days: [...DEFAULT_SETTINGS.days] };
    return { dmChannelId: dm.channel?.id ?? HOME_CALLER_CHANNEL, values: formValuesFrom(settings, schedule?.tz ?? safeZone(member.tz)) };
  }
}
