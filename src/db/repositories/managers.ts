import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../client.js";
import type { MemberRecord } from "./members.js";

/** People who see reports (admins, owners, and those given the manager role) and their digests. */
export class ManagerRepository {
  constructor(private readonly db: Db) {}

  /** Managers of one workspace, admins and owners included, by name. */
  async listForTeam(teamId: string): Promise<MemberRecord[]> {
    return this.db.member.findMany({
      where: { teamId, deleted: false, isBot: false, OR: [{ isManager: true }, { isAdmin: true }, { isOwner: true }] },
      orderBy: [{ displayName: "asc" }, { userId: "asc" }],
    });
  }

  /** Every manager of every active workspace (weekly digest). */
  async listAllActive(): Promise<MemberRecord[]> {
    return this.db.member.findMany({
      where: { deleted: false, isBot: false, workspace: { active: true }, OR: [{ isManager: true }, { isAdmin: true }, { isOwner: true }] },
      orderBy: [{ teamId: "asc" }, { userId: "asc" }],
    });
  }

  /**
   * Claims the digest of one manager and week. False when it was already claimed (sent, or being
   * sent by another worker): the primary key makes the claim atomic across processes.
   */
  async claimDigest(teamId: string, userId: string, weekStart: string): Promise<boolean> {
    try {
      await this.db.digestSent.create({ data: { teamId, userId, weekStart } });
      return true;
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
      throw error;
    }
  }

  /** Gives a claim back after the DM failed, so the next run retries it. */
  async releaseDigest(teamId: string, userId: string, weekStart: string): Promise<void> {
    await this.db.digestSent.deleteMany({ where: { teamId, userId, weekStart } });
  }
}
