import type { App } from "@slack/bolt";
import type { Services } from "../../../services/index.js";
import { installScopeOf } from "./install-scope.js";

/** tokens_revoked: only a revoked bot token stops the app (and deletes the stored tokens) for this workspace. */
export function registerTokensRevoked(app: App, services: Services): void {
  app.event("tokens_revoked", async ({ event, body, context }) => {
    const scope = installScopeOf(body, context);
    if (!scope.teamId && !scope.enterpriseId) return;
    const bot = (event as { tokens?: { bot?: unknown } }).tokens?.bot;
    const botTokens = Array.isArray(bot) ? bot.filter((t): t is string => typeof t === "string" && t.length > 0) : [];
    await services.inbox.run("tokens_revoked", { ...scope, botTokens });
  });
}
