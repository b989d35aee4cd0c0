import type { Db } from "../../db/client.js";
import { prismaRunner, type SqlRunner } from "../../db/sql.js";

/**
 * Prompt rows for the job engine. Hot paths are single SQL statements over arrays, so a batch of
 * deliveries costs one round trip, run through a plain pg pool in workers (src/db/sql.ts: Prisma's
 * raw-query path costs several ms of CPU per batch statement).
 * Timestamps are `timestamp(3)` holding UTC (Prisma's convention), hence `AT TIME ZONE 'UTC'`.
 */
const NOW = `(now() AT TIME ZONE 'UTC')`;

export type PromptState = "pending" | "posted" | "deferred" | "skipped" | "failed";

export interface SlotPromptRow {
  target: string;
  recipientUserId: string | null;
  area: string | null;
  exerciseIds: string[];
}

export interface AdHocPrompt extends SlotPromptRow {
  teamId: string;
  scheduleId: string | null;
  slotKey: string;
  slotAt: Date;
}

/** A prompt this worker now owns until the lease runs out, with what posting it needs. */
export interface ClaimedPrompt {
  id: string;
  teamId: string;
  scheduleId: string | null;
  slotKey: string;
  slotAt: Date;
  target: string;
  recipientUserId: string | null;
  area: string | null;
  exerciseIds: string[];
  attempts: number;
  /**
   * This claim's own `claimedAt`, as text (exact, no time-zone round trip): every write that ends
   * or renews the claim requires it, so a worker whose lease ran out and was taken over can no
   * longer post, release or re-status a prompt someone else now holds (renewClaims).
   */
  claimToken: string;
  /** Status before this claim: `deferred` means it already waited for DND once. */
  previousStatus: PromptState;
  /**
   * Since when this prompt may already be in Slack (a claim that ended without knowing: its worker
   * died, or the post timed out), until Slack's history has answered; null when nothing can be.
   */
  previousClaimAt: Date | null;
  scheduleKind: "channel" | "members" | "dm" | null;
  scheduleTz: string | null;
  scheduleWindowEndMinute: number | null;
  memberTz: string | null;
  memberWorkEndMinute: number | null;
  /** The recipient's stored DND answer (Member.dnd*), for DM prompts. */
  memberDndEnabled: boolean | null;
  memberDndNextStartAt: Date | null;
  memberDndNextEndAt: Date | null;
  memberDndCheckedAt: Date | null;
  /** State read inside the claim, so a queued prompt obeys what changed since (queued-prompt.ts). */
  scheduleFound: boolean;
  scheduleActive: boolean | null;
  schedulePausedUntil: Date | null;
  scheduleSlotsFrom: Date | null;
  schedulePausedReason: string | null;
  workspaceActive: boolean | null;
  memberOptedOut: boolean | null;
  memberPausedUntil: Date | null;
  memberInChannel: boolean | null;
  superseded: boolean;
}

/** Who holds a claim: the prompt and the claim's token. */
export type ClaimRef = Pick<ClaimedPrompt, "id" | "claimToken">;

export interface PromptStateRow {
  id: string;
  status: PromptState;
  claimedAt: Date | null;
}

export interface PromptForAction {
  id: string;
  teamId: string;
  scheduleId: string | null;
  target: string;
  recipientUserId: string | null;
  area: string | null;
  exerciseIds: string[];
  status: PromptState;
  slotAt: Date;
  /** Snoozed copies carry their origin and count here (domain/snooze.ts). */
  slotKey: string;
  scheduleTz: string | null;
}

export class PromptRepository {
  /** `sql` runs the hot batch statements (a pg pool in workers; Prisma when not given). */
  constructor(
    private readonly db: Db,
    private readonly sql: SqlRunner = prismaRunner(db),
  ) {}

  /**
   * Creates the slot's prompts, or finds the ones a previous run of the same slot created (the
   * unique key (team, schedule, slotKey, target) makes a repeated fan-out a no-op). Returns every
   * row with its current status so the caller enqueues only what is still to do.
   */
  async upsertForSlot(input: { teamId: string; scheduleId: string; slotKey: string; slotAt: Date; rows: SlotPromptRow[] }): Promise<Array<{ id: string; target: string; status: PromptState }>> {
    if (input.rows.length === 0) return [];
    return this.sql.query(
      `INSERT INTO "Prompt" (id, "teamId", "scheduleId", "slotKey", "slotAt", target, "recipientUserId", area, "exerciseIds", status, attempts, "createdAt", "updatedAt")
       SELECT gen_random_uuid(), $1, $2::uuid, $3, ($4::timestamptz AT TIME ZONE 'UTC'), r.target, r.recipient, r.area,
              string_to_array(r.ids, ','), 'pending', 0, ${NOW}, ${NOW}
       FROM unnest($5::text[], $6::text[], $7::text[], $8::text[]) AS r(target, recipient, area, ids)
       ON CONFLICT ("teamId", "scheduleId", "slotKey", target) DO UPDATE SET "teamId" = EXCLUDED."teamId"
       RETURNING id, target, status::text AS status`,
      [
        input.teamId,
        input.scheduleId,
        input.slotKey,
        input.slotAt.toISOString(),
        input.rows.map((r) => r.target),
        input.rows.map((r) => r.recipientUserId),
        input.rows.map((r) => r.area),
        input.rows.map((r) => r.exerciseIds.join(",")),
      ],
    );
  }

  /** `/stretch now` and Snooze. `created` is false when the same ad-hoc key existed (double click). */
  async createAdHoc(p: AdHocPrompt): Promise<{ id: string; created: boolean; status: PromptState }> {
    const inserted = await this.sql.query<{ id: string; status: PromptState }>(
      `INSERT INTO "Prompt" (id, "teamId", "scheduleId", "slotKey", "slotAt", target, "recipientUserId", area, "exerciseIds", status, attempts, "createdAt", "updatedAt")
       VALUES (gen_random_uuid(), $1, $2::uuid, $3, ($4::timestamptz AT TIME ZONE 'UTC'), $5, $6, $7, $8::text[], 'pending', 0, ${NOW}, ${NOW})
       ON CONFLICT DO NOTHING
       RETURNING id, status::text AS status`,
      [
        p.teamId, p.scheduleId, p.slotKey, p.slotAt.toISOString(), p.target, p.recipientUserId, p.area, p.exerciseIds,
      ],
    );
    if (inserted[0]) return { ...inserted[0], created: true };
    const existing = await this.db.prompt.findFirst({
      where: { teamId: p.teamId, scheduleId: p.scheduleId, slotKey: p.slotKey, target: p.target },
      select: { id: true, status: true },
    });
    if (!existing) throw new Error("ad-hoc prompt neither inserted nor found");
    return { id: existing.id, status: existing.status, created: false };
  }

  /**
   * `/stretch now`, within its limits: none while another `/stretch now` prompt of this target is
   * still to post, and at most `perHour` in the hour before `now`. A per-target advisory lock makes
   * two simultaneous requests see each other. `retryAt`: when the hourly limit lets one more in.
   */
  async createNowLimited(
    p: AdHocPrompt,
    limits: { perHour: number; now: Date },
  ): Promise<{ kind: "created"; id: string } | { kind: "pending" } | { kind: "capped"; retryAt: Date }> {
    const since = new Date(limits.now.getTime() - 3600_000);
    return this.db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${`now|${p.teamId}|${p.target}`}))`;
      const [recent] = await tx.$queryRaw<Array<{ pending: number; count: number; oldest: Date | null }>>`
        SELECT count(*) FILTER (WHERE status IN ('pending', 'deferred'))::int AS pending, count(*)::int AS count, min("slotAt") AS oldest
        FROM "Prompt"
        WHERE "teamId" = ${p.teamId} AND target = ${p.target} AND "slotKey" LIKE 'now:%' AND "slotAt" > ${since}`;
      if (recent && recent.pending > 0) return { kind: "pending" as const };
      if (recent && recent.count >= limits.perHour && recent.oldest) return { kind: "capped" as const, retryAt: new Date(recent.oldest.getTime() + 3600_000) };
      const [row] = await tx.$queryRaw<Array<{ id: string }>>`
        INSERT INTO "Prompt" (id, "teamId", "scheduleId", "slotKey", "slotAt", target, "recipientUserId", area, "exerciseIds", status, attempts, "createdAt", "updatedAt")
        VALUES (gen_random_uuid(), ${p.teamId}, ${p.scheduleId}::uuid, ${p.slotKey}, ${p.slotAt}, ${p.target}, ${p.recipientUserId}, ${p.area},
                ${p.exerciseIds}::text[], 'pending', 0, ${limits.now}, ${limits.now})
        RETURNING id::text AS id`;
      return { kind: "created" as const, id: row!.id };
    });
  }

  /**
   * Claim before post: takes the prompts that are still to post and not held by a live claim
   * (claimedAt older than the lease), stamps attempts+1 and claimedAt. Rows locked by a concurrent
   * claim are skipped (SKIP LOCKED) rather than waited for. Returns only the rows claimed.
   */
  async claim(ids: string[], leaseMs: number): Promise<ClaimedPrompt[]> {
    if (ids.length === 0) return [];
    const rows = await this.sql.query<ClaimedPrompt>(
      `WITH cur AS (
         SELECT p.id, p.status AS prev_status, COALESCE(p."uncertainSince", p."claimedAt") AS prev_claim,
                s.kind::text AS schedule_kind, s.tz AS schedule_tz, s."windowEndMinute" AS schedule_window_end,
                m.tz AS member_tz, m."workEndMinute" AS member_work_end,
                m."dndEnabled" AS member_dnd_enabled, m."dndNextStartAt" AS member_dnd_start,
                m."dndNextEndAt" AS member_dnd_end, m."dndCheckedAt" AS member_dnd_checked,
                s.id IS NOT NULL AS schedule_found, s.active AS schedule_active, s."pausedUntil" AS schedule_paused_until,
                s."slotsFrom" AS schedule_slots_from, s."pausedReason" AS schedule_paused_reason, w.active AS workspace_active,
                m."optedOut" AS member_opted_out, m."pausedUntil" AS member_paused_until,
                CASE WHEN s.kind::text = 'members' THEN EXISTS (
                  SELECT 1 FROM "ChannelMember" cm
                  WHERE cm."teamId" = p."teamId" AND cm."channelId" = s."channelId" AND cm."userId" = p."recipientUserId") END AS member_in_channel,
                (p."slotKey" NOT LIKE 'now:%' AND p."slotKey" NOT LIKE 'snooze:%' AND EXISTS (
                  SELECT 1 FROM "Prompt" q
                  WHERE q."teamId" = p."teamId" AND q.target = p.target AND q."slotAt" > p."slotAt"
                    AND q."scheduleId" = p."scheduleId" AND q.status::text IN ('pending', 'deferred', 'posted')
                    AND q."slotKey" NOT LIKE 'now:%' AND q."slotKey" NOT LIKE 'snooze:%')) AS superseded
         FROM unnest($1::uuid[]) AS want(id)
         JOIN "Prompt" p ON p.id = want.id
         LEFT JOIN "Schedule" s ON s.id = p."scheduleId"
         LEFT JOIN "Workspace" w ON w."teamId" = p."teamId"
         LEFT JOIN "Member" m ON m."teamId" = p."teamId" AND m."userId" = p."recipientUserId"
         WHERE p.status::text IN ('pending', 'deferred')
           AND (p."claimedAt" IS NULL OR p."claimedAt" < ${NOW} - make_interval(secs => $2::double precision / 1000))
         FOR UPDATE OF p SKIP LOCKED
       )
       UPDATE "Prompt" p SET attempts = p.attempts + 1, "claimedAt" = ${NOW}, status = 'pending', "updatedAt" = ${NOW},
              "uncertainSince" = cur.prev_claim
       FROM cur WHERE p.id = cur.id
       RETURNING p.id, p."teamId", p."scheduleId", p."slotKey", p."slotAt", p.target, p."recipientUserId", p.area,
                 p."exerciseIds", p.attempts, p."claimedAt"::text AS "claimToken", cur.prev_status::text AS "previousStatus", cur.prev_claim AS "previousClaimAt",
                 cur.schedule_kind AS "scheduleKind", cur.schedule_tz AS "scheduleTz",
                 cur.schedule_window_end AS "scheduleWindowEndMinute", cur.member_tz AS "memberTz",
                 cur.member_work_end AS "memberWorkEndMinute", cur.member_dnd_enabled AS "memberDndEnabled",
                 cur.member_dnd_start AS "memberDndNextStartAt", cur.member_dnd_end AS "memberDndNextEndAt",
                 cur.member_dnd_checked AS "memberDndCheckedAt", cur.schedule_found AS "scheduleFound",
                 cur.schedule_active AS "scheduleActive", cur.schedule_paused_until AS "schedulePausedUntil",
                 cur.schedule_slots_from AS "scheduleSlotsFrom", cur.schedule_paused_reason AS "schedulePausedReason",
                 cur.workspace_active AS "workspaceActive", cur.member_opted_out AS "memberOptedOut",
                 cur.member_paused_until AS "memberPausedUntil", cur.member_in_channel AS "memberInChannel",
                 cur.superseded AS "superseded"`,
      [ids, leaseMs],
    );
    return rows;
  }

  /**
   * The fence before chat.postMessage: for each claim still held (same token, still to post) the
   * lease starts again now, and the new token is returned; null for a claim that is no longer
   * ours (its lease ran out and another worker took the prompt, or the prompt was settled).
   * Without it a worker slowed past its lease (a loaded machine, a long GC pause, a stalled BullMQ
   * lock handing the job to a second run) would post after a new claimant had already looked in
   * Slack's history, found nothing and posted: two prompts. Row locks order this against `claim`:
   * whichever commits first wins, the other sees the changed row.
   */
  async renewClaims(claims: Array<{ id: string; claimToken: string }>): Promise<Array<string | null>> {
    if (claims.length === 0) return [];
    const rows = await this.sql.query<{ id: string; oldToken: string; claimToken: string }>(
      `UPDATE "Prompt" p SET "claimedAt" = ${NOW}, "updatedAt" = ${NOW}
       FROM unnest($1::uuid[], $2::text[]) AS v(id, token)
       WHERE p.id = v.id AND p.status = 'pending' AND p."claimedAt"::text = v.token
       RETURNING p.id::text AS id, v.token AS "oldToken", p."claimedAt"::text AS "claimToken"`,
      [claims.map((c) => c.id), claims.map((c) => c.claimToken)],
    );
    // Keyed by the old token too: two runs of one prompt in a batch, and only the holder renews.
    const renewed = new Map(rows.map((r) => [`${r.id}|${r.oldToken}`, r.claimToken]));
    return claims.map((c) => renewed.get(`${c.id}|${c.claimToken}`) ?? null);
  }

  async states(ids: string[]): Promise<PromptStateRow[]> {
    if (ids.length === 0) return [];
    return this.sql.query(`SELECT id, status::text AS status, "claimedAt" FROM "Prompt" WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Slack's history answered "not there": the prompt is no longer possibly posted. */
  async settleUncertain(claim: ClaimRef): Promise<void> {
    await this.sql.execute(`UPDATE "Prompt" SET "uncertainSince" = NULL, "updatedAt" = ${NOW} WHERE id = $1::uuid AND "claimedAt"::text = $2`, [
      claim.id,
      claim.claimToken,
    ]);
  }

  /** What recording a post needs, for a post whose record failed (the job kept channel and ts). */
  async forRecord(id: string): Promise<Pick<ClaimedPrompt, "id" | "slotAt" | "target" | "recipientUserId" | "memberTz" | "scheduleTz"> | null> {
    const rows = await this.sql.query<Pick<ClaimedPrompt, "id" | "slotAt" | "target" | "recipientUserId" | "memberTz" | "scheduleTz">>(
      `SELECT p.id, p."slotAt", p.target, p."recipientUserId", m.tz AS "memberTz", s.tz AS "scheduleTz"
       FROM "Prompt" p
       LEFT JOIN "Schedule" s ON s.id = p."scheduleId"
       LEFT JOIN "Member" m ON m."teamId" = p."teamId" AND m."userId" = p."recipientUserId"
       WHERE p.id = $1::uuid`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * Gives a claim back when we know nothing was posted (429, channel pacing): the retry needs no
   * Slack check. `undoAttempt` when Slack was not even called, so `attempts` counts real tries.
   * Only the claim's holder can (a lost claim changes nothing).
   */
  async release(claim: ClaimRef, undoAttempt = false): Promise<void> {
    await this.sql.execute(
      `UPDATE "Prompt" SET "claimedAt" = NULL, attempts = attempts - $2::int, "updatedAt" = ${NOW}
       WHERE id = $1::uuid AND status IN ('pending', 'deferred') AND "claimedAt"::text = $3`,
      [claim.id, undoAttempt ? 1 : 0, claim.claimToken],
    );
  }

  /**
   * Records posted prompts and, for DM prompts (`localDate` set), their one Delivery row, in one
   * statement. Rows already posted are left alone (a duplicate record is a no-op). `postedAt` comes
   * from the engine's clock, like every instant completions are compared with.
   */
  async recordPosted(rows: Array<{ id: string; channelId: string; ts: string; localDate: string | null; postedAt: Date }>): Promise<void> {
    if (rows.length === 0) return;
    await this.sql.execute(
      `WITH v AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS v(id, channel, ts, local_date, posted_at)),
       p AS (
         UPDATE "Prompt" p SET status = 'posted', "channelId" = v.channel, "messageTs" = v.ts, "postedAt" = (v.posted_at AT TIME ZONE 'UTC'),
                reason = NULL, "uncertainSince" = NULL, "updatedAt" = ${NOW}
         FROM v WHERE p.id = v.id AND p.status <> 'posted'
         RETURNING p.id, p."teamId", p."recipientUserId", v.local_date, v.posted_at
       )
       INSERT INTO "Delivery" (id, "teamId", "promptId", "userId", status, "localDate", "deliveredAt")
       SELECT gen_random_uuid(), p."teamId", p.id, p."recipientUserId", 'delivered', p.local_date, (p.posted_at AT TIME ZONE 'UTC')
       FROM p WHERE p."recipientUserId" IS NOT NULL AND p.local_date IS NOT NULL
       ON CONFLICT ("promptId", "userId") DO NOTHING`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.channelId),
        rows.map((r) => r.ts),
        rows.map((r) => r.localDate),
        rows.map((r) => r.postedAt.toISOString()),
      ],
    );
  }

  /**
   * A channel prompt reached the channel's known members (people, not bots, not opted out): one
   * Delivery each, dated in their own zone (fallback: the schedule's), so rates have a denominator.
   */
  async recordChannelDeliveries(promptId: string, fallbackTz: string): Promise<number> {
    return this.sql.execute(
      `INSERT INTO "Delivery" (id, "teamId", "promptId", "userId", status, "localDate", "deliveredAt")
       SELECT gen_random_uuid(), p."teamId", p.id, cm."userId", 'delivered',
              to_char((p."slotAt" AT TIME ZONE 'UTC') AT TIME ZONE COALESCE(m.tz, $2), 'YYYY-MM-DD'), ${NOW}
       FROM "Prompt" p
       JOIN "ChannelMember" cm ON cm."teamId" = p."teamId" AND cm."channelId" = p.target
       JOIN "Member" m ON m."teamId" = cm."teamId" AND m."userId" = cm."userId"
       WHERE p.id = $1::uuid AND NOT m."isBot" AND NOT m.deleted AND NOT m."optedOut"
       ON CONFLICT ("promptId", "userId") DO NOTHING`,
      [promptId, fallbackTz],
    );
  }

  /**
   * Terminal or waiting states that involve no post: skipped, failed, deferred (with why); the
   * claim ends. `undoAttempt` when the claim never called chat.postMessage (DND, expired).
   * Only the claim's holder can (a lost claim changes nothing).
   */
  async setStatus(claim: ClaimRef, status: "skipped" | "failed" | "deferred", reason: string, undoAttempt = false): Promise<void> {
    await this.sql.execute(
      `UPDATE "Prompt" SET status = $2::"PromptStatus", reason = $3, "claimedAt" = NULL, attempts = attempts - $4::int, "updatedAt" = ${NOW}
       WHERE id = $1::uuid AND status IN ('pending', 'deferred') AND "claimedAt"::text = $5`,
      [claim.id, status, reason.slice(0, 200), undoAttempt ? 1 : 0, claim.claimToken],
    );
  }

  /** Exercises prompted to these targets since `since` (with when), for "no repeat within a day". */
  async exercisesSince(teamId: string, targets: string[], since: Date): Promise<Array<{ target: string; slotAt: Date; exerciseIds: string[] }>> {
    if (targets.length === 0) return [];
    return this.sql.query(
      `SELECT target, "slotAt", "exerciseIds" FROM "Prompt"
       WHERE "teamId" = $1 AND target = ANY($2::text[]) AND "slotAt" >= ($3::timestamptz AT TIME ZONE 'UTC')
         AND status IN ('pending', 'posted', 'deferred')`,
      [teamId, targets, since.toISOString()],
    );
  }

  /** The latest slot since `since` that fanned out (has prompts), per schedule; ad-hoc prompts aside. */
  async latestScheduledSlots(scheduleIds: string[], since: Date): Promise<Map<string, Date>> {
    if (scheduleIds.length === 0) return new Map();
    const rows = await this.sql.query<{ scheduleId: string; slotAt: Date }>(
      `SELECT "scheduleId"::text AS "scheduleId", max("slotAt") AS "slotAt" FROM "Prompt"
       WHERE "scheduleId" = ANY($1::uuid[]) AND "slotAt" >= ($2::timestamptz AT TIME ZONE 'UTC')
         AND "slotKey" NOT LIKE 'now:%' AND "slotKey" NOT LIKE 'snooze:%'
       GROUP BY "scheduleId"`,
      [scheduleIds, since.toISOString()],
    );
    return new Map(rows.map((r) => [r.scheduleId, r.slotAt]));
  }

  /**
   * Prompts still to post whose slot is between `from` and `to` and that no live claim holds: their
   * deliver job may have been lost (Redis flushed). Re-adding them is safe: same job id, and the
   * claim decides who posts.
   */
  async unfinished(from: Date, to: Date, leaseMs: number, limit = 20_000): Promise<Array<{ id: string; teamId: string; slotAt: Date }>> {
    return this.sql.query(
      `SELECT id, "teamId", "slotAt" FROM "Prompt"
       WHERE status IN ('pending', 'deferred')
         AND "slotAt" >= ($1::timestamptz AT TIME ZONE 'UTC') AND "slotAt" < ($2::timestamptz AT TIME ZONE 'UTC')
         AND ("claimedAt" IS NULL OR "claimedAt" < ${NOW} - make_interval(secs => $3::double precision / 1000))
       ORDER BY "slotAt" LIMIT $4`,
      [from.toISOString(), to.toISOString(), leaseMs, limit],
    );
  }

  /**
   * A schedule just changed (times, window, pause, off): the prompts its ticks fanned out ahead of
   * slots still to come (FANOUT_LEAD_MS), not yet claimed, were chosen under the old settings and
   * are deleted; the lead-in fans those slots out again under the new ones. Their deliver jobs then
   * find no row ("gone"). Scheduled slots only (a `/stretch now` or snooze keeps its own key).
   */
  async dropQueuedAhead(scheduleId: string, after: Date): Promise<number> {
    return this.sql.execute(
      `DELETE FROM "Prompt"
       WHERE "scheduleId" = $1::uuid AND status = 'pending' AND "claimedAt" IS NULL
         AND "slotAt" > ($2::timestamptz AT TIME ZONE 'UTC') AND "slotKey" NOT LIKE 'now:%' AND "slotKey" NOT LIKE 'snooze:%'`,
      [scheduleId, after.toISOString()],
    );
  }

  async findForAction(teamId: string, id: string): Promise<PromptForAction | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const row = await this.db.prompt.findFirst({
      where: { id, teamId },
      select: {
        id: true,
        teamId: true,
        scheduleId: true,
        target: true,
        recipientUserId: true,
        area: true,
        exerciseIds: true,
        status: true,
        slotAt: true,
        slotKey: true,
        schedule: { select: { tz: true } },
      },
    });
    if (!row) return null;
    const { schedule, ...rest } = row;
    return { ...rest, scheduleTz: schedule?.tz ?? null };
  }

  /** Skip button: this person's Delivery for the prompt becomes (or is created as) skipped. */
  async recordSkip(input: { teamId: string; promptId: string; userId: string; localDate: string; reason: string }): Promise<void> {
    await this.db.delivery.upsert({
      where: { promptId_userId: { promptId: input.promptId, userId: input.userId } },
      create: { teamId: input.teamId, promptId: input.promptId, userId: input.userId, status: "skipped", reason: input.reason, localDate: input.localDate },
      update: { status: "skipped", reason: input.reason },
    });
  }
}
