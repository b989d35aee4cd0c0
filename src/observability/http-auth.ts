import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

/**
 * Equal strings, in time that does not depend on where they differ (or on their lengths: both
 * sides are hashed to 32 bytes first, since timingSafeEqual needs equal lengths).
 */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}

/** `Authorization: Bearer <token>` matches `token`. */
export function bearerMatches(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? "";
  const given = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
  return secretsEqual(given, token);
}

/** `Authorization: Basic …` carries this user and password. Both are always compared. */
export function basicMatches(req: IncomingMessage, username: string, password: string): boolean {
  const header = req.headers.authorization ?? "";
  const decoded = header.startsWith("Basic ") ? Buffer.from(header.slice(6).trim(), "base64").toString("utf8") : "";
  const colon = decoded.indexOf(":");
  const user = colon >= 0 ? decoded.slice(0, colon) : "";
  const pass = colon >= 0 ? decoded.slice(colon + 1) : "";
  // Non-short-circuiting: a wrong user takes as long as a wrong password.
  const userOk = secretsEqual(user, username);
  const passOk = secretsEqual(pass, password);
  return userOk && passOk;
}
