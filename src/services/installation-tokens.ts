import { installationId, type InstallationWrite, type OAuthInstallationRepository, type StoredInstallation } from "../db/repositories/oauth-installations.js";
import type { Logger } from "../logger.js";
import type { TokenCipher } from "../security/token-cipher.js";
import { notInstalledError, tokenExpiredError, type TokenSource } from "../slack/token-source.js";
import { slackErrorCode } from "../slack/errors.js";

/** What Slack's oauth.v2.access answers for grant_type=refresh_token. */
export interface RefreshAnswer {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

/** Spends a refresh token (oauth.v2.access, grant_type=refresh_token). */
export type TokenRefresher = (refreshToken: string) => Promise<RefreshAnswer>;

/** A new installation as the OAuth flow produced it (tokens in clear, about to be sealed). */
export interface NewInstallation {
  teamId: string | null;
  teamName: string | null;
  enterpriseId: string | null;
  enterpriseName: string | null;
  isEnterpriseInstall: boolean;
  appId: string | null;
  botUserId: string | null;
  botId: string | null;
  botScopes: string[];
  botToken: string;
  botRefreshToken: string | null;
  /** When the bot token expires (token rotation), else null. */
  botTokenExpiresAt: Date | null;
  installerUserId: string | null;
}

/** The installation serving a workspace, with a bot token valid now. */
export interface ActiveInstallation {
  installationId: string;
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  appId: string | null;
  botToken: string;
  botUserId: string | null;
  botId: string | null;
  botScopes: string[];
  /** When botToken expires (token rotation), else null. */
  botTokenExpiresAt: Date | null;
}

export interface InstallationTokensOptions {
  /** Refresh a rotating token when it expires within this many ms. Default 2 h (Slack's tokens live 12 h). */
  refreshBeforeMs?: number;
  /** How long a resolved installation is reused in memory, in ms. Default 30 s. */
  cacheMs?: number;
  /** Clock (tests move it). Default Date.now. */
  now?: () => number;
}

const DEFAULT_REFRESH_BEFORE_MS = 2 * 3600_000;
const DEFAULT_CACHE_MS = 30_000;
const CACHE_LIMIT = 10_000;

/**
 * Per-workspace bot tokens in OAuth distribution mode: stored sealed (AES-256-GCM), opened on use,
 * refreshed before expiry when token rotation is on. Listeners (through Bolt's InstallationStore)
 * and workers (through TokenSource) both come here, so both get a fresh token the same way.
 *
 * Refresh safety: a refresh token is single-use. Within a process concurrent callers share one
 * refresh (in-flight map); across processes the row lock in withRefreshLock makes the second
 * process wait and then read the token the first one stored.
 */
export class InstallationTokens implements TokenSource {
  private readonly cache = new Map<string, { value: ActiveInstallation; until: number }>();
  private readonly lookups = new Map<string, Promise<ActiveInstallation | null>>();
  private generation = 0;
  private readonly refreshing = new Map<string, Promise<ActiveInstallation>>();
  private readonly refreshBeforeMs: number;
  private readonly cacheMs: number;
  private readonly now: () => number;

  constructor(
    private readonly repo: OAuthInstallationRepository,
    private readonly cipher: TokenCipher,
    private readonly refresher: TokenRefresher,
    private readonly log: Logger,
    options: InstallationTokensOptions = {},
  ) {
    this.refreshBeforeMs = options.refreshBeforeMs ?? DEFAULT_REFRESH_BEFORE_MS;
    this.cacheMs = options.cacheMs ?? DEFAULT_CACHE_MS;
    this.now = options.now ?? Date.now;
  }

  async botToken(teamId: string, enterpriseId?: string): Promise<string> {
    const active = await this.resolve(teamId, enterpriseId);
    if (!active) throw notInstalledError(teamId);
    return active.botToken;
  }

  /** The installation serving this workspace (or org), with a token valid now; null when none. */
  async resolve(teamId: string | undefined, enterpriseId: string | undefined): Promise<ActiveInstallation | null> {
    const key = `${teamId ?? ""}|${enterpriseId ?? ""}`;
    const cached = this.cache.get(key);
    if (cached && cached.until > this.now()) return cached.value;
    // Concurrent misses share one lookup: a slot's first posts of a workspace all ask at once.
    let pending = this.lookups.get(key);
    if (!pending) {
      const mine: Promise<ActiveInstallation | null> = this.lookup(key, teamId, enterpriseId).finally(() => {
        if (this.lookups.get(key) === mine) this.lookups.delete(key);
      });
      this.lookups.set(key, (pending = mine));
    }
    return pending;
  }

  private async lookup(key: string, teamId: string | undefined, enterpriseId: string | undefined): Promise<ActiveInstallation | null> {
    const generation = this.generation;
    const row = await this.repo.findForTeam(teamId, enterpriseId);
    if (!row) return null;
    const value = this.needsRefresh(row) ? await this.refreshOnce(row.id) : this.open(row);
    // Read before a store or revoke that happened meanwhile: answer this caller, keep nothing.
    if (generation === this.generation) this.remember(key, value);
    return value;
  }

  /** Forgets every cached installation and in-flight lookup (a store or revoke changed the rows). */
  private forgetAll(): void {
    this.generation += 1;
    this.cache.clear();
    this.lookups.clear();
  }

  /** Seals and stores a new installation (Bolt's InstallationStore.storeInstallation). */
  async store(inst: NewInstallation): Promise<void> {
    const id = inst.isEnterpriseInstall && inst.enterpriseId ? installationId.enterprise(inst.enterpriseId) : installationId.team(requireTeam(inst.teamId));
    const bot = this.cipher.seal(inst.botToken, fieldContext(id, "bot"));
    const refresh = inst.botRefreshToken ? this.cipher.seal(inst.botRefreshToken, fieldContext(id, "refresh")) : null;
    const row: InstallationWrite = {
      teamId: inst.isEnterpriseInstall ? null : inst.teamId,
      enterpriseId: inst.enterpriseId,
      isEnterpriseInstall: inst.isEnterpriseInstall,
      appId: inst.appId,
      botUserId: inst.botUserId,
      botId: inst.botId,
      botScopes: inst.botScopes,
      botTokenCiphertext: bot.ciphertext,
      botTokenKeyId: bot.keyId,
      botRefreshCiphertext: refresh?.ciphertext ?? null,
      botRefreshKeyId: refresh?.keyId ?? null,
      botTokenExpiresAt: inst.botTokenExpiresAt,
      installerUserId: inst.installerUserId,
      details: { teamName: inst.teamName, enterpriseName: inst.enterpriseName },
    };
    await this.repo.save(id, row, { teamId: inst.isEnterpriseInstall ? null : inst.teamId, name: inst.teamName });
    this.forgetAll();
    this.log.info({ installationId: id, orgWide: inst.isEnterpriseInstall, rotation: refresh !== null }, "installation stored");
  }

  /**
   * Deletes the tokens serving a workspace at once (app_uninstalled, tokens_revoked). An org-wide
   * uninstall (the event says is_enterprise_install) deletes the org's installation.
   */
  async revoke(teamId: string | undefined, enterpriseId: string | undefined, orgWide: boolean): Promise<number> {
    const ids: string[] = [];
    if (orgWide && enterpriseId) ids.push(installationId.enterprise(enterpriseId));
    else if (teamId) ids.push(installationId.team(teamId));
    const deleted = ids.length > 0 ? await this.repo.delete(ids) : 0;
    this.forgetAll();
    return deleted;
  }

  /**
   * Moves every row to the first key of TOKEN_ENCRYPTION_KEYS (`npm run tokens:reencrypt`). A row
   * refreshed meanwhile is left alone: its new ciphertext already uses the first key.
   */
  async reencryptAll(): Promise<{ rows: number; rewritten: number }> {
    let after: string | null = null;
    let rows = 0;
    let rewritten = 0;
    for (;;) {
      const page = await this.repo.page(after, 200);
      if (page.length === 0) break;
      for (const row of page) {
        rows += 1;
        after = row.id;
        const current = this.cipher.currentKeyId;
        if (row.botTokenKeyId === current && (row.botRefreshKeyId === null || row.botRefreshKeyId === current)) continue;
        const bot = this.cipher.seal(this.cipher.open({ keyId: row.botTokenKeyId, ciphertext: row.botTokenCiphertext }, fieldContext(row.id, "bot")), fieldContext(row.id, "bot"));
        const refresh =
          row.botRefreshCiphertext && row.botRefreshKeyId
            ? this.cipher.seal(this.cipher.open({ keyId: row.botRefreshKeyId, ciphertext: row.botRefreshCiphertext }, fieldContext(row.id, "refresh")), fieldContext(row.id, "refresh"))
            : null;
        const ok = await this.repo.replaceCiphertexts(
          row.id,
          { botTokenCiphertext: row.botTokenCiphertext, botRefreshCiphertext: row.botRefreshCiphertext },
          { botTokenCiphertext: bot.ciphertext, botTokenKeyId: bot.keyId, botRefreshCiphertext: refresh?.ciphertext ?? null, botRefreshKeyId: refresh?.keyId ?? null },
        );
        if (ok) rewritten += 1;
      }
    }
    return { rows, rewritten };
  }

  private needsRefresh(row: StoredInstallation): boolean {
    return row.botRefreshCiphertext !== null && row.botTokenExpiresAt !== null && row.botTokenExpiresAt.getTime() - this.now() < this.refreshBeforeMs;
  }

  /** One refresh per installation at a time in this process; the row lock covers other processes. */
  private refreshOnce(id: string): Promise<ActiveInstallation> {
    let pending = this.refreshing.get(id);
    if (!pending) {
      pending = this.refreshLocked(id).finally(() => this.refreshing.delete(id));
      this.refreshing.set(id, pending);
    }
    return pending;
  }

  private async refreshLocked(id: string): Promise<ActiveInstallation> {
    const result = await this.repo.withRefreshLock(id, async (row) => {
      // Another process refreshed while we waited for the lock: use what it stored.
      if (!this.needsRefresh(row)) return { tokens: null, result: this.open(row) };
      const refreshToken = this.cipher.open({ keyId: row.botRefreshKeyId!, ciphertext: row.botRefreshCiphertext! }, fieldContext(id, "refresh"));
      let answer: RefreshAnswer;
      try {
        answer = await this.refresher(refreshToken);
      } catch (error) {
        const code = slackErrorCode(error) ?? (error as Error).message;
        // Still valid for a while: keep using it; the next call tries again.
        if (row.botTokenExpiresAt && row.botTokenExpiresAt.getTime() > this.now()) {
          this.log.warn({ installationId: id, err: code }, "token refresh failed; the current token is still valid");
          return { tokens: null, result: this.open(row) };
        }
        this.log.error({ installationId: id, err: code }, "token refresh failed and the token has expired");
        throw tokenExpiredError();
      }
      const bot = this.cipher.seal(answer.access_token, fieldContext(id, "bot"));
      const refresh = this.cipher.seal(answer.refresh_token, fieldContext(id, "refresh"));
      const expiresAt = new Date(this.now() + answer.expires_in * 1000);
      this.log.info({ installationId: id, expiresAt: expiresAt.toISOString() }, "bot token refreshed");
      return {
        tokens: { botTokenCiphertext: bot.ciphertext, botTokenKeyId: bot.keyId, botRefreshCiphertext: refresh.ciphertext, botRefreshKeyId: refresh.keyId, botTokenExpiresAt: expiresAt },
        result: { ...this.open(row), botToken: answer.access_token, botTokenExpiresAt: expiresAt },
      };
    });
    if (!result) throw notInstalledError(undefined);
    return result;
  }

  private open(row: StoredInstallation): ActiveInstallation {
    return {
      installationId: row.id,
      teamId: row.teamId,
      enterpriseId: row.enterpriseId,
      isEnterpriseInstall: row.isEnterpriseInstall,
      appId: row.appId,
      botToken: this.cipher.open({ keyId: row.botTokenKeyId, ciphertext: row.botTokenCiphertext }, fieldContext(row.id, "bot")),
      botUserId: row.botUserId,
      botId: row.botId,
      botScopes: row.botScopes,
      botTokenExpiresAt: row.botTokenExpiresAt,
    };
  }

  private remember(key: string, value: ActiveInstallation): void {
    const expiresAt = value.botTokenExpiresAt;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    let until = this.now() + this.cacheMs;
    // Never serve a cached token past the moment it should be refreshed.
    if (expiresAt) until = Math.min(until, expiresAt.getTime() - this.refreshBeforeMs);
    this.cache.set(key, { value, until });
  }
}

/** Authenticated with each ciphertext: a token copied into another row or field does not open. */
function fieldContext(id: string, field: "bot" | "refresh"): string {
  return `installation:${id}:${field}`;
}

function requireTeam(teamId: string | null): string {
  if (!teamId) throw new Error("an installation that is not org-wide must name its workspace");
  return teamId;
}
