import type { Db } from "../client.js";

/** A member as services see it (plain object, no Prisma types leak out). */
export interface MemberRecord {
  teamId: string;
  userId: string;
  displayName: string | null;
  tz: string | null;
  isBot: boolean;
  deleted: boolean;
  isAdmin: boolean;
  isOwner: boolean;
  isManager: boolean;
  workStartMinute: number;
  workEndMinute: number;
  workDays: number[];
  optedOut: boolean;
  leaderboardHidden: boolean;
  pausedUntil: Date | null;
  profileFetchedAt: Date | null;
  /** Set by the person (/stretch me tz): Slack's tz no longer overwrites `tz` while it is set. */
  tzOverride?: string | null;
}

/** Profile facts Slack owns (users.info / user_change). */
export interface SlackProfile {
  displayName?: string | null;
  tz?: string | null;
  isBot?: boolean;
  deleted?: boolean;
  isAdmin?: boolean;
  isOwner?: boolean;
  /** Slack's locale (users.info with include_locale), e.g. "pl-PL". */
  locale?: string | null;
}

export type MemberPreferences = Partial<
  Pick<MemberRecord, "workStartMinute" | "workEndMinute" | "workDays" | "optedOut" | "leaderboardHidden" | "pausedUntil" | "isManager">
>;

export class MemberRepository {
  constructor(private readonly db: Db) {}

  async find(teamId: string, userId: string): Promise<MemberRecord | null> {
    return this.db.member.findUnique({ where: { teamId_userId: { teamId, userId } } });
  }

  async findMany(teamId: string, userIds: string[]): Promise<MemberRecord[]> {
    if (userIds.length === 0) return [];
    return this.db.member.findMany({ where: { teamId, userId: { in: userIds } } });
  }

  /** Stores what Slack says about a person; preferences are left as they are. */
  async saveProfile(teamId: string, userId: string, profile: SlackProfile, fetchedAt = new Date()): Promise<MemberRecord> {
    const data = {
      ...(profile.displayName !== undefined && { displayName: profile.displayName }),
      ...(profile.tz !== undefined && { tz: profile.tz }),
      ...(profile.isBot !== undefined && { isBot: profile.isBot }),
      ...(profile.deleted !== undefined && { deleted: profile.deleted }),
      ...(profile.isAdmin !== undefined && { isAdmin: profile.isAdmin }),
      ...(profile.isOwner !== undefined && { isOwner: profile.isOwner }),
      ...(profile.locale !== undefined && profile.locale !== null && { slackLocale: profile.locale }),
      profileFetchedAt: fetchedAt,
    };
    return this.db.member.upsert({
      where: { teamId_userId: { teamId, userId } },
      create: { teamId, userId, ...data },
      update: data,
    });
  }

  /**
   * Many profiles in one statement (a users.list page while seeding a big channel): one round trip
   * instead of one upsert per person. Preferences are left as they are.
   */
  async saveProfiles(teamId: string, profiles: Array<{ userId: string; profile: SlackProfile }>, fetchedAt = new Date()): Promise<void> {
    if (profiles.length === 0) return;
    const col = <T>(pick: (p: SlackProfile) => T) => profiles.map((p) => pick(p.profile));
    await this.db.$executeRaw`
      INSERT INTO "Member" ("teamId", "userId", "displayName", "tz", "isBot", "deleted", "isAdmin", "isOwner", "profileFetchedAt", "updatedAt")
      SELECT ${teamId}, u.*, ${fetchedAt}, now()
      FROM unnest(${profiles.map((p) => p.userId)}::text[], ${col((p) => p.displayName ?? null)}::text[], ${col((p) => p.tz ?? null)}::text[],
                  ${col((p) => p.isBot ?? false)}::boolean[], ${col((p) => p.deleted ?? false)}::boolean[], ${col((p) => p.isAdmin ?? false)}::boolean[],
                  ${col((p) => p.isOwner ?? false)}::boolean[]) AS u("userId", "displayName", "tz", "isBot", "deleted", "isAdmin", "isOwner")
      ON CONFLICT ("teamId", "userId") DO UPDATE SET
        "displayName" = EXCLUDED."displayName", "tz" = EXCLUDED."tz", "isBot" = EXCLUDED."isBot", "deleted" = EXCLUDED."deleted",
        "isAdmin" = EXCLUDED."isAdmin", "isOwner" = EXCLUDED."isOwner", "profileFetchedAt" = EXCLUDED."profileFetchedAt", "updatedAt" = now()`;
  }

  async updatePreferences(teamId: string, userId: string, prefs: MemberPreferences): Promise<MemberRecord> {
    return this.db.member.upsert({
      where: { teamId_userId: { teamId, userId } },
      create: { teamId, userId, ...prefs },
      update: prefs,
    });
  }

  /**
   * The stored zone (null when unknown) of many people of any workspaces, in one statement, keyed
   * "teamId|userId"; people without a row are absent. For the reconcile loop's DM schedules.
   */
  async zonesOf(people: ReadonlyArray<{ teamId: string; userId: string }>): Promise<Map<string, string | null>> {
    if (people.length === 0) return new Map();
    const rows = await this.db.$queryRaw<Array<{ teamId: string; userId: string; tz: string | null }>>`
      SELECT m."teamId", m."userId", m.tz FROM "Member" m
      JOIN unnest(${people.map((p) => p.teamId)}::text[], ${people.map((p) => p.userId)}::text[]) AS k("teamId", "userId")
        ON m."teamId" = k."teamId" AND m."userId" = k."userId"`;
    return new Map(rows.map((r) => [`${r.teamId}|${r.userId}`, r.tz]));
  }
}
