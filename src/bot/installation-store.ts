import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import type { InstallationTokens } from "../services/installation-tokens.js";

/**
 * Bolt's InstallationStore over InstallationTokens (Postgres, sealed tokens). Bolt calls
 * storeInstallation at the end of the OAuth flow and fetchInstallation to authorize every request.
 *
 * fetchInstallation returns a token already refreshed when rotation required it, and leaves the
 * refresh token and expiry out: InstallationTokens is the only place that spends refresh tokens
 * (under a row lock), so Bolt's own refresh never runs and never races the workers'.
 */
export function postgresInstallationStore(tokens: InstallationTokens): InstallationStore {
  return {
    storeInstallation: async (installation) => {
      const bot = installation.bot;
      if (!bot) throw new Error("the installation has no bot token (the bot scopes were not granted)");
      await tokens.store({
        teamId: installation.team?.id ?? null,
        teamName: installation.team?.name ?? null,
        enterpriseId: installation.enterprise?.id ?? null,
        enterpriseName: installation.enterprise?.name ?? null,
        isEnterpriseInstall: installation.isEnterpriseInstall === true,
        appId: installation.appId ?? null,
        botUserId: bot.userId ?? null,
        botId: bot.id ?? null,
        botScopes: bot.scopes ?? [],
        botToken: bot.token,
        botRefreshToken: bot.refreshToken ?? null,
        botTokenExpiresAt: typeof bot.expiresAt === "number" ? new Date(bot.expiresAt * 1000) : null,
        installerUserId: installation.user?.id ?? null,
      });
    },
    fetchInstallation: async (query: InstallationQuery<boolean>): Promise<Installation<"v2", boolean>> => {
      const active = await tokens.resolve(query.teamId, query.enterpriseId);
      // Bolt turns this into an authorization failure; the message names ids only.
      if (!active) throw new Error(`no installation for team ${query.teamId ?? "-"} / enterprise ${query.enterpriseId ?? "-"}`);
      return {
        team: active.teamId ? { id: active.teamId } : query.teamId ? { id: query.teamId } : undefined,
        enterprise: active.enterpriseId ? { id: active.enterpriseId } : undefined,
        user: { token: undefined, scopes: undefined, id: "" },
        bot: { token: active.botToken, scopes: active.botScopes, id: active.botId ?? "", userId: active.botUserId ?? "" },
        ...(active.appId ? { appId: active.appId } : {}),
        tokenType: "bot",
        isEnterpriseInstall: active.isEnterpriseInstall,
        authVersion: "v2",
      } as Installation<"v2", boolean>;
    },
    deleteInstallation: async (query) => {
      await tokens.revoke(query.teamId, query.enterpriseId, query.isEnterpriseInstall === true);
    },
  };
}
