import type { TokenSource } from "../slack/token-source.js";
import { MemberPrefsRepository } from "../db/repositories/member-prefs.js";
import { ChartLinks } from "../charts/links.js";
import { ThreadedChartRenderer } from "../charts/render-thread.js";
import { CompletionDayRepository } from "../db/repositories/completion-days.js";
import { ManagerRepository } from "../db/repositories/managers.js";
import type { MemberRepository } from "../db/repositories/members.js";
import { ParticipationRepository } from "../db/repositories/participation.js";
import type { Logger } from "../logger.js";
import { ChartService } from "./chart-service.js";
import { DigestService } from "./digest-service.js";
import { HomeService } from "./home-service.js";
import type { ServiceDeps } from "./deps.js";
import { LeaderboardService } from "./leaderboard-service.js";
import { ManagerService } from "./manager-service.js";
import type { MemberService } from "./member-service.js";
import type { PrivacyService } from "./privacy-service.js";
import { ReportService } from "./report-service.js";
import type { ScheduleService } from "./schedule-service.js";
import type { StatsService } from "./stats-service.js";
import type { Clock } from "../time/clock.js";

/** Leaderboards, managers, reports, App Home and the weekly digest. */
export interface ReportingServices {
  /** `/stretch leaderboard …` and leaderboard visibility. */
  leaderboards: LeaderboardService;
  /** `/stretch managers …` and the manager check. */
  managers: ManagerService;
  /** `/stretch report …` (managers only), CSV export. */
  reports: ReportService;
  /** App Home model and its buttons. */
  home: HomeService;
  /** Monday 09:00 digests (the digest job calls `sendDueDigests`). */
  digests: DigestService;
  /** Participation and calendar charts (PNG), and their signed Home links when PUBLIC_URL is set. */
  charts: ChartService;
}

/** The services these build on, already created by createServices. */
export interface ReportingBase {
  members: MemberService;
  stats: StatsService;
  schedules: ScheduleService;
  privacy: PrivacyService;
  /** Each workspace's bot token (src/slack/token-source.ts). */
  tokens: TokenSource;
  /** The one MemberRepository (createServices builds it). */
  memberRepo: MemberRepository;
}

export function createReportingServices(deps: ServiceDeps, base: ReportingBase, log: Logger, clock: Clock): ReportingServices {
  const { memberRepo } = base;
  const participation = new ParticipationRepository(deps.db);
  const managerRepo = new ManagerRepository(deps.db);
  const managers = new ManagerService(base.members, memberRepo, managerRepo, log);
  const leaderboards = new LeaderboardService(participation, memberRepo, deps.slack, base.tokens, log, clock);
  const reports = new ReportService(participation, managers, base.members, deps.slack, base.tokens, log, clock);
  const { PUBLIC_URL, SLACK_SIGNING_SECRET, CHART_URL_TTL_MINUTES } = deps.config;
  // Link expiry is on the product's clock, like the data the link draws.
  const links = PUBLIC_URL ? new ChartLinks(SLACK_SIGNING_SECRET, PUBLIC_URL, CHART_URL_TTL_MINUTES * 60, () => clock.now().getTime()) : null;
  // Charts are drawn in a worker thread, off the event loop that answers Slack (closed on shutdown).
  const renderer = new ThreadedChartRenderer(log.child({ component: "charts" }));
  const charts = new ChartService(reports, managers, base.members, new CompletionDayRepository(deps.db), deps.slack, base.tokens, renderer, links, log, clock);
  return {
    leaderboards,
    managers,
    reports,
    home: new HomeService(base.members, memberRepo, base.stats, base.schedules, base.privacy, leaderboards, reports, deps.slack, base.tokens, log, new MemberPrefsRepository(deps.db), charts, clock),
    digests: new DigestService(managerRepo, reports, deps.slack, base.tokens, deps.notices, log, charts, clock),
    charts,
  };
}
