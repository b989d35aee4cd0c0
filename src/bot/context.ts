import type {
  AllMiddlewareArgs,
  App,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackViewAction,
  SlackViewMiddlewareArgs,
} from "@slack/bolt";
import type { Logger } from "../logger.js";

/**
 * What our global middleware puts on Bolt's `context` for every listener (request-context.ts and
 * workspace-contact.ts), so listeners read `context.log` typed instead of casting.
 */
export interface AppContext {
  [key: string]: unknown;
  /** The request's id (Slack's retry header, else a fresh one), also on every log line. */
  requestId: string;
  /** Child logger carrying request, team and user ids. */
  log: Logger;
  /** Resolves once the Workspace row exists (see middleware/workspace-contact.ts). */
  workspaceReady?: Promise<void>;
}

/** The Bolt app as listeners see it. */
export type BotApp = App<AppContext>;

/** What a listener of each kind receives. */
export type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs<AppContext>;
export type ViewArgs = SlackViewMiddlewareArgs<SlackViewAction> & AllMiddlewareArgs<AppContext>;
export type EventArgs<E extends string> = SlackEventMiddlewareArgs<E> & AllMiddlewareArgs<AppContext>;

export type ButtonListener = (args: ButtonArgs) => Promise<void>;
export type ViewListener = (args: ViewArgs) => Promise<void>;

/**
 * The workspace a request comes from, one way for every listener: Bolt's `context.teamId` (from
 * the authorization, else from the payload: `team_id` for commands and events, `team.id` or the
 * user's team for actions and views), then the payload's own fields for the rare payload Bolt
 * could not place. Empty when none is known (services then find nothing and say so).
 */
export function teamIdOf(context: { teamId?: string | undefined }, body: unknown): string {
  const b = body as { team_id?: unknown; team?: { id?: unknown } | null; user?: { team_id?: unknown } };
  const candidates = [context.teamId, b.team?.id, b.team_id, b.user?.team_id];
  return (candidates.find((c) => typeof c === "string" && c.length > 0) as string | undefined) ?? "";
}
