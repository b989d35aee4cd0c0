import pLimit from "p-limit";
import type { WebClient } from "@slack/web-api";
import type { ChannelMemberRepository } from "./repositories/channel-members.js";
import type { EngineScheduleRepository } from "./repositories/engine-schedules.js";
import type { MemberRepository } from "../db/repositories/members.js";
import type { Logger } from "../logger.js";
import { classifySlackError, slackErrorCode } from "../slack/errors.js";
import type { TokenSource } from "../slack/token-source.js";
import type { WorkspaceRateLimiter } from "./workspace-rate-limiter.js";
import type { MemberService } from "../services/member-service.js";
import type { SchedulePauser } from "./owner-notices.js";
import type { EngineScheduleSync } from "./schedule-sync.js";
import { systemClock, type Clock } from "../time/clock.js";

/** Profiles older than this are re-read while seeding (user_change keeps them fresh in between). */
const PROFILE_STALE_MS = 24 * 3600_000;
/** users.info calls in flight while seeding a channel (each waits for the method's budget first). */
const PROFILE_CONCURRENCY = 4;
/** More unknown profiles than this: users.list (200 people a call) is cheaper than users.info each. */
const USERS_LIST_THRESHOLD = 150;
const USERS_LIST_PAGE = 200;

/** Where a seed left off when it had to wait for Slack's limits (kept in the job between runs). */
export interface SeedProgress {
  /** users.list cursor of the next page. */
  usersListCursor?: string;
}

export type SeedResult =
  | { kind: "done"; members: number }
  /** Slack's limit for one of the methods: run again in `retryInMs`, from `progress`. Nobody is dropped. */
  | { kind: "later"; retryInMs: number; progress: SeedProgress };

/** Thrown inside a seed when a call must wait for its tier: turned into a "later" result. */
class WaitForSlack extends Error {
  constructor(readonly ms: number, readonly method: string) {
    super(`waiting ${ms} ms for ${method}'s rate limit`);
  }
}

/** What Membership needs: one object, so call sites name every part. */
export interface MembershipDeps {
  channelMembers: ChannelMemberRepository;
  schedules: EngineScheduleRepository;
  members: MemberRepository;
  memberService: MemberService;
  sync: EngineScheduleSync;
  pauser: SchedulePauser;
  slack: WebClient;
  tokens: TokenSource;
  log: Logger;
  /** Per-workspace method limits (users.info, users.list, conversations.members). */
  limiter: WorkspaceRateLimiter;
  /** Profiles are stamped on the services' clock (MemberService); staleness is judged on it too. Default: the system clock. */
  clock?: Clock;
}

/**
 * Who is in which channel (members schedules DM them; channel prompts count them as reached),
 * kept current from events and seeded from conversations.members; profile changes re-sync ticks.
 */
export class Membership {
  constructor(private readonly deps: MembershipDeps) {}

  /** member_joined_channel: record, learn their zone, widen the members schedule's ticks if needed. */
  async joined(teamId: string, channelId: string, userId: string): Promise<void> {
    await this.deps.channelMembers.add(teamId, channelId, userId);
    const schedules = (await this.deps.schedules.inChannel(teamId, channelId)).filter((s) => s.active && s.kind === "members");
    if (schedules.length === 0) return;
    await this.deps.memberService.get(teamId, userId);
    for (const s of schedules) await this.deps.sync.apply(s);
  }

  async left(teamId: string, channelId: string, userId: string): Promise<void> {
    await this.deps.channelMembers.remove(teamId, channelId, userId);
  }

  /** channel_archive / channel_deleted: that channel's schedules stop; owners are told once. */
  async channelGone(teamId: string, channelId: string, reason: "channel_archived" | "channel_deleted"): Promise<void> {
    await this.deps.pauser.pauseChannel(teamId, channelId, reason);
  }

  /** user_change: store the profile; a new time zone moves that person's slot ticks. */
  async userChanged(teamId: string, user: Record<string, unknown>): Promise<void> {
    const userId = typeof user.id === "string" ? user.id : undefined;
    if (!userId) return;
    const before = await this.deps.members.find(teamId, userId);
    await this.deps.memberService.applyUserChange(teamId, user);
    const after = await this.deps.members.find(teamId, userId);
    if (before?.tz === after?.tz) return;
    const schedules = (await this.deps.schedules.involvingUser(teamId, userId)).filter((s) => s.active);
    for (const s of schedules) await this.deps.sync.apply(s);
    this.deps.log.info({ teamId, userId, schedules: schedules.length }, "time zone changed; schedule ticks re-synced");
  }

  /** Someone changed their own time zone or working hours: their schedules' ticks are re-synced. */
  async resyncUser(teamId: string, userId: string): Promise<void> {
    const schedules = (await this.deps.schedules.involvingUser(teamId, userId)).filter((s) => s.active);
    for (const s of schedules) await this.deps.sync.apply(s);
  }

  /**
   * The channel's member list from Slack (paginated), profiles for people we don't know yet, then
   * the ticks of the channel's schedules (new zones). A channel that is gone pauses its schedules.
   */
  async seedChannel(teamId: string, channelId: string, progress: SeedProgress = {}): Promise<SeedResult> {
    const token = await this.deps.tokens.botToken(teamId);
    let userIds: string[];
    let unknown: string[];
    try {
      if (!progress.usersListCursor) {
        await this.joinIfPublic(teamId, channelId, token);
        const listed = await this.channelMemberIds(teamId, channelId, token);
        if (listed === null) return { kind: "done", members: 0 };
        userIds = listed;
        await this.deps.channelMembers.replaceAll(teamId, channelId, userIds);
      } else {
        userIds = [];
      }
      unknown = await this.deps.channelMembers.withoutProfile(teamId, channelId, new Date((this.deps.clock ?? systemClock).now().getTime() - PROFILE_STALE_MS));
      if (progress.usersListCursor || unknown.length > USERS_LIST_THRESHOLD) {
        const next = await this.profilesFromUsersList(teamId, token, new Set(unknown), progress.usersListCursor);
        if (next) return { kind: "later", retryInMs: next.retryInMs, progress: { usersListCursor: next.cursor } };
        // Anyone users.list did not cover (e.g. a guest from another workspace) is asked one by one.
        unknown = await this.deps.channelMembers.withoutProfile(teamId, channelId, new Date((this.deps.clock ?? systemClock).now().getTime() - PROFILE_STALE_MS));
      }
      const limit = pLimit(PROFILE_CONCURRENCY);
      await Promise.all(unknown.map((userId) => limit(() => this.profileOf(teamId, userId))));
    } catch (error) {
      if (error instanceof WaitForSlack) return { kind: "later", retryInMs: error.ms, progress: {} };
      throw error;
    }
    for (const s of await this.deps.schedules.inChannel(teamId, channelId)) if (s.active) await this.deps.sync.apply(s);
    const members = userIds.length > 0 ? userIds.length : await this.deps.channelMembers.count(teamId, channelId);
    this.deps.log.info({ teamId, channelId, members, profilesFetched: unknown.length }, "channel membership seeded");
    return { kind: "done", members };
  }

  /** conversations.members, every page at the method's pace; null when the channel is gone (its schedules are paused). */
  private async channelMemberIds(teamId: string, channelId: string, token: string): Promise<string[] | null> {
    const userIds: string[] = [];
    let cursor: string | undefined;
    do {
      await this.paced(teamId, "conversations.members");
      try {
        const res = await this.deps.slack.conversations.members({ token, channel: channelId, limit: 1000, ...(cursor ? { cursor } : {}) });
        userIds.push(...(res.members ?? []));
        cursor = res.response_metadata?.next_cursor || undefined;
      } catch (error) {
        const f = classifySlackError(error);
        if (f.kind === "permanent" && f.scope === "target") {
          await this.deps.pauser.pauseChannel(teamId, channelId, f.error);
          return null;
        }
        throw await this.waitIfLimited(teamId, "conversations.members", error);
      }
    } while (cursor);
    return userIds;
  }

  /**
   * users.list pages (200 people a call) until every wanted profile is stored or the list ends.
   * Returns where to resume when the method's pace says wait.
   */
  private async profilesFromUsersList(teamId: string, token: string, wanted: Set<string>, cursor: string | undefined): Promise<{ cursor: string; retryInMs: number } | null> {
    let next = cursor;
    do {
      const wait = await this.deps.limiter.reserve(teamId, "users.list");
      if (wait > 0) return { cursor: next ?? "", retryInMs: wait };
      let res: Awaited<ReturnType<WebClient["users"]["list"]>>;
      try {
        res = await this.deps.slack.users.list({ token, limit: USERS_LIST_PAGE, ...(next ? { cursor: next } : {}) });
      } catch (error) {
        const limited = await this.waitIfLimited(teamId, "users.list", error);
        if (limited instanceof WaitForSlack) return { cursor: next ?? "", retryInMs: limited.ms };
        throw limited;
      }
      const mine = (res.members ?? []).filter((u) => typeof u.id === "string" && wanted.has(u.id));
      await this.deps.memberService.saveListed(teamId, mine as Array<Record<string, unknown>>);
      next = res.response_metadata?.next_cursor || undefined;
    } while (next);
    return null;
  }

  /** One profile with users.info, at the method's pace; a person Slack does not know is stored as gone. */
  private async profileOf(teamId: string, userId: string): Promise<void> {
    await this.paced(teamId, "users.info");
    try {
      await this.deps.memberService.refresh(teamId, userId);
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === "user_not_found") return this.deps.memberService.markGone(teamId, userId);
      throw await this.waitIfLimited(teamId, "users.info", error);
    }
  }

  /** Takes a slot of this workspace's budget for `method`, or stops the seed until one is free. */
  private async paced(teamId: string, method: string): Promise<void> {
    const wait = await this.deps.limiter.reserve(teamId, method);
    if (wait > 0) throw new WaitForSlack(wait, method);
  }

  /** A 429 blocks this workspace's calls of the method for Retry-After and becomes a wait; anything else is returned as is. */
  private async waitIfLimited(teamId: string, method: string, error: unknown): Promise<unknown> {
    const f = classifySlackError(error);
    if (f.kind !== "rate_limited") return error;
    await this.deps.limiter.block(teamId, method, f.retryAfterMs);
    return new WaitForSlack(f.retryAfterMs, method);
  }

  /**
   * chat:write.public lets the bot post in a public channel it is not in, but Slack only sends it
   * reaction events (completions) and member_joined/left events from channels it is a member of,
   * so it joins. Private channels need an invitation; posting there fails with not_in_channel,
   * which pauses the schedule and tells its owner.
   */
  private async joinIfPublic(teamId: string, channelId: string, token: string): Promise<void> {
    if (!channelId.startsWith("C")) return;
    try {
      await this.deps.slack.conversations.join({ token, channel: channelId });
    } catch (error) {
      const code = slackErrorCode(error);
      if (code && JOIN_NOT_POSSIBLE.has(code)) return;
      this.deps.log.warn({ teamId, channelId, err: code ?? String(error) }, "could not join the channel; reactions there may not reach the bot");
    }
  }
}

/** conversations.join answers these for channels the bot cannot (or need not) join itself. */
const JOIN_NOT_POSSIBLE = new Set(["method_not_supported_for_channel_type", "channel_not_found", "is_archived", "missing_scope"]);
