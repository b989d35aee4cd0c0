import type { Db } from "../client.js";
import type { Prisma } from "../../generated/prisma/client.js";

/** An installation row as stored: tokens are ciphertexts (see src/security/token-cipher.ts). */
export interface StoredInstallation {
  id: string;
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  appId: string | null;
  botUserId: string | null;
  botId: string | null;
  botScopes: string[];
  botTokenCiphertext: string;
  botTokenKeyId: string;
  botRefreshCiphertext: string | null;
  botRefreshKeyId: string | null;
  botTokenExpiresAt: Date | null;
  installerUserId: string | null;
  details: Record<string, unknown> | null;
}

export type InstallationWrite = Omit<StoredInstallation, "id">;

/** The sealed tokens written after a refresh. */
export interface RefreshedTokens {
  botTokenCiphertext: string;
  botTokenKeyId: string;
  botRefreshCiphertext: string;
  botRefreshKeyId: string;
  botTokenExpiresAt: Date;
}

/** "T:<teamId>" for a workspace install, "E:<enterpriseId>" for an org-wide one. */
export const installationId = {
  team: (teamId: string) => `T:${teamId}`,
  enterprise: (enterpriseId: string) => `E:${enterpriseId}`,
};

/** Holding the row lock while Slack answers oauth.v2.access: a few seconds at most. */
const REFRESH_TX_TIMEOUT_MS = 20_000;

/** OAuth installations (OAuth distribution mode). */
export class OAuthInstallationRepository {
  constructor(private readonly db: Db) {}

  /**
   * Stores a (re)installation and reactivates the workspace(s) it covers in one transaction: a
   * workspace reinstalled within the retention period keeps its history (its schedules stay off
   * until someone turns them back on, as after any deactivation).
   */
  async save(id: string, row: InstallationWrite, workspace: { teamId: string | null; name: string | null }): Promise<void> {
    const data = { ...row, details: (row.details ?? undefined) as Prisma.InputJsonValue | undefined };
    await this.db.$transaction(async (tx) => {
      await tx.installation.upsert({ where: { id }, create: { id, ...data }, update: data });
      if (workspace.teamId) {
        await tx.workspace.upsert({
          where: { teamId: workspace.teamId },
          create: { teamId: workspace.teamId, enterpriseId: row.enterpriseId, name: workspace.name, botUserId: row.botUserId, botId: row.botId, installedBy: row.installerUserId },
          update: {
            enterpriseId: row.enterpriseId,
            name: workspace.name,
            botUserId: row.botUserId,
            botId: row.botId,
            installedBy: row.installerUserId,
            active: true,
            deactivatedAt: null,
            deactivatedReason: null,
            installedAt: new Date(),
          },
        });
      } else if (row.enterpriseId) {
        // Org-wide: every workspace of the org already known comes back; others appear on first contact.
        await tx.workspace.updateMany({
          where: { enterpriseId: row.enterpriseId, active: false },
          data: { active: true, deactivatedAt: null, deactivatedReason: null },
        });
      }
    });
  }

  /**
   * The installation that serves a workspace: its own, else its org's org-wide install. The org
   * comes from the caller (a Slack request says it) or from the workspace row (jobs).
   */
  async findForTeam(teamId: string | undefined, enterpriseId: string | undefined): Promise<StoredInstallation | null> {
    const ids: string[] = [];
    if (teamId) ids.push(installationId.team(teamId));
    if (enterpriseId) ids.push(installationId.enterprise(enterpriseId));
    else if (teamId) {
      const ws = await this.db.workspace.findUnique({ where: { teamId }, select: { enterpriseId: true } });
      if (ws?.enterpriseId) ids.push(installationId.enterprise(ws.enterpriseId));
    }
    if (ids.length === 0) return null;
    const rows = await this.db.installation.findMany({ where: { id: { in: ids } } });
    // A workspace's own installation wins over its org's.
    const row = rows.find((r) => r.id.startsWith("T:")) ?? rows[0];
    return row ? toStored(row) : null;
  }

  async find(id: string): Promise<StoredInstallation | null> {
    const row = await this.db.installation.findUnique({ where: { id } });
    return row ? toStored(row) : null;
  }

  /**
   * Runs `refresh` while holding this installation's row lock (SELECT … FOR UPDATE), so two
   * processes never spend the same single-use refresh token: the second one waits, then sees the
   * row the first one wrote. `refresh` gets the row as it is now and returns new tokens to store,
   * or null to leave it unchanged.
   */
  async withRefreshLock<T>(id: string, refresh: (row: StoredInstallation) => Promise<{ tokens: RefreshedTokens | null; result: T }>): Promise<T | null> {
    return this.db.$transaction(
      async (tx) => {
        const locked = await tx.$queryRaw<Array<{ id: string }>>`SELECT "id" FROM "Installation" WHERE "id" = ${id} FOR UPDATE`;
        if (locked.length === 0) return null;
        const row = await tx.installation.findUniqueOrThrow({ where: { id } });
        const { tokens, result } = await refresh(toStored(row));
        if (tokens) await tx.installation.update({ where: { id }, data: tokens });
        return result;
      },
      { timeout: REFRESH_TX_TIMEOUT_MS, maxWait: REFRESH_TX_TIMEOUT_MS },
    );
  }

  /** Deletes the tokens of a workspace (its own installation) or of an org-wide install. */
  async delete(ids: string[]): Promise<number> {
    const res = await this.db.installation.deleteMany({ where: { id: { in: ids } } });
    return res.count;
  }

  /** Ids and key ids of every row (for re-encryption), in pages. */
  async page(afterId: string | null, size: number): Promise<StoredInstallation[]> {
    const rows = await this.db.installation.findMany({
      where: afterId ? { id: { gt: afterId } } : {},
      orderBy: { id: "asc" },
      take: size,
    });
    return rows.map(toStored);
  }

  /** Replaces a row's ciphertexts only if they are still the ones read (a refresh in between wins). */
  async replaceCiphertexts(
    id: string,
    expected: { botTokenCiphertext: string; botRefreshCiphertext: string | null },
    next: { botTokenCiphertext: string; botTokenKeyId: string; botRefreshCiphertext: string | null; botRefreshKeyId: string | null },
  ): Promise<boolean> {
    const res = await this.db.installation.updateMany({
      where: { id, botTokenCiphertext: expected.botTokenCiphertext, botRefreshCiphertext: expected.botRefreshCiphertext },
      data: next,
    });
    return res.count === 1;
  }
}

function toStored(row: Omit<StoredInstallation, "details"> & { details: unknown }): StoredInstallation {
  return {
    id: row.id,
    teamId: row.teamId,
    enterpriseId: row.enterpriseId,
    isEnterpriseInstall: row.isEnterpriseInstall,
    appId: row.appId,
    botUserId: row.botUserId,
    botId: row.botId,
    botScopes: row.botScopes,
    botTokenCiphertext: row.botTokenCiphertext,
    botTokenKeyId: row.botTokenKeyId,
    botRefreshCiphertext: row.botRefreshCiphertext,
    botRefreshKeyId: row.botRefreshKeyId,
    botTokenExpiresAt: row.botTokenExpiresAt,
    installerUserId: row.installerUserId,
    details: row.details && typeof row.details === "object" ? (row.details as Record<string, unknown>) : null,
  };
}
