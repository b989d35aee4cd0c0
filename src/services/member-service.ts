import type { WebClient } from "@slack/web-api";
import type { TokenSource } from "../slack/token-source.js";
import type { MemberRecord, MemberRepository, SlackProfile } from "../db/repositories/members.js";
import type { Logger } from "../logger.js";
import { slackErrorText } from "../slack/errors.js";
import { systemClock, type Clock } from "../time/clock.js";

/** A profile older than this is re-read from users.info (user_change events refresh it sooner). */
const PROFILE_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * Admin/owner flags older than this are re-read before a privileged action (managers, reports,
 * someone else's schedule, members schedules). When Slack cannot answer, older flags count as
 * "not admin": a demoted admin never keeps power because Slack was unreachable.
 */
export const ADMIN_FLAGS_MAX_AGE_MS = 5 * 60 * 1000;

/** Who a person is in Slack (time zone, admin, bot…), cached in Postgres. */
export class MemberService {
  constructor(
    private readonly members: MemberRepository,
    private readonly slack: WebClient,
    private readonly tokens: TokenSource,
    private readonly log: Logger,
    /** "Now" of the product (the composition root's one clock; tests and the demo set it). */
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * The member with a fresh enough profile. When Slack cannot be reached the stored row (or a
   * row with no time zone) is returned: callers fall back to the schedule's zone.
   */
  async get(teamId: string, userId: string, now = this.clock.now()): Promise<MemberRecord> {
    const stored = await this.members.find(teamId, userId);
    if (stored?.profileFetchedAt && now.getTime() - stored.profileFetchedAt.getTime() < PROFILE_TTL_MS) return stored;
    return (await this.fetch(teamId, userId, now)) ?? stored ?? (await this.members.saveProfile(teamId, userId, {}, new Date(0)));
  }

  /**
   * The member for a privileged decision: admin/owner flags no older than ADMIN_FLAGS_MAX_AGE_MS,
   * re-read from users.info otherwise. Fails closed: if Slack cannot answer, stale flags are
   * dropped (the stored manager role, which this app owns, still counts).
   */
  async authority(teamId: string, userId: string, now = this.clock.now()): Promise<MemberRecord> {
    const stored = await this.members.find(teamId, userId);
    if (stored?.profileFetchedAt && now.getTime() - stored.profileFetchedAt.getTime() < ADMIN_FLAGS_MAX_AGE_MS) return stored;
    const fresh = await this.fetch(teamId, userId, now);
    if (fresh) return fresh;
    const base = stored ?? (await this.members.saveProfile(teamId, userId, {}, new Date(0)));
    return { ...base, isAdmin: false, isOwner: false };
  }

  /** users.info → stored profile; null (logged) when Slack cannot answer. */
  private async fetch(teamId: string, userId: string, now: Date): Promise<MemberRecord | null> {
    try {
      const res = await this.slack.users.info({ token: await this.tokens.botToken(teamId), user: userId, include_locale: true });
      const profile = keepOverride(await this.members.find(teamId, userId), profileFromSlack((res.user ?? {}) as Record<string, unknown>, teamId));
      return await this.members.saveProfile(teamId, userId, profile, now);
    } catch (error) {
      this.log.warn({ teamId, userId, err: slackErrorText(error) }, "users.info failed");
      return null;
    }
  }

  /**
   * Reads a profile from Slack and stores it, for seeding: unlike get(), failures are thrown (a 429
   * must be retried at the method's pace, never turned into a person without a profile).
   */
  async refresh(teamId: string, userId: string, now = this.clock.now()): Promise<void> {
    const res = await this.slack.users.info({ token: await this.tokens.botToken(teamId), user: userId });
    await this.members.saveProfile(teamId, userId, profileFromSlack((res.user ?? {}) as Record<string, unknown>), now);
  }

  /** Profiles from users.list pages (seeding big channels: 200 people per call instead of one). */
  async saveListed(teamId: string, users: Array<Record<string, unknown>>, now = this.clock.now()): Promise<void> {
    const profiles = users.flatMap((user) => (typeof user.id === "string" ? [{ userId: user.id, profile: profileFromSlack(user) }] : []));
    await this.members.saveProfiles(teamId, profiles, now);
  }

  /** A person Slack says does not exist (user_not_found): stored as deleted so nobody waits on them. */
  async markGone(teamId: string, userId: string, now = this.clock.now()): Promise<void> {
    await this.members.saveProfile(teamId, userId, { deleted: true }, now);
  }

  /** user_change event: Slack sends the whole user object. */
  async applyUserChange(teamId: string, user: Record<string, unknown>): Promise<void> {
    const userId = typeof user.id === "string" ? user.id : undefined;
    if (!userId) return;
    await this.members.saveProfile(teamId, userId, keepOverride(await this.members.find(teamId, userId), profileFromSlack(user, teamId)), this.clock.now());
  }

  isAdmin(member: Pick<MemberRecord, "isAdmin" | "isOwner">): boolean {
    return member.isAdmin || member.isOwner;
  }
}

/** A time zone the person chose themselves (/stretch me tz) wins over Slack's. */
function keepOverride(stored: MemberRecord | null, profile: SlackProfile): SlackProfile {
  if (!stored?.tzOverride) return profile;
  const { tz: _slackTz, ...rest } = profile;
  return rest;
}

/**
 * The fields we keep from a Slack user object (users.info `user`, user_change `event.user`).
 * Admin and owner flags count only for the workspace's own people: a Slack Connect user from
 * another team may be an admin there, never here. A user object with no `team_id` (Slack always
 * sends one; older fakes do not) counts as the workspace's own.
 */
export function profileFromSlack(user: Record<string, unknown>, teamId?: string): SlackProfile {
  const profile = (user.profile ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : undefined);
  const own = isOwnPerson(user, teamId);
  return {
    displayName: str(profile.display_name) ?? str(profile.real_name) ?? str(user.real_name) ?? str(user.name) ?? null,
    tz: str(user.tz) ?? null,
    isBot: user.is_bot === true || user.id === "USLACKBOT",
    deleted: user.deleted === true,
    isAdmin: own && user.is_admin === true,
    isOwner: own && (user.is_owner === true || user.is_primary_owner === true),
    ...(str(user.locale) && { locale: str(user.locale)! }),
  };
}

/** Home team is this workspace (or, on Enterprise Grid, the user belongs to it); never a stranger. */
function isOwnPerson(user: Record<string, unknown>, teamId: string | undefined): boolean {
  if (user.is_stranger === true) return false;
  if (!teamId || typeof user.team_id !== "string") return true;
  if (user.team_id === teamId) return true;
  const teams = (user.enterprise_user as { teams?: unknown } | undefined)?.teams;
  return Array.isArray(teams) && teams.includes(teamId);
}
