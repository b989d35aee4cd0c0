import type { WebClient } from "@slack/web-api";
import type { TokenSource } from "../slack/token-source.js";
import type { ParticipationRepository, ParticipationScope } from "../db/repositories/participation.js";
import { MIN_TEAM_SIZE } from "../domain/leaderboard.js";
import { buildReport, type ParticipationReport } from "../domain/report.js";
import { weekStarts } from "../domain/report-period.js";
import type { Target } from "../domain/report-args.js";
import { EN, type T } from "../i18n/index.js";
import type { Logger } from "../logger.js";
import type { ManagerService } from "./manager-service.js";
import type { MemberService } from "./member-service.js";
import { reportCsv } from "./report-csv.js";
import { currentStreaks } from "./streaks.js";
import { usergroupMembers, type UsergroupProblem } from "./usergroups.js";
import { addDays, localDate } from "../time/zones.js";
import { systemClock, type Clock } from "../time/clock.js";

export type ReportScope =
  | { kind: "workspace" }
  | { kind: "my_teams" }
  | { kind: "channel"; channelId: string }
  | { kind: "usergroup"; usergroupId: string; label?: string };

export interface ReportRequest {
  teamId: string;
  userId: string;
  weeks: number;
  /** Undefined = the whole workspace. */
  target?: Target;
}

export type ReportProblem =
  | { kind: "refused" }
  | { kind: "usergroup_problem"; problem: UsergroupProblem }
  | { kind: "too_small"; scope: ReportScope }
  | { kind: "empty"; scope: ReportScope };

export type ReportResult = ReportProblem | { kind: "report"; scope: ReportScope; report: ParticipationReport };
export type ExportResult = ReportProblem | { kind: "uploaded"; filename: string; rows: number };

/** Manager reports: weekly participation per team, trends, median streaks; CSV export. */
export class ReportService {
  constructor(
    private readonly participation: ParticipationRepository,
    private readonly managers: ManagerService,
    private readonly members: MemberService,
    private readonly slack: WebClient,
    private readonly tokens: TokenSource,
    private readonly log: Logger,
    /** "Now" of the product (the composition root's one clock; tests and the demo set it). */
    private readonly clock: Clock = systemClock,
  ) {}

  /** `/stretch report …`: managers only; nothing is computed for anyone else. */
  async report(request: ReportRequest, now = this.clock.now()): Promise<ReportResult> {
    if (!(await this.managers.isManager(request.teamId, request.userId))) return { kind: "refused" };
    const resolved = await this.resolve(request.teamId, request.target);
    if (!resolved.ok) return resolved.problem;
    const viewer = await this.members.get(request.teamId, request.userId, now);
    const weeks = weekStarts(localDate(now, viewer.tz), request.weeks);
    const report = await this.build(request.teamId, resolved.query, weeks, now);
    if (report.total.size === 0) return { kind: "empty", scope: resolved.scope };
    // A single small team or group is never shown, even as its own total: that would single people out.
    if (resolved.scope.kind !== "workspace" && report.total.size < MIN_TEAM_SIZE) return { kind: "too_small", scope: resolved.scope };
    return { kind: "report", scope: resolved.scope, report };
  }

  /**
   * `/stretch report export`: the same report as CSV, uploaded to the manager's DM. The file's
   * title and comment are in the manager's language; the CSV's column headers stay English on
   * purpose (they are data: scripts and spreadsheets key on them).
   */
  async exportCsv(request: ReportRequest, now = this.clock.now(), t: T = EN): Promise<ExportResult> {
    const result = await this.report(request, now);
    if (result.kind !== "report") return result;
    const token = await this.tokens.botToken(request.teamId);
    const names = await this.channelNames(token, result.report.teams.map((t) => t.team));
    const totalName = result.scope.kind === "usergroup" ? `@${result.scope.label ?? result.scope.usergroupId}` : "total";
    const { csv, rows } = reportCsv(result.report, (team) => names.get(team) ?? "", totalName);
    const filename = `stretch-participation-${result.report.weeks[0]}-to-${addDays(result.report.weeks.at(-1)!, 6)}.csv`;
    const dm = await this.slack.conversations.open({ token, users: request.userId });
    const channelId = dm.channel?.id;
    if (!channelId) throw new Error("conversations.open returned no channel");
    await this.slack.filesUploadV2({
      token,
      channel_id: channelId,
      file: Buffer.from(csv, "utf8"),
      filename,
      title: t("report.title"),
      initial_comment: t("report.exportComment", { count: result.report.weeks.length }),
    });
    this.log.info({ teamId: request.teamId, userId: request.userId, rows }, "report exported");
    return { kind: "uploaded", filename, rows };
  }

  /**
   * The report of the teams a manager looks after (channels they created a schedule for or
   * belong to; the whole workspace when there are none), over weeks ending with `lastWeek`.
   * Used by App Home and the weekly digest; the caller has checked the role.
   */
  async myTeams(teamId: string, userId: string, weeks: string[], now = this.clock.now()): Promise<{ scope: ReportScope; report: ParticipationReport }> {
    const channels = await this.participation.teamChannels(teamId, userId);
    const query: ParticipationScope = channels.length > 0 ? { kind: "channels", channelIds: channels } : { kind: "workspace" };
    const scope: ReportScope = channels.length > 0 ? { kind: "my_teams" } : { kind: "workspace" };
    return { scope, report: await this.build(teamId, query, weeks, now) };
  }

  /** Weekly aggregates with each team's people, then everyone's current streak: three queries whatever the number of teams. */
  private async build(teamId: string, query: ParticipationScope, weeks: string[], now: Date): Promise<ParticipationReport> {
    const range = { from: weeks[0]!, before: addDays(weeks.at(-1)!, 7) };
    const { aggregates, teamPeople } = await this.participation.weekly(teamId, query, range);
    const streakOf = await currentStreaks(this.participation, teamId, teamPeople.get(null) ?? [], now);
    const streaks = new Map<string | null, number[]>();
    for (const [team, users] of teamPeople) streaks.set(team, users.map((u) => streakOf.get(u) ?? 0));
    return buildReport({ weeks, aggregates, streaks });
  }

  private async resolve(teamId: string, target: Target | undefined): Promise<{ ok: true; scope: ReportScope; query: ParticipationScope } | { ok: false; problem: ReportProblem }> {
    if (!target) return { ok: true, scope: { kind: "workspace" }, query: { kind: "workspace" } };
    if (target.kind === "channel") {
      return { ok: true, scope: { kind: "channel", channelId: target.channelId }, query: { kind: "channels", channelIds: [target.channelId] } };
    }
    const group = await usergroupMembers(this.slack, () => this.tokens.botToken(teamId), target.usergroupId);
    if (!group.ok) return { ok: false, problem: { kind: "usergroup_problem", problem: group.problem } };
    const scope: ReportScope = { kind: "usergroup", usergroupId: target.usergroupId, ...(target.label ? { label: target.label } : {}) };
    return { ok: true, scope, query: { kind: "people", userIds: group.userIds } };
  }

  /** "#name" per channel id, best effort (a missing name leaves the CSV cell empty; the id column is always there). */
  async channelNames(teamId: string, channelIds: string[]): Promise<Map<string, string>> {
    const token = await this.tokens.botToken(teamId);
    const names = new Map<string, string>();
    const BATCH = 5;
    for (let i = 0; i < channelIds.length; i += BATCH) {
      await Promise.all(
        channelIds.slice(i, i + BATCH).map(async (id) => {
          try {
            const res = await this.slack.conversations.info({ token, channel: id });
            if (res.channel?.name) names.set(id, `#${res.channel.name}`);
          } catch {
            // Archived, bot not invited, or rate limited: the id alone still identifies the team.
          }
        }),
      );
    }
    return names;
  }
}
