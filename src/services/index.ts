import type { WebClient } from "@slack/web-api";
import type { Config } from "../config/index.js";
import type { Db } from "../db/client.js";
import type { JobBackend } from "../engine/queues/job-backend.js";
import { prismaRunner } from "../db/sql.js";
import { ChannelMemberRepository } from "../engine/repositories/channel-members.js";
import { CompletionRepository } from "../db/repositories/completions.js";
import { PendingReactionRepository } from "../db/repositories/pending-reactions.js";
import { InstallationRepository } from "../db/repositories/installations.js";
import { MemberRepository } from "../db/repositories/members.js";
import { PersonalStatsRepository } from "../db/repositories/personal-stats.js";
import { PrivacyRepository } from "../db/repositories/privacy.js";
import { RoutineRequestRepository } from "../db/repositories/routine-requests.js";
import { ScheduleRepository } from "../db/repositories/schedules.js";
import { StreakDayRepository } from "../db/repositories/streak-days.js";
import { StreakMilestoneRepository } from "../db/repositories/streak-milestones.js";
import { WorkspaceSettingsRepository } from "../db/repositories/workspace-settings.js";
import { WorkspaceRepository } from "../db/repositories/workspaces.js";
import type { Logger } from "../logger.js";
import { StaticTokenSource, type TokenSource } from "../slack/token-source.js";
import { systemClock, type Clock } from "../time/clock.js";
import { ChannelCreators } from "./channel-creators.js";
import { CompletionService } from "./completion-service.js";
import { Inbox, type InboxQueue } from "./inbox.js";
import { registerLifecycleHandlers } from "./lifecycle-events.js";
import { createEngineServices, type EngineRuntime, type EngineServices } from "../engine/index.js";
import type { EnginePresenter } from "../engine/ports.js";
import { InstallationService } from "./installation-service.js";
import { MemberService } from "./member-service.js";
import type { PromptDispatch, ScheduleSync } from "./ports.js";
import { RoutineService } from "./routine-service.js";
import { PrivacyService } from "./privacy-service.js";
import { createReportingServices, type ReportingServices } from "./reporting.js";
import { ScheduleService } from "./schedule-service.js";
import { reactionSetting, type ReactionSetting } from "./settings-service.js";
import { quietStatusSettings as newQuietStatusSettings, type QuietStatusSettings } from "./quiet-status-settings.js";
import { HeldPromptsService } from "./held-prompts.js";
import { LanguageService } from "./language-service.js";
import { LanguageRepository } from "../db/repositories/languages.js";
import { PersonalSettingsService } from "./personal-settings.js";
import { MemberPrefsRepository } from "../db/repositories/member-prefs.js";
import { QuietStatusRepository } from "../db/repositories/quiet-status.js";
import { StatsService } from "./stats-service.js";
import { StreakService } from "./streak-service.js";
import { WorkspaceService } from "./workspace-service.js";
import type { ServiceDeps } from "./deps.js";

export type { ServiceDeps } from "./deps.js";


/** Every use-case the bot and the workers call. Listeners and jobs reach data only through these. */
export interface Services extends ReportingServices {
  /** Each workspace's bot token (OAuth mode: sealed in Postgres, refreshed under a row lock). */
  tokens: TokenSource;
  /** `/stretch reactions`: which emoji count as done (managers change it). */
  settings: ReactionSetting;
  /** `/stretch quiet-statuses`: which Slack statuses hold DM prompts back (managers change it). */
  quietStatusSettings: QuietStatusSettings;
  /** Prompts held back for meetings, huddles and absences (stats and schedule views). */
  heldPrompts: HeldPromptsService;
  /** `/stretch me` and App Home settings: each person's own shape for their prompts. */
  personalSettings: PersonalSettingsService;
  /** Who is talked to in which language; `/stretch language` (managers). */
  languages: LanguageService;
  routines: RoutineService;
  workspaces: WorkspaceService;
  members: MemberService;
  schedules: ScheduleService;
  /** `/stretch now` and other prompts outside the slot grid. */
  dispatch: PromptDispatch;
  /** Reactions and the Done button → completions, streak milestones. `drain()` on shutdown. */
  completions: CompletionService;
  /** Current and best streaks (one person or a whole team in one query). */
  streaks: StreakService;
  /** `/stretch stats` (personal figures). */
  stats: StatsService;
  /** optout / optin / forget-me. */
  privacy: PrivacyService;
  /** app_uninstalled / tokens_revoked. */
  installations: InstallationService;
  /** Job engine: schedulers, fan-out, delivery, prompt buttons, channel membership (src/engine). */
  engine: EngineServices;
  /** Acknowledged work that must not be lost when Postgres fails: reactions, Done, lifecycle events. */
  inbox: Inbox;
  /** The one "now" of the product (ServiceDeps.clock): listeners and jobs pass it to pure views. */
  clock: Clock;
}

export function createServices(deps: ServiceDeps): Services {
  const log = deps.logger.child({ component: "services" });
  // One clock for every service (ServiceDeps.clock, else the system clock): a service never reads
  // the machine's date for product time, so tests and the demo can move "now".
  const clock = deps.clock ?? systemClock;
  const memberRepo = new MemberRepository(deps.db);
  const channelMembers = new ChannelMemberRepository(deps.db);
  const tokens = deps.tokens ?? staticTokens(deps.config.SLACK_BOT_TOKEN);
  const memberService = new MemberService(memberRepo, deps.slack, tokens, log, clock);
  const sql = deps.engine?.sql ?? prismaRunner(deps.db);
  const routines = new RoutineService(new RoutineRequestRepository(sql), log, new MemberPrefsRepository(deps.db, sql), clock);
  const engine = createEngineServices({
    config: deps.config,
    logger: deps.logger,
    db: deps.db,
    jobs: deps.jobs,
    slack: deps.slack,
    tokens,
    memberRepo,
    memberService,
    routines,
    presenter: deps.presenter,
    ...(deps.engine ? { runtime: deps.engine } : {}),
    clock,
  });
  const scheduleSync: ScheduleSync = engine.scheduleSync;
  const promptDispatch: PromptDispatch = engine.promptDispatch;
  const streaks = new StreakService(new StreakDayRepository(deps.db), clock);
  const inbox = new Inbox(deps.inboxQueue ?? null, deps.logger.child({ component: "inbox" }), { memoryLimit: deps.config.INBOX_MEMORY_LIMIT });
  const completions = new CompletionService(new CompletionRepository(deps.db), streaks, new StreakMilestoneRepository(deps.db), deps.slack, tokens, log, deps.notices, {
    inbox,
    pending: new PendingReactionRepository(deps.db),
    clock,
    ...(deps.engine?.telemetry ? { telemetry: deps.engine.telemetry } : {}),
  });
  const workspaces = new WorkspaceService(new WorkspaceRepository(deps.db), log);
  const core = {
    tokens,
    routines,
    workspaces,
    members: memberService,
    schedules: new ScheduleService(
      new ScheduleRepository(deps.db),
      memberRepo,
      memberService,
      scheduleSync,
      {
        minIntervalMinutes: deps.config.SCHEDULE_MIN_INTERVAL_MINUTES,
        clock,
        postsPerMinute: deps.config.SLACK_POST_RATE_PER_MINUTE,
        countChannelMembers: (teamId, channelId) => channelMembers.count(teamId, channelId),
      },
      log,
      new ChannelCreators(deps.slack, tokens, log),
    ),
    dispatch: promptDispatch,
    engine,
    inbox,
    completions,
    streaks,
    stats: new StatsService(new PersonalStatsRepository(deps.db), streaks, clock),
    privacy: new PrivacyService(memberRepo, new PrivacyRepository(deps.db), scheduleSync, log, (teamId) => completions.forgetPrompts(teamId)),
    installations: new InstallationService(
      new InstallationRepository(deps.db),
      scheduleSync,
      log,
      (teamId) => {
        completions.forgetPrompts(teamId);
        workspaces.forget(teamId);
      },
      { retentionDays: deps.config.DATA_RETENTION_DAYS, tokens },
      clock,
    ),
  };
  registerLifecycleHandlers(inbox, core);
  const reporting = createReportingServices(deps, { ...core, memberRepo }, log, clock);
  const settings = reactionSetting(new WorkspaceSettingsRepository(deps.db), reporting.managers, log);
  const quietRepo = new QuietStatusRepository(deps.db);
  const quietStatusSettings = newQuietStatusSettings(quietRepo, reporting.managers, log);
  const personalSettings = new PersonalSettingsService(
    new MemberPrefsRepository(deps.db),
    memberService,
    core.schedules,
    (teamId, userId) => engine.membership.resyncUser(teamId, userId),
    log,
  );
  const languages = new LanguageService(new LanguageRepository(deps.db, sql), reporting.managers, log);
  personalSettings.onLanguageChange((teamId, userId) => languages.forget(teamId, userId));
  reporting.digests.useLanguages((teamId, userId) => languages.forUser(teamId, userId));
  reporting.charts.useLanguages((teamId, userId) => languages.forUser(teamId, userId));
  core.completions.useLanguages((teamId, userId) => languages.forUser(teamId, userId));
  return { ...core, ...reporting, clock, settings, quietStatusSettings, heldPrompts: new HeldPromptsService(quietRepo, clock), personalSettings, languages };
}

function staticTokens(token: string | undefined): TokenSource {
  if (!token) throw new Error("createServices needs `tokens` when SLACK_BOT_TOKEN is not set (OAuth mode)");
  return new StaticTokenSource(token);
}
