import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../src/db/client.js";
import { OAuthInstallationRepository } from "../../src/db/repositories/oauth-installations.js";
import { createLogger } from "../../src/logger.js";
import { TokenCipher } from "../../src/security/token-cipher.js";
import { InstallationTokens, type NewInstallation, type RefreshAnswer } from "../../src/services/installation-tokens.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";

const log = createLogger("silent");
const HOUR = 3600_000;

function installation(teamId: string, over: Partial<NewInstallation> = {}): NewInstallation {
  return {
    teamId,
    teamName: `Team ${teamId}`,
    enterpriseId: null,
    enterpriseName: null,
    isEnterpriseInstall: false,
    appId: "A0APP",
    botUserId: "U0BOT",
    botId: "B0BOT",
    botScopes: ["chat:write"],
    botToken: `xoxb-${teamId}-first`,
    botRefreshToken: null,
    botTokenExpiresAt: null,
    installerUserId: "U0INSTALL",
    ...over,
  };
}

/** A Slack token endpoint: each refresh token works once, a little slowly (so callers overlap). */
class RefreshEndpoint {
  spent = new Set<string>();
  calls = 0;
  private next = 0;
  readonly refresh = async (refreshToken: string): Promise<RefreshAnswer> => {
    this.calls += 1;
    await new Promise((r) => setTimeout(r, 150));
    if (this.spent.has(refreshToken)) throw Object.assign(new Error("invalid_refresh_token"), { data: { error: "invalid_refresh_token" } });
    this.spent.add(refreshToken);
    this.next += 1;
    return { access_token: `xoxb-rotated-${this.next}`, refresh_token: `xoxe-rotated-${this.next}`, expires_in: 12 * 3600 };
  };
}

describe("InstallationTokens: sealed per-workspace tokens, rotation under a row lock", () => {
  let database: TestDatabase;
  /** A second pool on the same database: another process, as far as Postgres can tell. */
  let otherDb: Db;
  const k1 = { id: "k1", key: randomBytes(32) };
  const k2 = { id: "k2", key: randomBytes(32) };

  beforeAll(async () => {
    database = await createTestDatabase("install_tokens");
    otherDb = createDb(database.url, 5);
  });
  afterAll(async () => {
    await otherDb?.$disconnect();
    await database?.drop();
  });
  beforeEach(() => database.truncate());

  const tokensOn = (db: Db, endpoint: RefreshEndpoint, keys = [k1], now?: () => number) =>
    new InstallationTokens(new OAuthInstallationRepository(db), new TokenCipher(keys), endpoint.refresh, log, { cacheMs: 0, ...(now ? { now } : {}) });

  it("stores tokens sealed and gives them back per workspace, or an installation of the workspace's org", async () => {
    const tokens = tokensOn(database.db, new RefreshEndpoint());
    await tokens.store(installation("T1"));
    await tokens.store(installation("T2", { botToken: "xoxb-T2-own" }));
    await tokens.store(installation("T9", { teamId: null, enterpriseId: "E1", isEnterpriseInstall: true, botToken: "xoxb-org-E1" }));
    expect(await tokens.botToken("T1")).toBe("xoxb-T1-first");
    expect(await tokens.botToken("T2")).toBe("xoxb-T2-own");
    // A workspace of the org, known by the org id from the request or from its workspace row.
    expect(await tokens.botToken("T5", "E1")).toBe("xoxb-org-E1");
    await database.db.workspace.create({ data: { teamId: "T6", enterpriseId: "E1" } });
    expect(await tokens.botToken("T6")).toBe("xoxb-org-E1");
    await expect(tokens.botToken("T404")).rejects.toMatchObject({ data: { error: "not_installed" } });
    const rows = await database.db.$queryRaw<Array<{ row: string }>>`SELECT row_to_json(i)::text AS row FROM "Installation" i`;
    expect(rows.map((r) => r.row).join()).not.toMatch(/xoxb-/);
  });

  it("an expiring token is refreshed once, however many callers in however many processes ask at the same time", async () => {
    const endpoint = new RefreshEndpoint();
    const a = tokensOn(database.db, endpoint);
    const b = tokensOn(otherDb, endpoint);
    await a.store(installation("T1", { botRefreshToken: "xoxe-first", botTokenExpiresAt: new Date(Date.now() + 30 * 60_000) }));
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).botToken("T1")));
    expect(endpoint.calls).toBe(1);
    expect(new Set(answers)).toEqual(new Set(["xoxb-rotated-1"]));
    const row = await database.db.installation.findUniqueOrThrow({ where: { id: "T:T1" } });
    expect(row.botTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 11 * HOUR);
    expect(row.botRefreshCiphertext).not.toContain("xoxe");
  });

  it("refreshes again only when the new token nears its expiry (injected clock)", async () => {
    const endpoint = new RefreshEndpoint();
    let now = Date.now();
    const tokens = tokensOn(database.db, endpoint, [k1], () => now);
    await tokens.store(installation("T1", { botRefreshToken: "xoxe-first", botTokenExpiresAt: new Date(now + 12 * HOUR) }));
    expect(await tokens.botToken("T1")).toBe("xoxb-T1-first");
    now += 9 * HOUR; // 3 h left: still outside the 2 h window
    expect(await tokens.botToken("T1")).toBe("xoxb-T1-first");
    now += 90 * 60_000; // 1.5 h left
    expect(await tokens.botToken("T1")).toBe("xoxb-rotated-1");
    expect(endpoint.calls).toBe(1);
  });

  it("a failed refresh keeps using a token that is still valid, and reports an expired one as token_expired", async () => {
    let now = Date.now();
    const failing = async (): Promise<RefreshAnswer> => {
      throw Object.assign(new Error("An API error occurred: invalid_refresh_token"), { data: { error: "invalid_refresh_token" } });
    };
    const tokens = new InstallationTokens(new OAuthInstallationRepository(database.db), new TokenCipher([k1]), failing, log, { cacheMs: 0, now: () => now });
    await tokens.store(installation("T1", { botRefreshToken: "xoxe-x", botTokenExpiresAt: new Date(now + HOUR) }));
    expect(await tokens.botToken("T1")).toBe("xoxb-T1-first");
    now += 2 * HOUR;
    await expect(tokens.botToken("T1")).rejects.toMatchObject({ data: { error: "token_expired" } });
  });

  it("revoke deletes a workspace's tokens, or an org's, at once", async () => {
    const tokens = tokensOn(database.db, new RefreshEndpoint());
    await tokens.store(installation("T1"));
    await tokens.store(installation("T9", { teamId: null, enterpriseId: "E1", isEnterpriseInstall: true }));
    expect(await tokens.revoke("T1", undefined, false)).toBe(1);
    await expect(tokens.botToken("T1")).rejects.toMatchObject({ data: { error: "not_installed" } });
    expect(await tokens.revoke("E1", "E1", true)).toBe(1);
    expect(await database.db.installation.count()).toBe(0);
  });

  it("concurrent callers share one read of a workspace's row; a revoke while it is on its way leaves nothing cached", async () => {
    const repo = new OAuthInstallationRepository(database.db);
    let reads = 0;
    let holdNext: Promise<void> | undefined;
    const findForTeam = repo.findForTeam.bind(repo);
    repo.findForTeam = async (teamId, enterpriseId) => {
      reads += 1;
      const row = await findForTeam(teamId, enterpriseId);
      if (holdNext) await holdNext;
      return row;
    };
    const tokens = new InstallationTokens(repo, new TokenCipher([k1]), new RefreshEndpoint().refresh, log, { cacheMs: 60_000 });
    await tokens.store(installation("T1"));
    expect(await Promise.all(Array.from({ length: 20 }, () => tokens.botToken("T1")))).toEqual(Array(20).fill("xoxb-T1-first"));
    expect(reads).toBe(1);

    // A read that started before the uninstall answers its caller, but is not kept.
    await tokens.store(installation("T2"));
    reads = 0;
    let release!: () => void;
    holdNext = new Promise((r) => (release = r));
    const before = tokens.botToken("T2");
    await new Promise((r) => setTimeout(r, 50));
    await tokens.revoke("T2", undefined, false);
    holdNext = undefined;
    release();
    expect(await before).toBe("xoxb-T2-first");
    await expect(tokens.botToken("T2")).rejects.toMatchObject({ data: { error: "not_installed" } });
    expect(reads).toBe(2);
  });

  it("reencryptAll moves every row to the first key; the old key can then be dropped", async () => {
    const old = tokensOn(database.db, new RefreshEndpoint(), [k1]);
    await old.store(installation("T1", { botRefreshToken: "xoxe-r1", botTokenExpiresAt: new Date(Date.now() + 12 * HOUR) }));
    await old.store(installation("T2"));
    const rotated = tokensOn(database.db, new RefreshEndpoint(), [k2, k1]);
    expect(await rotated.reencryptAll()).toEqual({ rows: 2, rewritten: 2 });
    expect(await rotated.reencryptAll()).toEqual({ rows: 2, rewritten: 0 });
    const rows = await database.db.installation.findMany();
    expect(rows.every((r) => r.botTokenKeyId === "k2" && (r.botRefreshKeyId === null || r.botRefreshKeyId === "k2"))).toBe(true);
    const onlyNew = tokensOn(database.db, new RefreshEndpoint(), [k2]);
    expect(await onlyNew.botToken("T1")).toBe("xoxb-T1-first");
    expect(await onlyNew.botToken("T2")).toBe("xoxb-T2-first");
  });
});
