import type { WebClient } from "@slack/web-api";
import type { ChannelMemberRepository } from "../../db/repositories/channel-members.js";
import type { EngineScheduleRepository } from "../../db/repositories/engine-schedules.js";
import type { MemberRepository } from "../../db/repositories/members.js";
import type { Logger } from "../../logger.js";
import { classifySlackError } from "../../slack/errors.js";
import type { TokenSource } from "../../slack/token-source.js";
import type { MemberService } from "../member-service.js";
import type { SchedulePauser } from "./owner-notices.js";
import type { EngineScheduleSync } from "./schedule-sync.js";

/** Profiles older than this are re-read while seeding (user_change keeps them fresh in between). */
const PROFILE_STALE_MS = 24 * 3600_000;
/** users.info calls in flight while seeding a channel (Slack allows ~100 a minute). */
const PROFILE_CONCURRENCY = 4;

/**
 * Who is in which channel (members schedules DM them; channel prompts count them as reached),
 * kept current from events and seeded from conversations.members; profile changes re-sync ticks.
 */
export class Membership {
  constructor(
    private readonly channelMembers: ChannelMemberRepository,
    private readonly schedules: EngineScheduleRepository,
    private readonly members: MemberRepository,
    private readonly memberService: MemberService,
    private readonly sync: EngineScheduleSync,
    private readonly pauser: SchedulePauser,
    private readonly slack: WebClient,
    private readonly tokens: TokenSource,
    private readonly log: Logger,
  ) {}

  /** member_joined_channel: record, learn their zone, widen the members schedule's ticks if needed. */
  async joined(teamId: string, channelId: string, userId: string): Promise<void> {
    await this.channelMembers.add(teamId, channelId, userId);
    const schedules = (await this.schedules.inChannel(teamId, channelId)).filter((s) => s.active && s.kind === "members");
    if (schedules.length === 0) return;
    await this.memberService.get(teamId, userId);
    for (const s of schedules) await this.sync.apply(s);
  }

  async left(teamId: string, channelId: string, userId: string): Promise<void> {
    await this.channelMembers.remove(teamId, channelId, userId);
  }

  /** channel_archive / channel_deleted: that channel's schedules stop; owners are told once. */
  async channelGone(teamId: string, channelId: string, reason: "channel_archived" | "channel_deleted"): Promise<void> {
    await this.pauser.pauseChannel(teamId, channelId, reason);
  }

  /** user_change: store the profile; a new time zone moves that person's slot ticks. */
  async userChanged(teamId: string, user: Record<string, unknown>): Promise<void> {
    const userId = typeof user.id === "string" ? user.id : undefined;
    if (!userId) return;
    const before = await this.members.find(teamId, userId);
    await this.memberService.applyUserChange(teamId, user);
    const after = await this.members.find(teamId, userId);
    if (before?.tz === after?.tz) return;
    const schedules = (await this.schedules.involvingUser(teamId, userId)).filter((s) => s.active);
    for (const s of schedules) await this.sync.apply(s);
    this.log.info({ teamId, userId, schedules: schedules.length }, "time zone changed; schedule ticks re-synced");
  }

  /**
   * The channel's member list from Slack (paginated), profiles for people we don't know yet, then
   * the ticks of the channel's schedules (new zones). A channel that is gone pauses its schedules.
   */
  async seedChannel(teamId: string, channelId: string): Promise<{ members: number }> {
    const token = await this.tokens.botToken(teamId);
    await this.joinIfPublic(teamId, channelId, token);
    const userIds: string[] = [];
    let cursor: string | undefined;
    try {
      do {
        const res = await this.slack.conversations.members({ token, channel: channelId, limit: 1000, ...(cursor ? { cursor } : {}) });
        userIds.push(...(res.members ?? []));
        cursor = res.response_metadata?.next_cursor || undefined;
      } while (cursor);
    } catch (error) {
      const f = classifySlackError(error);
      if (f.kind === "permanent" && f.scope === "target") {
        await this.pauser.pauseChannel(teamId, channelId, f.error);
        return { members: 0 };
      }
      throw error;
    }
    await this.channelMembers.replaceAll(teamId, channelId, userIds);
    const unknown = await this.channelMembers.withoutProfile(teamId, channelId, new Date(Date.now() - PROFILE_STALE_MS));
    await forEachLimited(unknown, PROFILE_CONCURRENCY, (userId) => this.memberService.get(teamId, userId).then(() => undefined));
    for (const s of await this.schedules.inChannel(teamId, channelId)) if (s.active) await this.sync.apply(s);
    this.log.info({ teamId, channelId, members: userIds.length, profilesFetched: unknown.length }, "channel membership seeded");
    return { members: userIds.length };
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
      await this.slack.conversations.join({ token, channel: channelId });
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error;
      if (code && JOIN_NOT_POSSIBLE.has(code)) return;
      this.log.warn({ teamId, channelId, err: code ?? String(error) }, "could not join the channel; reactions there may not reach the bot");
    }
  }
}

/** conversations.join answers these for channels the bot cannot (or need not) join itself. */
const JOIN_NOT_POSSIBLE = new Set(["method_not_supported_for_channel_type", "channel_not_found", "is_archived", "missing_scope"]);

async function forEachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  });
  await Promise.all(lanes);
}
