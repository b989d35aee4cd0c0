import type { WebClient } from "@slack/web-api";
import type { Redis } from "ioredis";
import type { Config } from "../config/index.js";
import type { Db } from "../db/client.js";
import { prismaRunner } from "../db/sql.js";
import { ChannelMemberRepository } from "../db/repositories/channel-members.js";
import { CompletionRepository } from "../db/repositories/completions.js";
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
import { CompletionService } from "./completion-service.js";
import { createEngineServices, type EngineRuntime, type EngineServices } from "./engine/index.js";
import { InstallationService } from "./installation-service.js";
import { MemberService } from "./member-service.js";
import type { PromptDispatch, ScheduleSync } from "./ports.js";
import { RoutineService } from "./routine-service.js";
import { PrivacyService } from "./privacy-service.js";
import { createReportingServices, type ReportingServices } from "./reporting.js";
import { ScheduleService } from "./schedule-service.js";
import { SettingsService } from "./settings-service.js";
import { StatsService } from "./stats-service.js";
import { StreakService } from "./streak-service.js";
import { WorkspaceService } from "./workspace-service.js";

/** What services need from the outside world, created once in src/app.ts. */
export interface ServiceDeps {
  config: Config;
  logger: Logger;
  db: Db;
  redis: Redis;
  /**
   * Web API client for work outside a Slack request (jobs, profile look-ups). It rejects 429s at
   * once (`rejectRateLimitedCalls`) so job workers can hand Retry-After to BullMQ.
   */
  slack: WebClient;
  /**
   * Each workspace's bot token, passed on every call made with `slack`. Default: SLACK_BOT_TOKEN
   * for every workspace (single-workspace mode); src/app.ts passes InstallationTokens in OAuth mode.
   */
  tokens?: TokenSource;
  /**
   * Job engine plumbing (queues, the prompt-posting client, a pg pool): src/app.ts passes it; each
   * part has a default (src/services/engine/index.ts), so tests and tools may leave it out.
   */
  engine?: EngineRuntime;
}

/** Every use-case the bot and the workers call. Listeners and jobs reach data only through these. */
export interface Services extends ReportingServices {
  /** Each workspace's bot token (OAuth mode: sealed in Postgres, refreshed under a row lock). */
  tokens: TokenSource;
  /** `/stretch reactions`: which emoji count as done (managers change it). */
  settings: SettingsService;
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
  /** Job engine: schedulers, fan-out, delivery, prompt buttons, channel membership (src/services/engine). */
  engine: EngineServices;
}

export function createServices(deps: ServiceDeps): Services {
  const log = deps.logger.child({ component: "services" });
  const memberRepo = new MemberRepository(deps.db);
  const channelMembers = new ChannelMemberRepository(deps.db);
  const tokens = deps.tokens ?? staticTokens(deps.config.SLACK_BOT_TOKEN);
  const memberService = new MemberService(memberRepo, deps.slack, tokens, log);
  const routines = new RoutineService(new RoutineRequestRepository(deps.engine?.sql ?? prismaRunner(deps.db)), log);
  const engine = createEngineServices({
    config: deps.config,
    logger: deps.logger,
    db: deps.db,
    redis: deps.redis,
    slack: deps.slack,
    tokens,
    memberRepo,
    memberService,
    routines,
    ...(deps.engine ? { runtime: deps.engine } : {}),
  });
  const scheduleSync: ScheduleSync = engine.scheduleSync;
  const promptDispatch: PromptDispatch = engine.promptDispatch;
  const streaks = new StreakService(new StreakDayRepository(deps.db));
  const completions = new CompletionService(new CompletionRepository(deps.db), streaks, new StreakMilestoneRepository(deps.db), deps.slack, tokens, log);
  const workspaces = new WorkspaceService(new WorkspaceRepository(deps.db), log);
  const core = {
    tokens,
    routines,
    workspaces,
    members: memberService,
    schedules: new ScheduleService(new ScheduleRepository(deps.db), memberRepo, memberService, scheduleSync, {
      minIntervalMinutes: deps.config.SCHEDULE_MIN_INTERVAL_MINUTES,
      postsPerMinute: deps.config.SLACK_POST_RATE_PER_MINUTE,
      countChannelMembers: (teamId, channelId) => channelMembers.count(teamId, channelId),
    }, log),
    dispatch: promptDispatch,
    engine,
    completions,
    streaks,
    stats: new StatsService(new PersonalStatsRepository(deps.db), streaks),
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
    ),
  };
  const reporting = createReportingServices(deps, core, log);
  const settings = new SettingsService(new WorkspaceSettingsRepository(deps.db), reporting.managers, log);
  return { ...core, ...reporting, settings };
}

function staticTokens(token: string | undefined): TokenSource {
  if (!token) throw new Error("createServices needs `tokens` when SLACK_BOT_TOKEN is not set (OAuth mode)");
  return new StaticTokenSource(token);
}
