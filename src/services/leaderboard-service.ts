import type { WebClient } from "@slack/web-api";
import type { TokenSource } from "../slack/token-source.js";
import type { MemberRepository } from "../db/repositories/members.js";
import type { ParticipationRepository, ParticipationScope } from "../db/repositories/participation.js";
import { buildBoard, compareTallies, rate, BOARD_SIZE, type Board, type PersonTally } from "../domain/leaderboard.js";
import { periodDays, type BoardPeriod } from "../domain/report-period.js";
import type { Target } from "../domain/report-args.js";
import type { Logger } from "../logger.js";
import { usergroupMembers, type UsergroupProblem } from "./usergroups.js";
import { localDate, newestDateAnywhere } from "../time/zones.js";
import { systemClock, type Clock } from "../time/clock.js";

export interface BoardRequest {
  teamId: string;
  userId: string;
  /** Where the command was typed (the default scope). */
  channelId: string;
  period: BoardPeriod;
  target?: Target;
}

/** What the board is about: a channel id or a user group. */
export type BoardScope = { kind: "channel"; channelId: string } | { kind: "usergroup"; usergroupId: string; label?: string };

export type BoardResult =
  | { kind: "board"; scope: BoardScope; period: BoardPeriod; board: Board }
  | { kind: "empty"; scope: BoardScope; period: BoardPeriod }
  | { kind: "not_a_channel" }
  | { kind: "usergroup_problem"; problem: UsergroupProblem };

export class LeaderboardService {
  constructor(
    private readonly participation: ParticipationRepository,
    private readonly memberRepo: MemberRepository,
    private readonly slack: WebClient,
    private readonly tokens: TokenSource,
    private readonly log: Logger,
    /** "Now" of the product (the composition root's one clock; tests and the demo set it). */
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * The top 10 of a channel or user group for the period: one aggregate query (with privacy flags)
   * and one streak query for the few people who can make the top 10.
   */
  async board(request: BoardRequest, now = this.clock.now()): Promise<BoardResult> {
    const resolved = await this.resolveScope(request);
    if (!resolved.ok) return resolved.result;
    const { scope, query } = resolved;
    const tallies = await this.participation.session(async (repo) => {
      // "Last 7 days" is each person's own last 7 local days, not the viewer's: see OwnDays.
      const todayByZone = new Map((await repo.zones(request.teamId)).map((zone) => [zone, localDate(now, zone)]));
      // No known zone: UTC, but never before the newest date on their own rows (personToday). Their
      // rows were dated in the schedule's zone, which UTC alone would put "in the future" near
      // midnight; the rows themselves say which day has begun for them, whoever is looking.
      const utcToday = localDate(now, "UTC");
      const newestAnywhere = newestDateAnywhere(now);
      const totals = await repo.personTotals(request.teamId, query, { ...periodDays(request.period), todayByZone, defaultToday: utcToday, newestAnywhere });
      const rows: PersonTally[] = totals.map((t) => ({ userId: t.userId, completions: t.completions, deliveries: t.deliveries, streak: 0, hidden: t.hidden }));
      const candidates = topCandidates(rows, BOARD_SIZE);
      // computeStreak's rule in SQL (checked against it in tests): the same numbers /stretch stats shows.
      const streaks = await repo.currentStreaks(request.teamId, candidates, todayByZone, utcToday, newestAnywhere);
      for (const t of rows) t.streak = streaks.get(t.userId) ?? 0;
      return rows;
    });
    if (tallies.length === 0) return { kind: "empty", scope, period: request.period };
    return { kind: "board", scope, period: request.period, board: buildBoard(tallies) };
  }

  /** `/stretch leaderboard hide|show`: stored on the person, applies to every board and report. */
  async setHidden(teamId: string, userId: string, hidden: boolean): Promise<void> {
    await this.memberRepo.updatePreferences(teamId, userId, { leaderboardHidden: hidden });
    this.log.info({ teamId, userId, leaderboardHidden: hidden }, "leaderboard visibility changed");
  }

  private async resolveScope(
    request: BoardRequest,
  ): Promise<{ ok: true; scope: BoardScope; query: ParticipationScope } | { ok: false; result: BoardResult }> {
    const target = request.target;
    if (target?.kind === "usergroup") {
      const group = await usergroupMembers(this.slack, () => this.tokens.botToken(request.teamId), target.usergroupId);
      if (!group.ok) return { ok: false, result: { kind: "usergroup_problem", problem: group.problem } };
      return {
        ok: true,
        scope: { kind: "usergroup", usergroupId: target.usergroupId, ...(target.label ? { label: target.label } : {}) },
        query: { kind: "people", userIds: group.userIds },
      };
    }
    const channelId = target?.kind === "channel" ? target.channelId : request.channelId;
    // DMs (D…) have no team; public (C…) and private (G… or C…) channels do.
    if (!/^[CG]/.test(channelId)) return { ok: false, result: { kind: "not_a_channel" } };
    return { ok: true, scope: { kind: "channel", channelId }, query: { kind: "channels", channelIds: [channelId] } };
  }
}

/**
 * The visible participants who can make the top `limit` once streaks break ties: everyone ranked
 * up to the limit by completions and rate, plus whoever ties with the last of them. Streaks are
 * then read for these few people only.
 */
function topCandidates(tallies: readonly PersonTally[], limit: number): string[] {
  const visible = tallies.filter((t) => !t.hidden && t.completions > 0).sort(compareTallies);
  const boundary = visible[limit - 1];
  if (!boundary) return visible.map((t) => t.userId);
  const boundaryRate = rate(boundary.completions, boundary.deliveries);
  return visible
    .filter((t, i) => i < limit || (t.completions === boundary.completions && rate(t.completions, t.deliveries) === boundaryRate))
    .map((t) => t.userId);
}
