import { randomUUID } from "node:crypto";
import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Logger } from "../../logger.js";

/**
 * Gives each request a child logger carrying request id, team id and user id, so every line a
 * listener or service writes for this request can be correlated. Sets what AppContext
 * (../context.ts) promises every listener: `requestId` and `log`.
 */
export function requestContext(base: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ context, body, next }) => {
    const requestId = typeof context.requestId === "string" ? context.requestId : randomUUID();
    const { teamId, userId } = idsOf(body as unknown as Record<string, unknown>, context);
    context.requestId = requestId;
    // Lazily: most events (reactions at 1,000/s) never log, and a child logger is not free.
    let log: Logger | undefined;
    Object.defineProperty(context, "log", {
      configurable: true,
      enumerable: true,
      get: () => (log ??= base.child({ requestId, teamId, userId })),
    });
    await next();
  };
}

function idsOf(body: Record<string, unknown>, context: Record<string, unknown>): { teamId?: string; userId?: string } {
  const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
  const event = body.event as Record<string, unknown> | undefined;
  const user = body.user as Record<string, unknown> | undefined;
  const team = body.team as Record<string, unknown> | undefined;
  return {
    teamId: str(context.teamId) ?? str(body.team_id) ?? str(team?.id),
    userId: str(context.userId) ?? str(body.user_id) ?? str(user?.id) ?? str(event?.user),
  };
}
