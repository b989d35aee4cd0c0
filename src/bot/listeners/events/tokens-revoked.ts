import { type EventArgs } from "../../context.js";
import type { Services } from "../../../services/index.js";
import { installScopeOf } from "./install-scope.js";

/** tokens_revoked: only a revoked bot token stops the app (and deletes the stored tokens) for this workspace. */
export function tokensRevoked(services: Services): (args: EventArgs<"tokens_revoked">) => Promise<void> {
  return async ({ event, body, context }) => {
    const scope = installScopeOf(body, context);
    if (!scope.teamId && !scope.enterpriseId) return;
    const bot = (event as { tokens?: { bot?: unknown } }).tokens?.bot;
    const botTokens = Array.isArray(bot) ? bot.filter((t): t is string => typeof t === "string" && t.length > 0) : [];
    await services.inbox.run("tokens_revoked", { ...scope, botTokens });
  };
}
