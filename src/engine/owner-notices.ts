import type { WebClient } from "@slack/web-api";
import type { EngineScheduleRepository } from "./repositories/engine-schedules.js";
import { EN, type T } from "../i18n/index.js";
import type { Logger } from "../logger.js";
import type { ScheduleSync } from "../services/ports.js";
import type { TokenSource } from "../slack/token-source.js";
import { slackErrorText } from "../slack/errors.js";
import type { EnginePresenter } from "./ports.js";

type LanguageOf = (teamId: string, userId: string) => Promise<T>;

/** What SchedulePauser needs: one object, so call sites name every part. */
export interface PauserDeps {
  schedules: EngineScheduleRepository;
  sync: ScheduleSync;
  slack: WebClient;
  tokens: TokenSource;
  log: Logger;
  /** Renders the notice (Block Kit at the edge: src/bot/presenters/engine.ts). */
  presenter: Pick<EnginePresenter, "schedulePaused">;
  /** The owner's language for the notice (English when not wired, or when the look-up fails). Default: `async () => EN`. */
  languageOf?: LanguageOf;
}

/**
 * Stopping a schedule the engine cannot serve any more (its channel is gone, its person is
 * deactivated…): pause the row, drop its job scheduler, tell the owner once by DM.
 */
export class SchedulePauser {
  private readonly deps: PauserDeps & Required<Pick<PauserDeps, "languageOf">>;

  constructor(deps: PauserDeps) {
    this.deps = { ...deps, languageOf: deps.languageOf ?? (async () => EN) };
  }

  async pause(teamId: string, scheduleId: string, reason: string): Promise<void> {
    const paused = await this.deps.schedules.pause(scheduleId, reason);
    await this.deps.sync.scheduleChanged(teamId, scheduleId);
    if (paused) this.deps.log.warn({ teamId, scheduleId, reason }, "schedule paused");
    await this.tellOwnerOnce(teamId, scheduleId, reason);
  }

  async pauseChannel(teamId: string, channelId: string, reason: string): Promise<string[]> {
    const ids = await this.deps.schedules.pauseInChannel(teamId, channelId, reason);
    for (const id of ids) {
      await this.deps.sync.scheduleChanged(teamId, id);
      await this.tellOwnerOnce(teamId, id, reason);
    }
    return ids;
  }

  /** The token stopped working: nothing can be posted, so nobody can be told either. */
  async pauseWorkspace(teamId: string, reason: string): Promise<void> {
    const ids = await this.deps.schedules.pauseTeam(teamId, reason);
    for (const id of ids) await this.deps.sync.scheduleChanged(teamId, id);
    if (ids.length > 0) this.deps.log.error({ teamId, reason, schedules: ids.length }, "bot token rejected: every schedule of the workspace paused");
  }

  /** At most one DM per pause: ownerNotifiedAt is claimed before sending (a lost DM is not resent). */
  private async tellOwnerOnce(teamId: string, scheduleId: string, reason: string): Promise<void> {
    const owner = await this.deps.schedules.takeOwnerNotice(scheduleId);
    if (!owner) return;
    try {
      const t = await this.deps.languageOf(teamId, owner.ownerId).catch(() => EN);
      const message = this.deps.presenter.schedulePaused({ kind: owner.kind, channelId: owner.channelId, reason }, t);
      await this.deps.slack.chat.postMessage({ token: await this.deps.tokens.botToken(teamId), channel: owner.ownerId, ...message, unfurl_links: false });
    } catch (error) {
      this.deps.log.warn({ scheduleId, err: slackErrorText(error) }, "could not tell the schedule's owner");
    }
  }
}
