import type { Db } from "../client.js";

/** What forget-me deleted, table by table (shown to the person). */
export interface ForgottenCounts {
  profile: number;
  completions: number;
  reactions: number;
  deliveries: number;
  milestones: number;
  routineRequests: number;
  channelMemberships: number;
  digests: number;
  dmSchedules: number;
  dmPrompts: number;
}

export interface ForgetResult {
  counts: ForgottenCounts;
  /** Their deleted DM schedules: the job engine must drop its schedulers for them. */
  deletedScheduleIds: string[];
  /** They had opted out: a bare opted-out row was kept so nobody starts tracking them again. */
  keptOptOut: boolean;
}

export class PrivacyRepository {
  constructor(private readonly db: Db) {}

  /**
   * Deletes every row about one person in one workspace, in one transaction (all or nothing).
   * Their own rows go first (so the counts are theirs), then the DM prompts sent to them and their
   * DM schedule. Channel schedules they created stay: they belong to the channel.
   */
  async forgetPerson(teamId: string, userId: string): Promise<ForgetResult> {
    return this.db.$transaction(async (tx) => {
      const member = await tx.member.findUnique({ where: { teamId_userId: { teamId, userId } }, select: { optedOut: true } });
      const schedules = await tx.schedule.findMany({ where: { teamId, kind: "dm", OR: [{ userId }, { targetKey: `dm:${userId}` }] }, select: { id: true } });
      const scheduleIds = schedules.map((s) => s.id);
      const mine = { teamId, userId };
      const completions = await tx.completion.deleteMany({ where: mine });
      const reactions = await tx.promptReaction.deleteMany({ where: mine });
      await tx.pendingReaction.deleteMany({ where: mine });
      const deliveries = await tx.delivery.deleteMany({ where: mine });
      const milestones = await tx.streakMilestone.deleteMany({ where: mine });
      const routineRequests = await tx.routineRequest.deleteMany({ where: mine });
      const channelMemberships = await tx.channelMember.deleteMany({ where: mine });
      const digests = await tx.digestSent.deleteMany({ where: mine });
      const dmPrompts = await tx.prompt.deleteMany({
        where: { teamId, OR: [{ recipientUserId: userId }, ...(scheduleIds.length > 0 ? [{ scheduleId: { in: scheduleIds } }] : [])] },
      });
      const dmSchedules = await tx.schedule.deleteMany({ where: { teamId, id: { in: scheduleIds } } });
      const profile = await tx.member.deleteMany({ where: mine });
      const keptOptOut = member?.optedOut === true;
      if (keptOptOut) await tx.member.create({ data: { teamId, userId, optedOut: true } });
      return {
        counts: {
          profile: profile.count,
          completions: completions.count,
          reactions: reactions.count,
          deliveries: deliveries.count,
          milestones: milestones.count,
          routineRequests: routineRequests.count,
          channelMemberships: channelMemberships.count,
          digests: digests.count,
          dmSchedules: dmSchedules.count,
          dmPrompts: dmPrompts.count,
        },
        deletedScheduleIds: scheduleIds,
        keptOptOut,
      };
    });
  }
}
