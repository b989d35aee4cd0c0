import { randomBytes } from "node:crypto";
import type { FakeSlack } from "./fake-slack.js";

/** Env that turns on OAuth distribution against the fake (its client id and secret, a fresh key). */
export function oauthEnv(fake: FakeSlack): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: "",
    SLACK_CLIENT_ID: fake.clientId,
    SLACK_CLIENT_SECRET: fake.clientSecret,
    SLACK_STATE_SECRET: "state-secret-for-tests-0123456789",
    TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`,
  };
}

/**
 * A browser's round trip through the real OAuth flow: GET /slack/install (state cookie), Slack's
 * approval (the fake's authorizeCode), then GET /slack/oauth_redirect with the code and state.
 */
export async function installThroughOAuth(
  appUrl: string,
  fake: FakeSlack,
  teamId: string,
  options: Parameters<FakeSlack["authorizeCode"]>[1] = {},
): Promise<{ status: number; html: string }> {
  const page = await fetch(`${appUrl}/slack/install`);
  if (page.status !== 200) throw new Error(`GET /slack/install answered ${page.status}`);
  const cookie = page.headers.get("set-cookie")!.split(";")[0]!;
  const href = /href="([^"]*oauth\/v2\/authorize[^"]*)"/.exec(await page.text())![1]!.replaceAll("&amp;", "&");
  const state = new URL(href).searchParams.get("state")!;
  const code = fake.authorizeCode(teamId, options);
  const res = await fetch(`${appUrl}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`, { headers: { cookie } });
  return { status: res.status, html: await res.text() };
}
