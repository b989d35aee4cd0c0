import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { BotApp } from "../context.js";
import type { Services } from "../../services/index.js";

/** Set on `context` by {@link recordWorkspaceContact}: resolves once the Workspace row exists. */
export const WORKSPACE_READY = "workspaceReady";

/**
 * Records the workspace on contact (the Workspace row that Member and Schedule rows hang off)
 * without holding up the acknowledgement. Slack allows 3 s to ack a command, button or modal;
 * a team's first request after a start-up used to wait for this write (and, on a loaded machine
 * or a slow database, for the first query's set-up) before its listener could even ack: Slack
 * then showed an error and the receiver answered 404. Now the write starts here and
 * {@link ackBeforeWorkspace} makes each listener wait for it right after its ack, before any
 * work that stores rows. Events are acked by Bolt before any middleware, so they simply wait.
 */
export function recordWorkspaceContact(services: Pick<Services, "workspaces">): Middleware<AnyMiddlewareArgs> {
  return async ({ context, body, next }) => {
    // Lifecycle events come from a workspace that is leaving: they must not count as contact.
    const eventType = (body as { event?: { type?: string } }).event?.type;
    if (eventType === "app_uninstalled" || eventType === "tokens_revoked") return next();
    // ensure() logs and swallows its own failures (as before: a request is never refused for it).
    const ready = services.workspaces.ensure(context.teamId, context.enterpriseId);
    if (eventType !== undefined) await ready;
    else context[WORKSPACE_READY] = ready;
    await next();
  };
}

type Ack = (response?: never) => Promise<void>;
/** Listeners that ack first and work after: their ack is followed by the wait. */
const ACK_FIRST = new Set(["command", "action", "shortcut"]);
/**
 * Modal submissions and options answers do their work (validate, save) before acking with the
 * result, so they wait before they start. They follow an earlier contact that opened the modal,
 * so the row is there and the wait is a cache hit in practice.
 */
const WORK_FIRST = new Set(["view", "options"]);

/**
 * The app as listeners register on it, with every command / action / shortcut listener's `ack`
 * followed by the wait for the workspace row (see recordWorkspaceContact): the ack goes out at
 * once, the listener's work after it finds the row in place.
 */
export function ackBeforeWorkspace(app: BotApp): BotApp {
  return new Proxy(app, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== "string" || !(ACK_FIRST.has(prop) || WORK_FIRST.has(prop)) || typeof value !== "function") return value;
      const ackFirst = ACK_FIRST.has(prop);
      return (...args: unknown[]) => {
        const last = args.length - 1;
        const listener = args[last];
        if (typeof listener === "function") {
          args[last] = (listenerArgs: { ack?: Ack; context: Record<string, unknown> }) => {
            const { ack } = listenerArgs;
            const ready = listenerArgs.context[WORKSPACE_READY] as Promise<void> | undefined;
            if (!ack) return listener(listenerArgs);
            if (!ackFirst) return (ready ?? Promise.resolve()).then(() => listener(listenerArgs));
            const waitingAck: Ack = async (response) => {
              await ack(response);
              await ready;
            };
            return listener({ ...listenerArgs, ack: waitingAck });
          };
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
