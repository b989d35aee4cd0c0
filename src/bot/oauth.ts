import type { HTTPReceiverOptions, InstallationStore } from "@slack/bolt";
import type { Config } from "../config/index.js";
import type { Logger } from "../logger.js";
import { normalizeApiUrl } from "../slack/web-client.js";
import { installedPage, installFailedPage, installFailureOf, installPage } from "./views/install-pages.js";

/**
 * Bot scopes requested at install, the same list as manifest.yml (which says why each is needed).
 * Kept minimal: Marketplace review asks for exactly what the app uses.
 */
export const BOT_SCOPES = [
  "commands",
  "chat:write",
  "chat:write.public",
  "channels:join",
  "channels:read",
  "channels:history",
  "groups:history",
  "im:history",
  "groups:read",
  "im:write",
  "reactions:read",
  "users:read",
  "usergroups:read",
  "dnd:read",
  "files:write",
];

export const INSTALL_PATH = "/slack/install";
export const REDIRECT_PATH = "/slack/oauth_redirect";

/**
 * The HTTP receiver's OAuth options: Bolt's own installer (@slack/oauth InstallProvider) with our
 * Postgres installation store, state verified (signed state + browser cookie), and our pages.
 * Every OAuth call (oauth.v2.access, auth.test) goes to SLACK_API_URL; the browser is sent to the
 * authorize page of the same Slack host (slack.com, slack-gov.com, or a test fake).
 */
export function oauthReceiverOptions(config: Config, installationStore: InstallationStore, logger: Logger): Partial<HTTPReceiverOptions> {
  const apiUrl = normalizeApiUrl(config.SLACK_API_URL);
  const log = logger.child({ component: "oauth" });
  const html = (res: { writeHead(status: number, headers: Record<string, string>): unknown; end(body: string): unknown }, status: number, body: string) => {
    res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(body);
  };
  return {
    clientId: config.SLACK_CLIENT_ID!,
    clientSecret: config.SLACK_CLIENT_SECRET!,
    stateSecret: config.SLACK_STATE_SECRET!,
    scopes: BOT_SCOPES,
    installationStore,
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      stateVerification: true,
      authorizationUrl: authorizeUrlFor(apiUrl),
      clientOptions: { slackApiUrl: apiUrl, retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2_000 }, timeout: 10_000 },
      renderHtmlForInstallPath: (url: string) => installPage(url),
      callbackOptions: {
        success: (installation, _options, _req, res) => {
          log.info({ teamId: installation.team?.id, enterpriseId: installation.enterprise?.id, orgWide: installation.isEnterpriseInstall === true }, "app installed");
          html(res, 200, installedPage({
            teamId: installation.team?.id ?? null,
            teamName: installation.team?.name ?? null,
            enterpriseName: installation.enterprise?.name ?? null,
            appId: installation.appId ?? null,
            orgWide: installation.isEnterpriseInstall === true,
          }));
        },
        failure: (error, _options, _req, res) => {
          const reason = installFailureOf(error.code, error.message);
          log.warn({ code: error.code, reason }, "installation failed");
          html(res, reason === "slack_error" ? 502 : 400, installFailedPage(reason));
        },
      },
    },
  };
}

/** https://slack.com/api/ → https://slack.com/oauth/v2/authorize (same host: GovSlack, fakes). */
export function authorizeUrlFor(apiUrl: string): string {
  const url = new URL(apiUrl);
  url.pathname = url.pathname.replace(/api\/?$/, "") + "oauth/v2/authorize";
  return url.toString();
}
