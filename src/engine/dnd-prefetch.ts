import type { DndStatus } from "../domain/availability.js";
import type { Logger } from "../logger.js";
import type { TokenSource } from "../slack/token-source.js";
import { systemClock, type Clock } from "../time/clock.js";
import type { DndCache } from "./dnd-cache.js";
import type { PromptPoster } from "./delivery.js";
import type { WorkspaceRateLimiter } from "./workspace-rate-limiter.js";

/** dnd.teamInfo takes up to 50 users per call. */
const DND_BATCH = 50;

export interface DndPrefetchDeps {
  poster: Pick<PromptPoster, "dndTeamInfo">;
  tokens: TokenSource;
  cache: Pick<DndCache, "remember">;
  limiter: Pick<WorkspaceRateLimiter, "reserve">;
  log: Logger;
  /** Default: the system clock. */
  clock?: Clock;
}

/**
 * Asks Slack for the DND of a slot's people during the minute before it (the fan-out runs a lead
 * ahead), and stores the answers, so the slot's deliveries read them at their claim instead of
 * asking Slack in the slot minute. Why: 200 small workspaces sharing a minute made 200 dnd.teamInfo
 * calls and stored 10,000 answers while their prompts were due (bench:multitenant).
 * Only within the workspace's dnd.teamInfo tier, and only an optimisation: a call the tier refuses,
 * or that fails, leaves those people to their deliveries, which ask as before.
 */
export class DndPrefetch {
  private readonly deps: DndPrefetchDeps & Required<Pick<DndPrefetchDeps, "clock">>;

  constructor(deps: DndPrefetchDeps) {
    this.deps = { ...deps, clock: deps.clock ?? systemClock };
  }

  /** Returns how many people's answers were stored. */
  async prefetch(teamId: string, userIds: string[]): Promise<number> {
    const users = [...new Set(userIds)];
    let stored = 0;
    for (let i = 0; i < users.length; i += DND_BATCH) {
      const chunk = users.slice(i, i + DND_BATCH);
      try {
        if ((await this.deps.limiter.reserve(teamId, "dnd.teamInfo")) > 0) break;
        // Stored as of when we asked: a dnd_updated_user event received meanwhile stays newer.
        const askedAt = this.deps.clock.now();
        const byUser: Record<string, DndStatus> = await this.deps.poster.dndTeamInfo(chunk, await this.deps.tokens.botToken(teamId));
        const answers = chunk.filter((u) => byUser[u]).map((u) => ({ teamId, userId: u, status: byUser[u]! }));
        await this.deps.cache.remember(answers, askedAt);
        stored += answers.length;
      } catch (error) {
        this.deps.log.warn({ teamId, err: String(error) }, "could not look up DND ahead of a slot; its deliveries will ask");
        break;
      }
    }
    return stored;
  }
}
