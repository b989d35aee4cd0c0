import type { WebClient } from "@slack/web-api";
import type { TokenSource } from "../slack/token-source.js";
import type { ManagerRepository } from "../db/repositories/managers.js";
import { digestDecision } from "../domain/digest.js";
import { weekStarts } from "../domain/report-period.js";
import { EN, type T } from "../i18n/index.js";
import type { Logger } from "../logger.js";
import { CHART_WEEKS, type ChartService } from "./chart-service.js";
import type { Notices } from "./notices.js";
import type { ReportService } from "./report-service.js";
import { slackErrorText } from "../slack/errors.js";
import { addDays } from "../time/zones.js";
import { systemClock, type Clock } from "../time/clock.js";

/** Weeks in the digest's trend: last week and the three before. */
export const DIGEST_TREND_WEEKS = 4;

export interface DigestRun {
  due: number;
  sent: number;
  /** Due but nothing to report (no prompts last week): marked done, not sent. */
  empty: number;
  failed: number;
}

/**
 * Monday 09:00 digests: every manager whose local time says it is due gets last week's
 * participation of their teams, once per week (DigestSent claim, released again if Slack fails).
 */
export class DigestService {
  private languageOf: (teamId: string, userId: string) => Promise<T> = () => Promise.resolve(EN);

  /** Each manager's language (their choice, Slack locale, workspace default); English until set. */
  useLanguages(languageOf: (teamId: string, userId: string) => Promise<T>): void {
    this.languageOf = languageOf;
  }

  constructor(
    private readonly managers: ManagerRepository,
    private readonly reports: ReportService,
    private readonly slack: WebClient,
    private readonly tokens: TokenSource,
    private readonly notices: Pick<Notices, "weeklyDigest">,
    private readonly log: Logger,
    /** Adds the 8-week participation chart under the digest. Default none. */
    private readonly charts?: ChartService,
    /** "Now" of the product (the composition root's one clock; tests and the demo set it). */
    private readonly clock: Clock = systemClock,
  ) {}

  async sendDueDigests(now = this.clock.now()): Promise<DigestRun> {
    const run: DigestRun = { due: 0, sent: 0, empty: 0, failed: 0 };
    for (const manager of await this.managers.listAllActive()) {
      const decision = digestDecision(now, manager.tz);
      if (!decision.due) continue;
      run.due += 1;
      const { teamId, userId } = manager;
      if (!(await this.managers.claimDigest(teamId, userId, decision.weekStart))) continue;
      try {
        const weeks = weekStarts(addDays(decision.weekStart, 6), DIGEST_TREND_WEEKS);
        const { scope, report } = await this.reports.myTeams(teamId, userId, weeks, now);
        if (report.total.size === 0) {
          run.empty += 1;
          continue;
        }
        const token = await this.tokens.botToken(teamId);
        const dm = await this.slack.conversations.open({ token, users: userId });
        if (!dm.channel?.id) throw new Error("conversations.open returned no channel");
        const t = await this.languageOf(teamId, userId);
        const message = this.notices.weeklyDigest({ weekStart: decision.weekStart, scope, report, t });
        await this.slack.chat.postMessage({ token, channel: dm.channel.id, ...message, unfurl_links: false });
        run.sent += 1;
        await this.sendChart(teamId, userId, decision.weekStart, now, t);
      } catch (error) {
        run.failed += 1;
        await this.managers.releaseDigest(teamId, userId, decision.weekStart).catch(() => undefined);
        this.log.warn({ teamId, userId, err: slackErrorText(error) }, "weekly digest failed; will retry");
      }
    }
    if (run.due > 0) this.log.info(run, "weekly digests");
    return run;
  }

  /** The chart follows the text; the digest counts as sent either way (the text has the figures). */
  private async sendChart(teamId: string, userId: string, weekStart: string, now: Date, t: T): Promise<void> {
    if (!this.charts) return;
    try {
      const chart = await this.charts.myTeamsParticipation(teamId, userId, weekStarts(addDays(weekStart, 6), CHART_WEEKS.default), now);
      if (chart) await this.charts.sendToDm(teamId, userId, chart, t("digest.chartComment", { count: CHART_WEEKS.default }));
    } catch (error) {
      this.log.warn({ teamId, userId, err: String(error) }, "digest chart not sent");
    }
  }
}
