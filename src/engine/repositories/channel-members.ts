import type { Db } from "../../db/client.js";
import { prismaRunner, type SqlRunner } from "../../db/sql.js";

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

/** A channel of a workspace, as the batch reads below take it. */
export interface ChannelRef {
  teamId: string;
  channelId: string;
}

/** How the batch reads key their answers: "teamId|channelId" (Slack ids never contain "|"). */
export function channelKey(teamId: string, channelId: string): string {
  return `${teamId}|${channelId}`;
}

/** Each channel once, as the two parallel arrays `unnest` takes. */
function channelArrays(channels: readonly ChannelRef[]): [string[], string[]] {
  const unique = new Map(channels.map((c) => [channelKey(c.teamId, c.channelId), c]));
  return [[...unique.values()].map((c) => c.teamId), [...unique.values()].map((c) => c.channelId)];
}

/** ChannelMember rows: followed from member_joined/left events and seeded from conversations.members. */
export class ChannelMemberRepository {
  private readonly sql: SqlRunner;

  /** `sql`: runs the batch reads (the reconcile loop's) on a plain pg pool; default Prisma. */
  constructor(
    private readonly db: Db,
    sql?: SqlRunner,
  ) {
    this.sql = sql ?? prismaRunner(db);
  }

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

  /**
   * zones() of many channels in one statement (the reconcile loop: one query per members schedule
   * was hundreds of round trips every run). Channels with no zone known are absent from the map.
   */
  async zonesByChannel(channels: readonly ChannelRef[]): Promise<Map<string, string[]>> {
    if (channels.length === 0) return new Map();
    const rows = await this.sql.query<{ teamId: string; channelId: string; tz: string }>(
      `SELECT DISTINCT cm."teamId", cm."channelId", m.tz
       FROM unnest($1::text[], $2::text[]) AS c("teamId", "channelId")
       JOIN "ChannelMember" cm ON cm."teamId" = c."teamId" AND cm."channelId" = c."channelId"
       JOIN "Member" m ON m."teamId" = cm."teamId" AND m."userId" = cm."userId"
       WHERE m.tz IS NOT NULL AND NOT m."isBot" AND NOT m.deleted
       ORDER BY cm."teamId", cm."channelId", m.tz`,
      channelArrays(channels),
    );
    const out = new Map<string, string[]>();
    for (const r of rows) {
      const key = channelKey(r.teamId, r.channelId);
      const zones = out.get(key);
      if (zones) zones.push(r.tz);
      else out.set(key, [r.tz]);
    }
    return out;
  }

  /** count() of many channels in one statement. Channels without members are absent from the map. */
  async countsByChannel(channels: readonly ChannelRef[]): Promise<Map<string, number>> {
    if (channels.length === 0) return new Map();
    const rows = await this.sql.query<{ teamId: string; channelId: string; n: number }>(
      `SELECT cm."teamId", cm."channelId", count(*)::int AS n
       FROM unnest($1::text[], $2::text[]) AS c("teamId", "channelId")
       JOIN "ChannelMember" cm ON cm."teamId" = c."teamId" AND cm."channelId" = c."channelId"
       GROUP BY cm."teamId", cm."channelId"`,
      channelArrays(channels),
    );
    return new Map(rows.map((r) => [channelKey(r.teamId, r.channelId), Number(r.n)]));
  }
}
