import type { DndStatus } from "../domain/availability.js";
import type { Logger } from "../logger.js";
import type { TokenSource } from "../slack/token-source.js";
import { systemClock, type Clock } from "../time/clock.js";
import type { DndCache } from "./dnd-cache.js";
import type { PromptPoster } from "./delivery.js";
import type { WorkspaceRateLimiter } from "./workspace-rate-limiter.js";

/** dnd.teamInfo takes up to 50 users per call. */
export const DND_BATCH = 50;

export interface DndLookupsDeps {
  poster: Pick<PromptPoster, "dndTeamInfo">;
  tokens: TokenSource;
  cache: Pick<DndCache, "remember">;
  limiter: Pick<WorkspaceRateLimiter, "reserve">;
  log: Logger;
  /** Default: the system clock. */
  clock?: Clock;
}

/**
 * Asking Slack for people's Do Not Disturb (dnd.teamInfo, 50 people a call) and storing the
 * answers, for the deliveries (which batch their own look-ups and pace them: delivery.ts) and for
 * fan-outs ahead of a slot (`prefetch`).
 */
export class DndLookups {
  private readonly deps: DndLookupsDeps & Required<Pick<DndLookupsDeps, "clock">>;

  constructor(deps: DndLookupsDeps) {
    this.deps = { ...deps, clock: deps.clock ?? systemClock };
  }

  /**
   * One dnd.teamInfo call (up to 50 people; the caller has taken its slot of the tier), its answers
   * stored as of when it was asked, so a dnd_updated_user event received meanwhile stays newer. A
   * failed call throws; failing to store is only logged (the answers are still returned).
   */
  async ask(teamId: string, users: string[]): Promise<Record<string, DndStatus>> {
    const askedAt = this.deps.clock.now();
    const byUser = await this.deps.poster.dndTeamInfo(users, await this.deps.tokens.botToken(teamId));
    const answers = users.filter((u) => byUser[u]).map((u) => ({ teamId, userId: u, status: byUser[u]! }));
    await this.deps.cache.remember(answers, askedAt).catch((error: unknown) => this.deps.log.warn({ teamId, err: String(error) }, "could not store DND answers"));
    return byUser;
  }

  /**
   * A slot's people's DND, asked during the minute before it (the fan-out runs a lead ahead), so
   * the slot's deliveries read stored answers at their claim instead of asking Slack in the slot
   * minute. Why: 200 small workspaces sharing a minute made 200 dnd.teamInfo calls and stored
   * 10,000 answers while their prompts were due (bench:multitenant). Only within the workspace's
   * dnd.teamInfo tier, and only an optimisation: a call the tier refuses, or that fails, leaves
   * those people to their deliveries, which ask as before. Returns how many answers were stored.
   */
  async prefetch(teamId: string, userIds: string[]): Promise<number> {
    const users = [...new Set(userIds)];
    let stored = 0;
    for (let i = 0; i < users.length; i += DND_BATCH) {
      const chunk = users.slice(i, i + DND_BATCH);
      try {
        if ((await this.deps.limiter.reserve(teamId, "dnd.teamInfo")) > 0) break;
        const byUser = await this.ask(teamId, chunk);
        stored += chunk.filter((u) => byUser[u]).length;
      } catch (error) {
        this.deps.log.warn({ teamId, err: String(error) }, "could not look up DND ahead of a slot; its deliveries will ask");
        break;
      }
    }
    return stored;
  }
}
