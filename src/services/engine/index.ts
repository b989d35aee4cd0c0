import type { WebClient } from "@slack/web-api";
import type { Config } from "../../config/index.js";
import type { Db } from "../../db/client.js";
import { ChannelMemberRepository } from "../../db/repositories/channel-members.js";
import { EngineScheduleRepository } from "../../db/repositories/engine-schedules.js";
import { MemberDndRepository } from "../../db/repositories/member-dnd.js";
import type { MemberRepository } from "../../db/repositories/members.js";
import { PromptRepository } from "../../db/repositories/prompts.js";
import type { SqlRunner } from "../../db/sql.js";
import type { Redis } from "ioredis";
import { RedisChannelPacer } from "../../jobs/channel-pacer.js";
import { RedisWorkspaceRateLimiter } from "../../jobs/workspace-rate-limiter.js";
import { createQueues, type EngineQueues } from "../../jobs/queues.js";
import { SlotSchedulers } from "../../jobs/scheduler-sync.js";
import type { Logger } from "../../logger.js";
import type { MemberService } from "../member-service.js";
import type { RoutineService } from "../routine-service.js";
import type { TokenSource } from "../../slack/token-source.js";
import { PromptDelivery, webClientPoster, type PromptPoster } from "./delivery.js";
import { DndCache } from "./dnd-cache.js";
import { PromptDispatcher } from "./dispatch.js";
import { SlotFanout } from "./fanout.js";
import { Membership } from "./membership.js";
import { SchedulePauser } from "./owner-notices.js";
import { PromptActions } from "./prompt-actions.js";
import { Reconciler } from "./reconcile.js";
import { EngineScheduleSync } from "./schedule-sync.js";

/** The job engine's use-cases: listeners use sync/dispatch/actions/membership, workers the rest. */
export interface EngineServices {
  /** Implements ScheduleSync: schedules call it after every change. */
  scheduleSync: EngineScheduleSync;
  /** Implements PromptDispatch: `/stretch now`. */
  promptDispatch: PromptDispatcher;
  promptActions: PromptActions;
  membership: Membership;
  fanout: SlotFanout;
  delivery: PromptDelivery;
  /** dnd_updated_user events land here. */
  dnd: DndCache;
  reconciler: Reconciler;
}

/** Engine plumbing src/app.ts builds; each has a default so tests and tools can omit it. */
export interface EngineRuntime {
  /** BullMQ producers. Default: created on `redis` with QUEUE_PREFIX. */
  queues?: EngineQueues;
  /** Posts prompts and reads DND (src/slack/fast-api.ts). Default: through `jobSlack`. */
  poster?: PromptPoster;
  /** The engine's other Web API calls (history, conversations.open): no automatic retries. Default `slack`. */
  jobSlack?: WebClient;
  /** Runs the delivery hot path's batch statements (a pg pool). Default: Prisma. */
  sql?: SqlRunner;
}

export interface EngineDeps {
  config: Config;
  logger: Logger;
  db: Db;
  redis: Redis;
  /** Notices and look-ups (conversations.members, users.info). */
  slack: WebClient;
  /** Each workspace's bot token, passed on every Slack call the engine makes. */
  tokens: TokenSource;
  memberRepo: MemberRepository;
  memberService: MemberService;
  routines: RoutineService;
  runtime?: EngineRuntime;
}

export function createEngineServices(deps: EngineDeps): EngineServices {
  const log = deps.logger.child({ component: "engine" });
  const { config, db } = deps;
  const queues = deps.runtime?.queues ?? createQueues(deps.redis, config.QUEUE_PREFIX);
  const jobSlack = deps.runtime?.jobSlack ?? deps.slack;
  const prompts = new PromptRepository(db, deps.runtime?.sql);
  const schedules = new EngineScheduleRepository(db);
  const channelMembers = new ChannelMemberRepository(db);
  const schedulers = new SlotSchedulers(queues.slots);
  const leaseMs = config.DELIVERY_LEASE_SECONDS * 1000;
  const scheduleSync = new EngineScheduleSync(schedules, channelMembers, deps.memberRepo, schedulers, queues, log);
  const limiter = new RedisWorkspaceRateLimiter(deps.redis, config.QUEUE_PREFIX, config.SLACK_POST_RATE_PER_MINUTE);
  const pauser = new SchedulePauser(schedules, scheduleSync, deps.slack, deps.tokens, log);
  const dnd = new DndCache(new MemberDndRepository(db, deps.runtime?.sql));
  return {
    scheduleSync,
    promptDispatch: new PromptDispatcher(schedules, deps.memberRepo, prompts, queues),
    promptActions: new PromptActions(prompts, deps.memberRepo, deps.routines, queues),
    membership: new Membership(channelMembers, schedules, deps.memberRepo, deps.memberService, scheduleSync, pauser, deps.slack, deps.tokens, log, limiter),
    fanout: new SlotFanout(schedules, channelMembers, deps.memberRepo, prompts, queues, log, config.SLACK_POST_RATE_PER_MINUTE),
    dnd,
    delivery: new PromptDelivery(
      prompts,
      deps.memberRepo,
      dnd,
      deps.runtime?.poster ?? webClientPoster(jobSlack),
      jobSlack,
      deps.tokens,
      new RedisChannelPacer(deps.redis, config.QUEUE_PREFIX),
      pauser,
      { leaseMs, maxLatenessMs: config.PROMPT_MAX_LATENESS_MINUTES * 60_000, skipAway: config.PROMPT_SKIP_AWAY },
      log,
      limiter,
    ),
    reconciler: new Reconciler(
      schedules,
      channelMembers,
      prompts,
      scheduleSync,
      schedulers,
      queues,
      { catchUpMs: config.SLOT_CATCHUP_MINUTES * 60_000, repairMs: config.PROMPT_MAX_LATENESS_MINUTES * 60_000, leaseMs },
      log,
    ),
  };
}
