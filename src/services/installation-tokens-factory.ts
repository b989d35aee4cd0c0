import type { WebClient } from "@slack/web-api";
import type { Config } from "../config/index.js";
import type { Db } from "../db/client.js";
import { OAuthInstallationRepository } from "../db/repositories/oauth-installations.js";
import type { Logger } from "../logger.js";
import { parseEncryptionKeys, TokenCipher } from "../security/token-cipher.js";
import { createWebClient } from "../slack/web-client.js";
import { InstallationTokens, type InstallationTokensOptions } from "./installation-tokens.js";

/**
 * InstallationTokens for OAuth mode (src/app.ts, `npm run tokens:reencrypt`). Refreshes spend the
 * refresh token with oauth.v2.access at SLACK_API_URL.
 */
/** `oauthClient`: src/slack/clients.ts builds it with the app's other clients; tools let it be made here. */
export function createInstallationTokens(config: Config, db: Db, logger: Logger, options: InstallationTokensOptions = {}, oauthClient?: WebClient): InstallationTokens {
  if (!config.SLACK_CLIENT_ID || !config.SLACK_CLIENT_SECRET || !config.TOKEN_ENCRYPTION_KEYS) {
    throw new Error("OAuth mode needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and TOKEN_ENCRYPTION_KEYS");
  }
  const { keys } = parseEncryptionKeys(config.TOKEN_ENCRYPTION_KEYS);
  const log = logger.child({ component: "installations" });
  // No retries: a refresh that timed out may have been spent; the next call reads the row again.
  const oauth = oauthClient ?? createWebClient(undefined, { slackApiUrl: config.SLACK_API_URL, retries: 0, logger: log });
  const clientId = config.SLACK_CLIENT_ID;
  const clientSecret = config.SLACK_CLIENT_SECRET;
  return new InstallationTokens(
    new OAuthInstallationRepository(db),
    new TokenCipher(keys),
    async (refreshToken) => {
      const res = await oauth.oauth.v2.access({ client_id: clientId, client_secret: clientSecret, grant_type: "refresh_token", refresh_token: refreshToken });
      if (!res.access_token || !res.refresh_token || typeof res.expires_in !== "number") throw new Error("oauth.v2.access answered without a rotated token");
      return { access_token: res.access_token, refresh_token: res.refresh_token, expires_in: res.expires_in };
    },
    log,
    options,
  );
}
