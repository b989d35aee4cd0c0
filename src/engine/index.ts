import type { WebClient } from "@slack/web-api";
import type { Config } from "../config/index.js";
import type { Db } from "../db/client.js";
import { ChannelMemberRepository } from "./repositories/channel-members.js";
import { EngineScheduleRepository } from "./repositories/engine-schedules.js";
import { MemberDndRepository } from "./repositories/member-dnd.js";
import type { MemberRepository } from "../db/repositories/members.js";
import { PromptRepository } from "./repositories/prompts.js";
import type { SqlRunner } from "../db/sql.js";
import { KeyedChannelPacer } from "./channel-pacer.js";
import type { JobBackend } from "./queues/job-backend.js";
import { MemoryWorkspaceRateLimiter, RedisWorkspaceRateLimiter } from "./workspace-rate-limiter.js";
import { MemoryDndLookahead, RedisDndLookahead } from "./dnd-lookahead.js";
import type { Redis } from "ioredis";
import { createQueues, type EngineQueues } from "./queues/queues.js";
import { SlotSchedulers } from "./scheduler-sync.js";
import type { Logger } from "../logger.js";
import { systemClock, type Clock } from "../time/clock.js";
import type { TokenSource } from "../slack/token-source.js";
import { PromptDelivery, webClientPoster, type PromptPoster } from "./delivery.js";
import { DndLookups } from "./dnd-lookups.js";
import { DndCache } from "./dnd-cache.js";
import { PromptDispatcher } from "./dispatch.js";
import { SlotFanout } from "./fanout.js";
import { Membership } from "./membership.js";
import { SchedulePauser } from "./owner-notices.js";
import { PromptActions } from "./prompt-actions.js";
import type { AnotherRoutine, EnginePresenter, EngineTelemetry, MemberProfiles } from "./ports.js";
import { QuietStatuses } from "./quiet-statuses.js";
import { QuietStatusRepository } from "../db/repositories/quiet-status.js";
import { MemberPrefsRepository } from "../db/repositories/member-prefs.js";
import { Reconciler } from "./reconcile.js";
import { EngineScheduleSync } from "./schedule-sync.js";
import { LanguageRepository } from "../db/repositories/languages.js";
import { resolveLanguage, translator } from "../i18n/index.js";

/** The job engine's use-cases: listeners use sync/dispatch/actions/membership, workers the rest. */
export interface EngineServices<RoutineReply = unknown> {
  /** Implements ScheduleSync: schedules call it after every change. */
  scheduleSync: EngineScheduleSync;
  /** Implements PromptDispatch: `/stretch now`. */
  promptDispatch: PromptDispatcher;
  promptActions: PromptActions<RoutineReply>;
  membership: Membership;
  fanout: SlotFanout;
  delivery: PromptDelivery;
  /** dnd_updated_user events land here. */
  dnd: DndCache;
  /** user_status_changed / user_change / user_huddle_changed land here; deliveries consult it. */
  quietStatuses: QuietStatuses;
  reconciler: Reconciler;
}

/** Engine plumbing src/app.ts builds; each has a default so tests and tools can omit it. */
export interface EngineRuntime {
  /** BullMQ producers. Default: created on `jobs`. */
  queues?: EngineQueues;
  /** Posts prompts and reads DND (src/slack/fast-api.ts). Default: through `jobSlack`. */
  poster?: PromptPoster;
  /** The engine's other Web API calls (history, conversations.open): no automatic retries. Default `slack`. */
  jobSlack?: WebClient;
  /** Runs the delivery hot path's batch statements (a pg pool). Default: Prisma. */
  sql?: SqlRunner;
  /** Prompt outcomes and lateness for /metrics. Default: reports nothing. */
  telemetry?: EngineTelemetry;
}

/** `RoutineReply`: what the routines use-case answers "Another" with (passed through untouched). */
export interface EngineDeps<RoutineReply = unknown> {
  config: Config;
  logger: Logger;
  db: Db;
  /** Where the queues live (Redis or Postgres, by QUEUE_BACKEND); also paces channel posts. */
  jobs: JobBackend;
  /** Notices and look-ups (conversations.members, users.info). */
  slack: WebClient;
  /** Each workspace's bot token, passed on every Slack call the engine makes. */
  tokens: TokenSource;
  memberRepo: MemberRepository;
  memberService: MemberProfiles;
  routines: AnotherRoutine<RoutineReply>;
  runtime?: EngineRuntime;
  /** Renders what the workers post (the composition root passes src/bot/presenters/engine.ts). */
  presenter: EnginePresenter;
  /** Every "now" of the engine (slots, lateness, catch-up, delivery re-checks). Default: the system clock. */
  clock?: Clock;
}

export function createEngineServices<RoutineReply>(deps: EngineDeps<RoutineReply>): EngineServices<RoutineReply> {
  const log = deps.logger.child({ component: "engine" });
  const { config, db } = deps;
  const clock = deps.clock ?? systemClock;
  const queues = deps.runtime?.queues ?? createQueues(deps.jobs);
  const jobSlack = deps.runtime?.jobSlack ?? deps.slack;
  const prompts = new PromptRepository(db, deps.runtime?.sql);
  const schedules = new EngineScheduleRepository(db);
  const channelMembers = new ChannelMemberRepository(db, deps.runtime?.sql);
  const schedulers = new SlotSchedulers(queues.slots);
  const leaseMs = config.DELIVERY_LEASE_SECONDS * 1000;
  const scheduleSync = new EngineScheduleSync({ schedules, channelMembers, members: deps.memberRepo, schedulers, queues, log, prompts, clock });
  const languages = new LanguageRepository(db, deps.runtime?.sql);
  // Slack's per-workspace limits, shared by every process through Redis (in memory on the Postgres backend).
  const limiter =
    deps.jobs.kind === "redis"
      ? new RedisWorkspaceRateLimiter(deps.jobs.connection("stretch-main") as Redis, config.QUEUE_PREFIX, config.SLACK_POST_RATE_PER_MINUTE)
      : new MemoryWorkspaceRateLimiter(config.SLACK_POST_RATE_PER_MINUTE);
  // Who of a spread slot is due next (fuller dnd.teamInfo calls); shared like the limiter.
  const dndLookahead = deps.jobs.kind === "redis" ? new RedisDndLookahead(deps.jobs.connection("stretch-main") as Redis, config.QUEUE_PREFIX) : new MemoryDndLookahead();
  const pauser = new SchedulePauser({
    schedules,
    sync: scheduleSync,
    slack: deps.slack,
    tokens: deps.tokens,
    log,
    presenter: deps.presenter,
    languageOf: async (teamId, userId) => translator(resolveLanguage(await languages.factsOf(teamId, userId))),
    clock,
  });
  const membership = new Membership({
    channelMembers,
    schedules,
    members: deps.memberRepo,
    memberService: deps.memberService,
    sync: scheduleSync,
    pauser,
    slack: deps.slack,
    tokens: deps.tokens,
    log,
    limiter,
    clock,
  });
  const dnd = new DndCache(new MemberDndRepository(db, deps.runtime?.sql), clock);
  const poster = deps.runtime?.poster ?? webClientPoster(jobSlack);
  const quietStatuses = new QuietStatuses(new QuietStatusRepository(db, deps.runtime?.sql), log);
  return {
    scheduleSync,
    promptDispatch: new PromptDispatcher({
      schedules,
      members: deps.memberRepo,
      prompts,
      queues,
      clock,
      limits: { perHour: config.STRETCH_NOW_PER_HOUR },
      ensureMembers: async (teamId, channelId) => {
        if ((await channelMembers.count(teamId, channelId)) > 0) return;
        await membership.seedChannel(teamId, channelId).catch((error: unknown) => log.warn({ teamId, channelId, err: String(error) }, "could not learn the channel's members for /stretch now"));
      },
    }),
    promptActions: new PromptActions({ prompts, members: deps.memberRepo, routines: deps.routines, queues, clock, quiet: quietStatuses }),
    membership,
    fanout: new SlotFanout({
      schedules,
      channelMembers,
      members: deps.memberRepo,
      prompts,
      queues,
      log,
      prefs: new MemberPrefsRepository(db, deps.runtime?.sql),
      postsPerMinute: config.SLACK_POST_RATE_PER_MINUTE,
      dndLookahead,
      limiter,
      dndPrefetch: new DndLookups({ poster, tokens: deps.tokens, cache: dnd, limiter, log, clock }),
      clock,
    }),
    dnd,
    quietStatuses,
    delivery: new PromptDelivery({
      prompts,
      members: deps.memberRepo,
      dndCache: dnd,
      poster,
      slack: jobSlack,
      tokens: deps.tokens,
      pacer: new KeyedChannelPacer(deps.jobs.keys, config.QUEUE_PREFIX),
      pauser,
      presenter: deps.presenter,
      options: { leaseMs, maxLatenessMs: config.PROMPT_MAX_LATENESS_MINUTES * 60_000, skipAway: config.PROMPT_SKIP_AWAY },
      log,
      clock,
      quiet: quietStatuses,
      ...(deps.runtime?.telemetry ? { telemetry: deps.runtime.telemetry } : {}),
      limiter,
      dndLookahead,
    }),
    reconciler: new Reconciler({
      schedules,
      channelMembers,
      prompts,
      sync: scheduleSync,
      schedulers,
      queues,
      jobs: deps.jobs,
      options: { catchUpMs: config.SLOT_CATCHUP_MINUTES * 60_000, repairMs: config.PROMPT_MAX_LATENESS_MINUTES * 60_000, leaseMs },
      log,
      clock,
    }),
  };
}
