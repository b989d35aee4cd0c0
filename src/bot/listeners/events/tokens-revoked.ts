import type { App } from "@slack/bolt";
import type { Services } from "../../../services/index.js";

/** tokens_revoked: only a revoked bot token stops the app for this workspace. */
export function registerTokensRevoked(app: App, services: Services): void {
  app.event("tokens_revoked", async ({ event, body, context }) => {
    const teamId = body.team_id || context.teamId;
    if (!teamId) return;
    const bot = (event as { tokens?: { bot?: unknown } }).tokens?.bot;
    const botTokens = Array.isArray(bot) ? bot.filter((t): t is string => typeof t === "string" && t.length > 0) : [];
    await services.inbox.run("tokens_revoked", { teamId, botTokens });
  });
}
