import type { TokenSource } from "../slack/token-source.js";
import type { WebClient } from "@slack/web-api";
import type { TopLevelSpec } from "vega-lite";
import type { ChartLinks, ChartClaim } from "../charts/links.js";
import type { PngRenderer } from "../charts/render.js";
import { heatmapSpec, participationSpec } from "../charts/specs.js";
import { chartWords } from "../charts/words.js";
import { EN, type T } from "../i18n/index.js";
import type { CompletionDayRepository } from "../db/repositories/completion-days.js";
import { HEATMAP_WEEKS, heatmapData, participationChartData } from "../domain/chart-data.js";
import { mondayOf, weekStarts } from "../domain/report-period.js";
import type { ParticipationReport } from "../domain/report.js";
import type { Target } from "../domain/report-args.js";
import type { Logger } from "../logger.js";
import type { ManagerService } from "./manager-service.js";
import type { MemberService } from "./member-service.js";
import type { ReportService } from "./report-service.js";
import { addDays, localDate } from "../time/zones.js";
import { systemClock, type Clock } from "../time/clock.js";

/** Weeks in the managers' participation chart: 8 by default, never fewer, never more than 12. */
export const CHART_WEEKS = { min: 8, default: 8, max: 12 } as const;

/** A rendered chart with everything Slack needs to show it. */
export interface Chart {
  png: Buffer;
  width: number;
  height: number;
  /** States the numbers the chart shows (Slack's image alt_text). */
  altText: string;
  title: string;
  filename: string;
}

/** An image Slack can fetch (App Home), with its alt text. */
export interface ChartImage {
  url: string;
  altText: string;
}

/**
 * Charts for managers (weekly participation per team) and people (a 12-week calendar of their
 * completions), rendered on the server to PNG (src/charts). Sent as files (report, digest,
 * `/stretch stats chart`), or linked from App Home at a signed URL when PUBLIC_URL is set.
 */
export class ChartService {
  private languageOf: (teamId: string, userId: string) => Promise<T> = () => Promise.resolve(EN);

  /** Charts speak the viewer's language (titles, axes, alt text); English until this is set. */
  useLanguages(languageOf: (teamId: string, userId: string) => Promise<T>): void {
    this.languageOf = languageOf;
  }

  constructor(
    private readonly reports: ReportService,
    private readonly managers: ManagerService,
    private readonly members: MemberService,
    private readonly days: CompletionDayRepository,
    private readonly slack: WebClient,
    private readonly tokens: TokenSource,
    /** The app draws in a worker thread (ThreadedChartRenderer); tests may pass the in-thread one. */
    readonly renderer: PngRenderer,
    /** Null without PUBLIC_URL: no links, Home keeps its text. */
    readonly links: ChartLinks | null,
    private readonly log: Logger,
    /** "Now" of the product (the composition root's one clock; tests and the demo set it). */
    private readonly clock: Clock = systemClock,
  ) {}

  /** Weeks a chart covers for a report of `weeks`: between 8 and 12. */
  static chartWeeks(weeks: number): number {
    return Math.min(CHART_WEEKS.max, Math.max(CHART_WEEKS.min, weeks));
  }

  /**
   * The participation chart of a manager's report (same scope as `/stretch report`). Null for
   * anyone who is not a manager, and when the report has nothing to show (too small, empty).
   */
  async participation(input: { teamId: string; userId: string; weeks?: number; target?: Target }, now = this.clock.now()): Promise<Chart | null> {
    const weeks = ChartService.chartWeeks(input.weeks ?? CHART_WEEKS.default);
    const result = await this.reports.report({ teamId: input.teamId, userId: input.userId, weeks, ...(input.target ? { target: input.target } : {}) }, now);
    if (result.kind !== "report") return null;
    return this.participationOf(input.teamId, result.report, await this.languageOf(input.teamId, input.userId));
  }

  /** The chart of a manager's own teams (Home, digest): the caller has checked the role. */
  async myTeamsParticipation(teamId: string, userId: string, weeks: string[], now = this.clock.now()): Promise<Chart | null> {
    const { report } = await this.reports.myTeams(teamId, userId, weeks, now);
    return report.total.size === 0 ? null : this.participationOf(teamId, report, await this.languageOf(teamId, userId));
  }

  /** Renders a report already computed (names looked up for its teams). */
  async participationOf(teamId: string, report: ParticipationReport, t: T = EN): Promise<Chart> {
    const data = await this.participationData(teamId, report, t);
    const title = t("charts.participationTitle");
    const png = await this.render("participation", participationSpec(title, t), data.points);
    const filename = `stretch-participation-${report.weeks[0]}-to-${addDays(report.weeks.at(-1)!, 6)}.png`;
    return { ...png, altText: data.altText, title, filename };
  }

  /** A person's last 12 weeks; only ever their own completions. */
  async heatmap(teamId: string, userId: string, now = this.clock.now()): Promise<Chart> {
    const t = await this.languageOf(teamId, userId);
    const { data, from, today } = await this.heatmapOf(teamId, userId, now, t);
    const title = t("charts.heatmapTitle", { count: HEATMAP_WEEKS });
    const png = await this.render("heatmap", heatmapSpec(title, t), data.cells);
    return { ...png, altText: data.altText, title, filename: `stretch-calendar-${from}-to-${today}.png` };
  }

  /** Home: a link to the person's calendar, with its alt text (null without PUBLIC_URL). */
  async heatmapImage(teamId: string, userId: string, now = this.clock.now()): Promise<ChartImage | null> {
    if (!this.links) return null;
    const { data } = await this.heatmapOf(teamId, userId, now, await this.languageOf(teamId, userId));
    return { url: this.links.url("heatmap", teamId, userId), altText: data.altText };
  }

  /** Home: a link to a manager's participation chart for this report (null without PUBLIC_URL). */
  async participationImage(teamId: string, userId: string, report: ParticipationReport): Promise<ChartImage | null> {
    if (!this.links || report.total.size === 0) return null;
    const data = await this.participationData(teamId, report, await this.languageOf(teamId, userId));
    return { url: this.links.url("participation", teamId, userId), altText: data.altText };
  }

  /** Channel names are looked up for the chart's labels; an unknown one shows its id. */
  private async participationData(teamId: string, report: ParticipationReport, t: T) {
    const names = await this.reports.channelNames(teamId, report.teams.map((team) => team.team));
    return participationChartData(report, (id) => names.get(id) ?? t("charts.unknownChannel", { id }), chartWords(t));
  }

  private async heatmapOf(teamId: string, userId: string, now: Date, t: T) {
    const member = await this.members.get(teamId, userId, now);
    const today = localDate(now, member.tz);
    const from = addDays(mondayOf(today), -7 * (HEATMAP_WEEKS - 1));
    return { data: heatmapData(today, await this.days.perDay(teamId, userId, from, today), chartWords(t)), from, today };
  }

  /** Uploads a chart into the person's DM with the app (files.uploadV2), with its alt text. */
  async sendToDm(teamId: string, userId: string, chart: Chart, comment: string): Promise<void> {
    const token = await this.tokens.botToken(teamId);
    const dm = await this.slack.conversations.open({ token, users: userId });
    const channelId = dm.channel?.id;
    if (!channelId) throw new Error("conversations.open returned no channel");
    await this.slack.filesUploadV2({ token, channel_id: channelId, file: chart.png, filename: chart.filename, title: chart.title, alt_text: chart.altText, initial_comment: comment });
  }

  /** The chart a signed link names, for exactly that workspace and person (null: nothing to show). */
  async forClaim(claim: ChartClaim, now = this.clock.now()): Promise<Chart | null> {
    if (claim.kind === "heatmap") return this.heatmap(claim.teamId, claim.userId, now);
    // Still a manager now? A link made before someone lost the role shows nothing.
    if (!(await this.managers.isManager(claim.teamId, claim.userId))) return null;
    const member = await this.members.get(claim.teamId, claim.userId, now);
    return this.myTeamsParticipation(claim.teamId, claim.userId, weekStarts(localDate(now, member.tz), CHART_WEEKS.default), now);
  }

  /** Stops the renderer's worker thread (shutdown). */
  close(): Promise<void> {
    return this.renderer.close();
  }

  private async render(kind: string, spec: TopLevelSpec, rows: object[]) {
    const started = performance.now();
    const chart = await this.renderer.render(kind, spec, rows);
    this.log.debug({ kind, ms: Math.round(performance.now() - started) }, "chart rendered");
    return chart;
  }
}
