import { createHmac, timingSafeEqual } from "node:crypto";

/** Which chart a link shows, for whom. */
export interface ChartClaim {
  kind: "participation" | "heatmap";
  teamId: string;
  userId: string;
  /** Expiry, Unix seconds. */
  exp: number;
}

export type ChartLinkCheck = { ok: true; claim: ChartClaim } | { ok: false; reason: "malformed" | "bad_signature" | "expired" };

const KINDS = new Set(["participation", "heatmap"]);

/**
 * Signed, expiring chart URLs for App Home image blocks: `<PUBLIC_URL>/charts/<claim>.<sig>.png`.
 * Slack's image proxy fetches them without any Slack credentials, so the URL itself is the only
 * permission: the HMAC-SHA256 covers kind, workspace, person and expiry (change any and the
 * signature fails), and the route renders exactly that workspace's data for that person.
 * The key is derived from a server secret (SLACK_SIGNING_SECRET), never the secret itself.
 */
export class ChartLinks {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly baseUrl: string,
    private readonly ttlSeconds: number,
    /** Injected clock (ms), for expiry. Default Date.now. */
    private readonly now: () => number = Date.now,
  ) {
    this.key = createHmac("sha256", secret).update("stretch-break chart links v1").digest();
  }

  url(kind: ChartClaim["kind"], teamId: string, userId: string): string {
    const claim: ChartClaim = { kind, teamId, userId, exp: Math.floor(this.now() / 1000) + this.ttlSeconds };
    const payload = Buffer.from(JSON.stringify(claim)).toString("base64url");
    return `${this.baseUrl.replace(/\/+$/, "")}/charts/${payload}.${this.sign(payload)}.png`;
  }

  /** The `<claim>.<sig>.png` part of a path. */
  check(token: string): ChartLinkCheck {
    const match = /^([A-Za-z0-9_-]{1,600})\.([A-Za-z0-9_-]{43})\.png$/.exec(token);
    if (!match) return { ok: false, reason: "malformed" };
    const [, payload, signature] = match as unknown as [string, string, string];
    const expected = Buffer.from(this.sign(payload), "base64url");
    const given = Buffer.from(signature, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad_signature" };
    let claim: ChartClaim;
    try {
      claim = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as ChartClaim;
    } catch {
      return { ok: false, reason: "malformed" };
    }
    if (!KINDS.has(claim.kind) || typeof claim.teamId !== "string" || typeof claim.userId !== "string" || typeof claim.exp !== "number") return { ok: false, reason: "malformed" };
    if (claim.exp * 1000 <= this.now()) return { ok: false, reason: "expired" };
    return { ok: true, claim };
  }

  private sign(payload: string): string {
    return createHmac("sha256", this.key).update(payload).digest("base64url");
  }
}
