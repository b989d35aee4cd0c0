import type { ManagerRepository } from "../db/repositories/managers.js";
import type { MemberRecord, MemberRepository } from "../db/repositories/members.js";
import type { Logger } from "../logger.js";
import type { MemberService } from "./member-service.js";

/** Manager = workspace admin/owner (from Slack) or someone an admin gave the role. */
export function isManagerRecord(member: Pick<MemberRecord, "isAdmin" | "isOwner" | "isManager" | "deleted" | "isBot">): boolean {
  return !member.deleted && !member.isBot && (member.isAdmin || member.isOwner || member.isManager);
}

export type ManagerChange =
  | { kind: "not_admin" }
  | { kind: "done"; userId: string }
  | { kind: "unchanged"; userId: string }
  | { kind: "admin_already"; userId: string }
  | { kind: "not_a_person"; userId: string };

export class ManagerService {
  constructor(
    private readonly members: MemberService,
    private readonly memberRepo: MemberRepository,
    private readonly managerRepo: ManagerRepository,
    private readonly log: Logger,
  ) {}

  /** Admin/owner flags re-checked with Slack (MemberService.authority, fails closed) plus the stored role. */
  async isManager(teamId: string, userId: string): Promise<boolean> {
    return isManagerRecord(await this.members.authority(teamId, userId));
  }

  async add(teamId: string, actorId: string, userId: string): Promise<ManagerChange> {
    return this.change(teamId, actorId, userId, true);
  }

  async remove(teamId: string, actorId: string, userId: string): Promise<ManagerChange> {
    return this.change(teamId, actorId, userId, false);
  }

  async list(teamId: string): Promise<MemberRecord[]> {
    return this.managerRepo.listForTeam(teamId);
  }

  private async change(teamId: string, actorId: string, userId: string, makeManager: boolean): Promise<ManagerChange> {
    const actor = await this.members.authority(teamId, actorId);
    if (!this.members.isAdmin(actor)) return { kind: "not_admin" };
    const target = await this.members.get(teamId, userId);
    if (target.isBot || target.deleted) return { kind: "not_a_person", userId };
    // Removing the role from an admin changes nothing: admins are managers through Slack itself.
    if (!makeManager && this.members.isAdmin(target) && !target.isManager) return { kind: "admin_already", userId };
    if (target.isManager === makeManager) return { kind: "unchanged", userId };
    await this.memberRepo.updatePreferences(teamId, userId, { isManager: makeManager });
    this.log.info({ teamId, actorId, userId, isManager: makeManager }, "manager role changed");
    return { kind: "done", userId };
  }
}
