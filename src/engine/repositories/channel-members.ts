import type { Db } from "../../db/client.js";

/** A channel member who can receive DM prompts, with what per-person slot maths needs. */
export interface Recipient {
  userId: string;
  tz: string | null;
  workStartMinute: number;
  workEndMinute: number;
  workDays: number[];
  /** The stored DND answer (Member.dnd*): the fan-out looks up ahead only those that will not hold. */
  dndEnabled?: boolean | null;
  dndNextStartAt?: Date | null;
  dndNextEndAt?: Date | null;
  dndCheckedAt?: Date | null;
}

/** ChannelMember rows: followed from member_joined/left events and seeded from conversations.members. */
export class ChannelMemberRepository {
  constructor(private readonly db: Db) {}

  async add(teamId: string, channelId: string, userId: string): Promise<void> {
    await this.db.channelMember.upsert({
      where: { teamId_channelId_userId: { teamId, channelId, userId } },
      create: { teamId, channelId, userId },
      update: {},
    });
  }

  async remove(teamId: string, channelId: string, userId: string): Promise<void> {
    await this.db.channelMember.deleteMany({ where: { teamId, channelId, userId } });
  }

  /** Makes the stored membership exactly `userIds` (what conversations.members returned). */
  async replaceAll(teamId: string, channelId: string, userIds: string[]): Promise<{ added: number; removed: number }> {
    const unique = [...new Set(userIds)];
    return this.db.$transaction(async (tx) => {
      const removed = await tx.channelMember.deleteMany({ where: { teamId, channelId, userId: { notIn: unique } } });
      const added = await tx.channelMember.createMany({
        data: unique.map((userId) => ({ teamId, channelId, userId })),
        skipDuplicates: true,
      });
      return { added: added.count, removed: removed.count };
    });
  }

  async count(teamId: string, channelId: string): Promise<number> {
    return this.db.channelMember.count({ where: { teamId, channelId } });
  }

  /**
   * People of the channel who may get DM prompts at `at`: a known profile (so bots can be told
   * apart; the seed job and member_joined_channel fetch it), not a bot, not deactivated, not opted
   * out, not paused. Members without a profile yet are left out until it is fetched.
   */
  async recipients(teamId: string, channelId: string, at: Date): Promise<Recipient[]> {
    return this.db.$queryRawUnsafe(
      `SELECT m."userId", m.tz, m."workStartMinute", m."workEndMinute", m."workDays",
              m."dndEnabled", m."dndNextStartAt", m."dndNextEndAt", m."dndCheckedAt"
       FROM "ChannelMember" cm
       JOIN "Member" m ON m."teamId" = cm."teamId" AND m."userId" = cm."userId"
       WHERE cm."teamId" = $1 AND cm."channelId" = $2
         AND NOT m."isBot" AND NOT m.deleted AND NOT m."optedOut"
         AND (m."pausedUntil" IS NULL OR m."pausedUntil" <= ($3::timestamptz AT TIME ZONE 'UTC'))`,
      teamId,
      channelId,
      at.toISOString(),
    );
  }

  /** Known time zones of the channel's people (for the cron minutes of a members schedule). */
  async zones(teamId: string, channelId: string): Promise<string[]> {
    const rows = await this.db.$queryRawUnsafe<Array<{ tz: string }>>(
      `SELECT DISTINCT m.tz FROM "ChannelMember" cm
       JOIN "Member" m ON m."teamId" = cm."teamId" AND m."userId" = cm."userId"
       WHERE cm."teamId" = $1 AND cm."channelId" = $2 AND m.tz IS NOT NULL AND NOT m."isBot" AND NOT m.deleted`,
      teamId,
      channelId,
    );
    return rows.map((r) => r.tz);
  }

  /** Members without a profile, or with one fetched before `staleBefore`. */
  async withoutProfile(teamId: string, channelId: string, staleBefore: Date): Promise<string[]> {
    const rows = await this.db.$queryRawUnsafe<Array<{ userId: string }>>(
      `SELECT cm."userId" FROM "ChannelMember" cm
       LEFT JOIN "Member" m ON m."teamId" = cm."teamId" AND m."userId" = cm."userId"
       WHERE cm."teamId" = $1 AND cm."channelId" = $2
         AND (m."userId" IS NULL OR m."profileFetchedAt" IS NULL OR m."profileFetchedAt" < ($3::timestamptz AT TIME ZONE 'UTC'))`,
      teamId,
      channelId,
      staleBefore.toISOString(),
    );
    return rows.map((r) => r.userId);
  }
}
