import type { WebClient } from "@slack/web-api";
import type { TokenSource } from "../slack/token-source.js";
import type { MemberRecord, MemberRepository, SlackProfile } from "../db/repositories/members.js";
import type { Logger } from "../logger.js";

/** A profile older than this is re-read from users.info (user_change events refresh it sooner). */
const PROFILE_TTL_MS = 24 * 60 * 60 * 1000;

/** Who a person is in Slack (time zone, admin, bot…), cached in Postgres. */
export class MemberService {
  constructor(
    private readonly members: MemberRepository,
    private readonly slack: WebClient,
    private readonly tokens: TokenSource,
    private readonly log: Logger,
  ) {}

  /**
   * The member with a fresh enough profile. When Slack cannot be reached the stored row (or a
   * row with no time zone) is returned: callers fall back to the schedule's zone.
   */
  async get(teamId: string, userId: string, now = new Date()): Promise<MemberRecord> {
    const stored = await this.members.find(teamId, userId);
    if (stored?.profileFetchedAt && now.getTime() - stored.profileFetchedAt.getTime() < PROFILE_TTL_MS) return stored;
    try {
      const res = await this.slack.users.info({ token: await this.tokens.botToken(teamId), user: userId });
      return await this.members.saveProfile(teamId, userId, profileFromSlack((res.user ?? {}) as Record<string, unknown>), now);
    } catch (error) {
      this.log.warn({ teamId, userId, err: (error as { data?: { error?: string } }).data?.error ?? String(error) }, "users.info failed");
      return stored ?? (await this.members.saveProfile(teamId, userId, {}, new Date(0)));
    }
  }

  /**
   * Reads a profile from Slack and stores it, for seeding: unlike get(), failures are thrown (a 429
   * must be retried at the method's pace, never turned into a person without a profile).
   */
  async refresh(teamId: string, userId: string, now = new Date()): Promise<void> {
    const res = await this.slack.users.info({ token: await this.tokens.botToken(teamId), user: userId });
    await this.members.saveProfile(teamId, userId, profileFromSlack((res.user ?? {}) as Record<string, unknown>), now);
  }

  /** Profiles from users.list pages (seeding big channels: 200 people per call instead of one). */
  async saveListed(teamId: string, users: Array<Record<string, unknown>>, now = new Date()): Promise<void> {
    const profiles = users.flatMap((user) => (typeof user.id === "string" ? [{ userId: user.id, profile: profileFromSlack(user) }] : []));
    await this.members.saveProfiles(teamId, profiles, now);
  }

  /** A person Slack says does not exist (user_not_found): stored as deleted so nobody waits on them. */
  async markGone(teamId: string, userId: string, now = new Date()): Promise<void> {
    await this.members.saveProfile(teamId, userId, { deleted: true }, now);
  }

  /** user_change event: Slack sends the whole user object. */
  async applyUserChange(teamId: string, user: Record<string, unknown>): Promise<void> {
    const userId = typeof user.id === "string" ? user.id : undefined;
    if (!userId) return;
    await this.members.saveProfile(teamId, userId, profileFromSlack(user));
  }

  isAdmin(member: Pick<MemberRecord, "isAdmin" | "isOwner">): boolean {
    return member.isAdmin || member.isOwner;
  }
}

/** The fields we keep from a Slack user object (users.info `user`, user_change `event.user`). */
export function profileFromSlack(user: Record<string, unknown>): SlackProfile {
  const profile = (user.profile ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : undefined);
  return {
    displayName: str(profile.display_name) ?? str(profile.real_name) ?? str(user.real_name) ?? str(user.name) ?? null,
    tz: str(user.tz) ?? null,
    isBot: user.is_bot === true || user.id === "USLACKBOT",
    deleted: user.deleted === true,
    isAdmin: user.is_admin === true,
    isOwner: user.is_owner === true || user.is_primary_owner === true,
  };
}
