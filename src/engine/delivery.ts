/**
 * Posting one prompt, exactly once.
 *
 * Ordering — claim, post, record (at-most-once per claim, at-least-once overall, deduplicated):
 *  1. Claim the Prompt row (attempts+1, claimedAt=now) in Postgres BEFORE posting. Only one
 *     worker can hold a claim; a second worker (duplicate job, stalled-job takeover) finds the row
 *     claimed and waits until the lease (DELIVERY_LEASE_SECONDS) runs out.
 *  2. Renew the claim (the fence: same claim token, lease restarted) and only then post with
 *     chat.postMessage, carrying the prompt id in message metadata. A worker that got here after
 *     its lease ran out and another worker took the prompt finds its token gone and does not post
 *     (that worker may already have looked in Slack's history and posted). The lease must be longer
 *     than a post takes to reach Slack: DELIVERY_LEASE_SECONDS (60) vs the 10 s request timeout.
 *  3. Record ts + status posted (+ Delivery rows) in one statement.
 * If a worker dies between 2 and 3, the next attempt sees an expired, unrecorded claim and first
 * looks for our message in conversations.history (metadata prompt_id) and records it; it reposts
 * only when the message is not there. So nobody gets two prompts for one slot (the cost: a retry
 * after a crash waits out the lease, and a message Slack accepted but hid from history would be
 * missed — we prefer a rare missing prompt to a duplicate). When we know nothing was posted (429,
 * ok:false, DND) the claim is released at once so the retry skips the history check.
 * A claim that ended without an answer leaves `uncertainSince` on the row; it is cleared only when
 * the history has answered (found: recorded; not there: post) — a history check that fails never
 * leads to a post. Before posting, the claim's own snapshot of the schedule, workspace and person
 * is re-checked (domain/queued-prompt.ts): state wins over queue.
 */
import type { WebClient } from "@slack/web-api";
import type { MemberRepository } from "../db/repositories/members.js";
import type { ClaimedPrompt, ClaimRef, PromptRepository } from "./repositories/prompts.js";
import { cachedDndStatus, dndEndsAt, dndVerdict, windowEndInstant, type Availability, type DndStatus } from "../domain/availability.js";
import { isQuietReason } from "../domain/quiet-status.js";
import { snoozesLeft } from "../domain/snooze.js";
import { areaForSlot, promptRoutine } from "../domain/prompt-routine.js";
import { queuedPromptSkipReason } from "../domain/queued-prompt.js";
import { routineFromExerciseIds } from "../exercises/routine-builder.js";
import type { BodyArea } from "../exercises/types.js";
import type { Logger } from "../logger.js";
import { classifySlackError, type SlackFailure } from "../slack/errors.js";
import { systemClock, type Clock } from "../time/clock.js";
import type { TokenSource } from "../slack/token-source.js";
import { unlimited, type WorkspaceRateLimiter } from "./workspace-rate-limiter.js";
import { silentEngineTelemetry, type EngineTelemetry } from "./ports.js";
import { MicroBatcher } from "./micro-batcher.js";
import { METHOD_LIMITS } from "../slack/rate-limits.js";
import type { DndLookahead } from "./dnd-lookahead.js";
import type { DndCache } from "./dnd-cache.js";
import { DND_BATCH, DndLookups } from "./dnd-lookups.js";
import type { QuietStatuses } from "./quiet-statuses.js";
import type { QuietLookup } from "../db/repositories/quiet-status.js";
import type { SchedulePauser } from "./owner-notices.js";
import { zoneOr } from "./schedule-sync.js";
import { localDate } from "../time/zones.js";
import type { EnginePresenter } from "./ports.js";

/** Slack allows about one message per second per channel; DMs are separate channels. */
export interface ChannelPacer {
  /** 0 when this channel may be posted to now (and reserves the next second), else ms to wait. */
  reserve(teamId: string, channelId: string): Promise<number>;
}

/** The two Web API calls made per prompt (src/slack/fast-api.ts in production). */
export interface PromptPoster {
  postMessage(args: Record<string, unknown> & { channel: string; token: string }): Promise<{ channel?: string; ts?: string }>;
  /** Up to 50 users; what a bot can see of their DND (schedule, not snooze). */
  dndTeamInfo(users: string[], token: string): Promise<Record<string, DndStatus>>;
  /** users.getPresence: "active" or "away". On the lean path too: a slot minute makes one per checked DM. */
  presence(user: string, token: string): Promise<string | undefined>;
}

/** The same calls through a WebClient (tests and tools that build services without src/app.ts). */
export function webClientPoster(client: WebClient): PromptPoster {
  return {
    postMessage: async (args) => {
      const res = await client.chat.postMessage(args as unknown as Parameters<WebClient["chat"]["postMessage"]>[0]);
      return { ...(res.channel ? { channel: res.channel } : {}), ...(res.ts ? { ts: res.ts } : {}) };
    },
    dndTeamInfo: async (users, token) => ((await client.dnd.teamInfo({ token, users: users.join(",") })).users ?? {}) as Record<string, DndStatus>,
    presence: async (user, token) => (await client.users.getPresence({ token, user })).presence,
  };
}

/**
 * `untilMs` and `postSlotAt` are machine time on purpose (Date.now()): BullMQ's `moveToDelayed`
 * and the rate limiter's windows run on the machine's clock, not the engine's. A wait decided on
 * the engine's clock is converted as a duration (see the quiet-status verdict below).
 */
export type DeliveryOutcome =
  | { kind: "done"; result: "posted" | "recovered" | "already_done" | "skipped" | "deferred" | "gone" }
  | { kind: "delay"; untilMs: number; reason: string; /** A post slot was booked for untilMs (see WorkspaceRateLimiter.reserveAhead). */ postSlotAt?: number }
  | { kind: "rate_limited"; retryAfterMs: number }
  | { kind: "retry"; error: string }
  | { kind: "fail"; error: string }
  /** Slack took the post but recording it failed: keep channel+ts with the job, record later. */
  | { kind: "posted_unrecorded"; posted: PostedMessage; error: string };

/** Where Slack put a prompt. */
export interface PostedMessage {
  channel: string;
  ts: string;
}

export interface DeliveryOptions {
  leaseMs: number;
  maxLatenessMs: number;
  skipAway: boolean;
}

/** Ad-hoc prompts without a schedule window may be deferred for DND at most this long. */
const AD_HOC_WINDOW_MS = 2 * 3600_000;
const HISTORY_PAGES = 10;
/** Calls of dnd.teamInfo we allow ourselves: one per this many ms (src/slack/rate-limits.ts). */
const DND_CALL_INTERVAL_MS = 60_000 / (METHOD_LIMITS["dnd.teamInfo"]?.perMinute ?? 18);
/** A DND lookup waits this long for others of its workspace to share the call (its tier counts calls, not people). */
const DND_LINGER_MS = 300;
/**
 * Posts are booked up to this far ahead in the workspace's budget, so a job waits for its post once
 * (a delayed job that wakes at its slot). A shorter horizon made every job beyond it come back every
 * few seconds to ask again (each return a claim, a release and a delay: part of the 16.7 Prompt row
 * updates per delivery, 3 needed, in bench:multitenant). Longer waits (over an hour) ask again.
 */
const POST_BOOKING_HORIZON_MS = 3600_000;
/** A booked slot this close is taken at once rather than waited for. */
const POST_NOW_MS = 50;
/** A booked slot is honoured by a run this close to it (a delayed job wakes a little late or early). */
const POST_SLOT_GRACE_MS = 15_000;
/** users.getPresence calls running at once (see isAway). */
const PRESENCE_IN_FLIGHT = 4;
/** Slack's clock and ours differ a little: look a bit before the claim. */
const HISTORY_SLACK_MS = 5_000;
/**
 * When Slack's history cannot answer (429, network), it is asked again after Retry-After or this
 * long: non-Marketplace apps get conversations.history about once a minute.
 */
const HISTORY_RETRY_MS = 60_000;
/** A prompt this long past its slot whose fate Slack's history has not told is given up (never re-posted). */
const UNCERTAIN_GIVE_UP_MS = 24 * 3600_000;
/**
 * Claims and records wait this long for others to share their statement: in a slot minute ~1,000
 * deliveries a second arrive one job at a time, and each statement has a fixed cost in Postgres and
 * in a socket write far above its per-row cost.
 */
const BATCH_LINGER_MS = 3;
/** Recording a post again after a database error. */
export const RECORD_RETRY_MS = 5_000;

/** What a delivery needs; optional parts have a default. */
/** The prompt rows' part of the exactly-once protocol (claims, leases, records). */
export type DeliveryPrompts = Pick<
  PromptRepository,
  "claim" | "renewClaims" | "states" | "settleUncertain" | "release" | "setStatus" | "recordPosted" | "recordChannelDeliveries" | "forRecord"
>;

/** The Web API calls a delivery makes besides posting, DND and presence (no automatic retries in production). */
export interface DeliverySlack {
  conversations: Pick<WebClient["conversations"], "history" | "open">;
}

export interface DeliveryDeps {
  prompts: DeliveryPrompts;
  members: Pick<MemberRepository, "saveProfile">;
  dndCache: Pick<DndCache, "remember">;
  /** chat.postMessage, dnd.teamInfo and users.getPresence (src/slack/fast-api.ts in production). */
  poster: PromptPoster;
  /** The other Web API calls (history, conversations.open): no automatic retries. */
  slack: DeliverySlack;
  tokens: TokenSource;
  pacer: ChannelPacer;
  /** Stops a schedule Slack refuses to serve (channel gone, token revoked). */
  pauser: Pick<SchedulePauser, "pause" | "pauseWorkspace">;
  /** Renders the prompt (Block Kit at the edge: src/bot/presenters/engine.ts). */
  presenter: Pick<EnginePresenter, "prompt">;
  options: DeliveryOptions;
  log: Logger;
  /** Default: the system clock. */
  clock?: Clock;
  /** Meeting / huddle / away statuses (optional: without it only DND and presence hold prompts). */
  quiet?: QuietStatuses;
  /** Outcomes and lateness for /metrics. Default: reports nothing. */
  telemetry?: EngineTelemetry;
  /** Slack's per-workspace limits (src/slack/rate-limits.ts): the post budget and 429 blocks. Default: none. */
  limiter?: WorkspaceRateLimiter;
  /** Who of a spread slot is due next: a DND call is filled with them (see DndLookahead). */
  dndLookahead?: DndLookahead;
}

export class PromptDelivery {
  private readonly claims: MicroBatcher<string, ClaimedPrompt | null>;
  /** One DND batcher per workspace: a call covers one workspace (its token, its rate limit). */
  private readonly dndByTeam = new Map<string, MicroBatcher<string, DndStatus>>();
  /** Batches refused by the dnd.teamInfo budget since its last call, per workspace (spaces their returns). */
  private readonly dndQueuedBatches = new Map<string, number>();
  private readonly localDates = new Map<string, string>();
  private readonly windowEnds = new Map<string, number>();
  /** users.getPresence is not called before this instant (ms) after Slack rate-limited it. */
  private readonly presenceBlockedUntil = new Map<string, number>();
  private presenceInFlight = 0;
  private readonly renewals: MicroBatcher<ClaimRef, string | null>;
  private readonly records: MicroBatcher<{ id: string; channelId: string; ts: string; localDate: string | null; postedAt: Date }, null>;

  private readonly prompts: DeliveryPrompts;
  private readonly members: Pick<MemberRepository, "saveProfile">;
  private readonly dndCache: Pick<DndCache, "remember">;
  private readonly poster: PromptPoster;
  private readonly slack: DeliverySlack;
  private readonly tokens: TokenSource;
  private readonly pacer: ChannelPacer;
  private readonly pauser: Pick<SchedulePauser, "pause" | "pauseWorkspace">;
  private readonly presenter: Pick<EnginePresenter, "prompt">;
  private readonly options: DeliveryOptions;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly quiet: QuietStatuses | undefined;
  private readonly telemetry: EngineTelemetry;
  private readonly limiter: WorkspaceRateLimiter;
  private readonly dndLookahead: DndLookahead | undefined;
  private readonly dndLookups: DndLookups;

  constructor(deps: DeliveryDeps) {
    ({ prompts: this.prompts, members: this.members, dndCache: this.dndCache, poster: this.poster, slack: this.slack, tokens: this.tokens } = deps);
    ({ pacer: this.pacer, pauser: this.pauser, presenter: this.presenter, options: this.options, log: this.log, quiet: this.quiet } = deps);
    this.clock = deps.clock ?? systemClock;
    this.telemetry = deps.telemetry ?? silentEngineTelemetry;
    this.limiter = deps.limiter ?? unlimited;
    this.dndLookahead = deps.dndLookahead;
    this.dndLookups = new DndLookups({ poster: this.poster, tokens: this.tokens, cache: this.dndCache, limiter: this.limiter, log: this.log, clock: this.clock });
    this.claims = new MicroBatcher(
      async (ids) => {
        const claimed = await this.prompts.claim([...new Set(ids)], this.options.leaseMs);
        const byId = new Map(claimed.map((c) => [c.id, c]));
        // A duplicate id in one batch gets the claim once; the other caller sees "not claimed".
        return ids.map((id) => {
          const c = byId.get(id) ?? null;
          byId.delete(id);
          return c;
        });
      },
      { lingerMs: BATCH_LINGER_MS },
    );
    this.renewals = new MicroBatcher((claims) => this.prompts.renewClaims(claims));
    this.records = new MicroBatcher(
      async (rows) => {
        await this.prompts.recordPosted(rows);
        return rows.map(() => null);
      },
      { lingerMs: BATCH_LINGER_MS },
    );
  }

  /** `posted`: an earlier attempt posted and could not record it (the job kept where). */
  async deliver(promptId: string, ctx: { lastAttempt: boolean; now?: Date; posted?: PostedMessage; postSlotAt?: number }): Promise<DeliveryOutcome> {
    if (ctx.posted) return this.recordLater(promptId, ctx.posted);
    // Before the claim is even sent: its lease cannot have started earlier than this.
    const askedAt = performance.now();
    const claimed = await this.claims.add(promptId);
    if (!claimed) return this.notClaimed(promptId);
    try {
      return await this.deliverClaimed(claimed, ctx.now ?? this.clock.now(), ctx.postSlotAt, askedAt);
    } catch (error) {
      return this.failed(claimed, error, ctx.lastAttempt);
    }
  }

  private async notClaimed(promptId: string): Promise<DeliveryOutcome> {
    const [state] = await this.prompts.states([promptId]);
    if (!state) return { kind: "done", result: "gone" };
    if (state.status !== "pending" && state.status !== "deferred") return { kind: "done", result: "already_done" };
    // Held by a live claim (another worker is posting it) or locked this instant: come back later.
    const until = state.claimedAt ? state.claimedAt.getTime() + this.options.leaseMs + 250 : Date.now() + 1_000;
    return { kind: "delay", untilMs: Math.max(until, Date.now() + 250), reason: "claimed elsewhere" };
  }

  private async deliverClaimed(p: ClaimedPrompt, now: Date, postSlotAt?: number, askedAt = Number.NEGATIVE_INFINITY): Promise<DeliveryOutcome> {
    if (p.previousClaimAt) {
      let found: PostedMessage | null;
      try {
        found = await this.findPosted(p, p.previousClaimAt);
      } catch (error) {
        return this.historyUnanswered(p, error, now);
      }
      if (found) {
        await this.record(p, found.channel, found.ts);
        this.telemetry.prompt("recovered");
        this.log.info({ promptId: p.id }, "found the prompt a dead worker had posted; recorded, not reposted");
        return { kind: "done", result: "recovered" };
      }
      await this.prompts.settleUncertain(p);
    }
    // State wins over queue: off, pause, opt-out, forget-me, uninstall, archive since it was queued.
    const stateSays = queuedPromptSkipReason({ ...p, isDm: p.recipientUserId !== null }, now);
    if (stateSays) {
      await this.prompts.setStatus(p, "skipped", stateSays, true);
      this.telemetry.prompt("skipped", stateSays);
      return { kind: "done", result: "skipped" };
    }
    const adHoc = p.slotKey.startsWith("now:") || p.slotKey.startsWith("snooze:");
    if (!adHoc && p.previousStatus === "pending" && now.getTime() - p.slotAt.getTime() > this.options.maxLatenessMs) {
      await this.prompts.setStatus(p, "skipped", "expired", true);
      this.telemetry.prompt("skipped", "expired");
      return { kind: "done", result: "skipped" };
    }
    const isDm = p.recipientUserId !== null;
    if (!isDm) {
      const wait = await this.pacer.reserve(p.teamId, p.target);
      if (wait > 0) {
        await this.prompts.release(p, true);
        return { kind: "delay", untilMs: Date.now() + wait, reason: "channel pacing" };
      }
    }
    const recipient = isDm && this.quiet ? await this.quiet.recipient(p.teamId, p.recipientUserId ?? p.target) : null;
    if (isDm && !p.slotKey.startsWith("now:")) {
      const verdict = await this.availability(p, now, recipient);
      if (verdict.kind === "defer") {
        const reason = verdict.reason ?? "dnd";
        await this.prompts.setStatus(p, "deferred", reason, true);
        await this.noteHeld(p, reason, "deferred");
        this.telemetry.prompt("deferred", reason);
        // The verdict is on the engine's clock; BullMQ delays run on the machine's.
        return { kind: "delay", untilMs: Date.now() + (verdict.until.getTime() - now.getTime()), reason };
      }
      if (verdict.kind === "skip") {
        await this.prompts.setStatus(p, "skipped", verdict.reason, true);
        this.telemetry.prompt("skipped", verdict.reason);
        await this.noteHeld(p, verdict.reason, "skipped");
        return { kind: "done", result: "skipped" };
      }
    }
    // The workspace's post budget (and any 429 block on it): book a slot and wait for it by
    // delaying this job only; a run that comes back for a slot it booked posts without asking again.
    const booked = postSlotAt !== undefined && Math.abs(Date.now() - postSlotAt) < POST_SLOT_GRACE_MS;
    if (booked) {
      // A 429 since the booking blocks the workspace's posts for Retry-After: wait it out, then book again.
      const blocked = await this.limiter.blockedFor(p.teamId, "chat.postMessage");
      if (blocked > 0) {
        await this.prompts.release(p, true);
        return { kind: "delay", untilMs: Date.now() + blocked, reason: "workspace post budget" };
      }
    } else {
      const budget = await this.limiter.reserveAhead(p.teamId, "chat.postMessage", POST_BOOKING_HORIZON_MS);
      if (budget.waitMs > POST_NOW_MS) {
        await this.prompts.release(p, true);
        const untilMs = Date.now() + budget.waitMs;
        return budget.reserved
          ? { kind: "delay", untilMs, reason: "workspace post budget", postSlotAt: untilMs }
          : { kind: "delay", untilMs: untilMs - Math.min(budget.waitMs / 2, POST_BOOKING_HORIZON_MS / 2), reason: "workspace post budget" };
      }
    }
    const message = this.presenter.prompt({
      promptId: p.id,
      routine: this.routineOf(p),
      audience: isDm ? "dm" : "channel",
      snoozed: p.slotKey.startsWith("snooze:"),
      snoozesLeft: snoozesLeft(p.id, p.slotKey),
      style: recipient?.promptStyle === "full" ? "full" : "compact",
      ...(this.quiet ? { t: await this.quiet.languageFor(p.teamId, recipient, isDm) } : {}),
    });
    // The fence: a claim that ran out and was taken over while we got here must not post. A claim
    // asked for less than half a lease ago (by this process's monotonic clock) cannot have run out:
    // nobody may take it before a whole lease, and the post's own timeout is far shorter than the
    // other half. Such a claim posts without renewing — most prompts, which run at their booked
    // slot, claim and post within milliseconds (one Prompt row update and one round trip fewer).
    if (performance.now() - askedAt >= this.options.leaseMs / 2) {
      const renewed = await this.renewals.add(p);
      if (renewed === null) {
        this.log.warn({ promptId: p.id }, "lost the claim before posting (lease ran out); not posting");
        return this.notClaimed(p.id);
      }
      p.claimToken = renewed;
    }
    const res = await this.poster.postMessage({
      token: await this.tokens.botToken(p.teamId),
      channel: p.target,
      ...message,
      unfurl_links: false,
      metadata: { event_type: "stretch_prompt", event_payload: { prompt_id: p.id } },
    });
    // Slack accepted it: posted, whether or not recording it now succeeds.
    this.telemetry.prompt("posted");
    this.telemetry.promptLateness((this.clock.now().getTime() - p.slotAt.getTime()) / 1000);
    const posted = { channel: String(res.channel ?? p.target), ts: String(res.ts ?? "") };
    try {
      await this.record(p, posted.channel, posted.ts);
    } catch (error) {
      // Posted: never "failed", never re-posted. The job keeps channel+ts and records them later.
      this.log.warn({ promptId: p.id, err: String(error) }, "posted but not recorded; will record again");
      return { kind: "posted_unrecorded", posted, error: String(error) };
    }
    return { kind: "done", result: "posted" };
  }

  private async recordLater(promptId: string, posted: PostedMessage): Promise<DeliveryOutcome> {
    try {
      const p = await this.prompts.forRecord(promptId);
      if (!p) return { kind: "done", result: "gone" };
      await this.record(p, posted.channel, posted.ts);
      return { kind: "done", result: "recovered" };
    } catch (error) {
      return { kind: "posted_unrecorded", posted, error: String(error) };
    }
  }

  /**
   * The previous claim may have posted and Slack's history did not answer. Re-posting could be a
   * duplicate, so nothing is posted: the claim is given back with `uncertainSince` kept (the next
   * claim asks the history again, from the same instant) after Retry-After or a minute. A history
   * that cannot be read at all (scope, channel gone), or still not answering a day after the slot,
   * ends it as failed with reason outcome_unknown.
   */
  private async historyUnanswered(p: ClaimedPrompt, error: unknown, now: Date): Promise<DeliveryOutcome> {
    const failure = classifySlackError(error);
    this.log.warn({ promptId: p.id, err: failure }, "could not check Slack's history for a possibly posted prompt; not re-posting");
    // Measured from the slot (the engine's clock), not the claim (the database's).
    const stale = now.getTime() - p.slotAt.getTime() > UNCERTAIN_GIVE_UP_MS;
    if (failure.kind === "permanent" || failure.kind === "rejected" || stale) {
      await this.prompts.setStatus(p, "failed", `outcome_unknown: ${"error" in failure ? failure.error : "history unavailable"}`);
      this.telemetry.prompt("failed", "outcome_unknown");
      return { kind: "fail", error: "outcome_unknown" };
    }
    await this.prompts.release(p, true);
    const waitMs = failure.kind === "rate_limited" ? Math.max(failure.retryAfterMs, 1_000) : HISTORY_RETRY_MS;
    return { kind: "delay", untilMs: Date.now() + waitMs, reason: "history check" };
  }

  private async record(p: Pick<ClaimedPrompt, "id" | "slotAt" | "target" | "recipientUserId" | "memberTz" | "scheduleTz">, channelId: string, ts: string): Promise<void> {
    const tz = this.zoneOf(p);
    if (p.recipientUserId === null) await this.prompts.recordChannelDeliveries(p.id, tz);
    await this.records.add({ id: p.id, channelId, ts, localDate: p.recipientUserId ? this.localDateOf(p.slotAt, tz) : null, postedAt: this.clock.now() });
  }

  /**
   * dnd.teamInfo for one workspace, up to 50 people a call (concurrent deliveries' lookups go out
   * together, after a short linger). Each call first takes a slot of the workspace's dnd.teamInfo
   * budget; when there is none, the lookups fail as rate-limited and their deliveries wait for the
   * slot (delayed jobs) and come back together, to share the next call.
   */
  private dndBatcher(teamId: string): MicroBatcher<string, DndStatus> {
    let batcher = this.dndByTeam.get(teamId);
    if (!batcher) {
      if (this.dndByTeam.size > 10_000) this.dndByTeam.clear();
      batcher = new MicroBatcher(
        async (asked) => {
          const wanted = [...new Set(asked)];
          const wait = await this.limiter.reserve(teamId, "dnd.teamInfo");
          if (wait > 0) {
            // Each refused batch (up to 50 people) comes back for a later call than the one before
            // it: a backlog of 600 lookups returns as 12 groups, one per call, instead of all 600
            // at every call while 50 get through (bench:multitenant: 7,400 refusals in 2 minutes).
            const queued = this.dndQueuedBatches.get(teamId) ?? 0;
            this.dndQueuedBatches.set(teamId, queued + 1);
            throw rateLimitedFor("dnd.teamInfo", wait + queued * DND_CALL_INTERVAL_MS);
          }
          this.dndQueuedBatches.delete(teamId);
          // The call's free places go to the people due next in a spread slot (their answers are stored).
          const next = this.dndLookahead
            ? await this.dndLookahead.take(teamId, wanted, DND_BATCH - wanted.length).catch((error: unknown) => {
                this.log.warn({ teamId, err: String(error) }, "could not read who is due next");
                return [] as string[];
              })
            : [];
          const users = [...wanted, ...next.filter((u) => !wanted.includes(u))];
          const byUser = await this.dndLookups.ask(teamId, users);
          return asked.map((u) => byUser[u] ?? {});
        },
        { maxSize: DND_BATCH, maxInFlight: 1, lingerMs: DND_LINGER_MS },
      );
      this.dndByTeam.set(teamId, batcher);
    }
    return batcher;
  }

  /** A slot's recipients share a few zones: luxon's zone maths once per (slot, zone), not per prompt. */
  private localDateOf(at: Date, tz: string): string {
    const key = `${at.getTime()}|${tz}`;
    let date = this.localDates.get(key);
    if (date === undefined) {
      if (this.localDates.size > 10_000) this.localDates.clear();
      date = localDate(at, tz);
      this.localDates.set(key, date);
    }
    return date;
  }

  private zoneOf(p: Pick<ClaimedPrompt, "memberTz" | "scheduleTz">): string {
    return zoneOr(p.memberTz, zoneOr(p.scheduleTz, "UTC"));
  }

  /**
   * DND (always) and presence (PROMPT_SKIP_AWAY) of a DM recipient. Only a DND 429 stops the delivery.
   * A bot sees another person's DND schedule only (Slack shows snooze_* to the person alone). The
   * stored answer is used while it holds (cachedDndStatus); otherwise dnd.teamInfo is asked, 50
   * people per call (lookups of concurrent deliveries are batched), and its answers are stored.
   */
  private async availability(p: ClaimedPrompt, now: Date, recipient: QuietLookup | null): Promise<Availability> {
    const user = p.recipientUserId ?? p.target;
    // Statuses first: a stored copy, no Slack call (someone in a meeting costs no dnd.teamInfo).
    const quiet = this.quiet ? this.quiet.verdictFor(recipient, this.windowEnd(p), now) : ({ kind: "ok" } as const);
    if (quiet.kind !== "ok") return quiet;
    const stored = cachedDndStatus(
      { enabled: p.memberDndEnabled, nextStartAt: p.memberDndNextStartAt, nextEndAt: p.memberDndNextEndAt, checkedAt: p.memberDndCheckedAt },
      now.getTime(),
    );
    let status: DndStatus;
    try {
      if (!stored) {
        const blocked = await this.limiter.blockedFor(p.teamId, "dnd.teamInfo");
        if (blocked > 0) throw rateLimitedFor("dnd.teamInfo", blocked);
      }
      status = stored ?? (await this.dndBatcher(p.teamId).add(user));
    } catch (error) {
      if (classifySlackError(error).kind === "rate_limited") throw Object.assign(error as object, { slackMethod: "dnd.teamInfo" });
      // Cannot tell: post rather than drop the prompt (chat.postMessage reports a gone user itself).
      this.log.warn({ promptId: p.id, err: classifySlackError(error) }, "dnd.teamInfo failed; posting anyway");
      return { kind: "ok" };
    }
    const dndEnd = dndEndsAt(status, now.getTime());
    if (dndEnd !== null) return dndVerdict(dndEnd, this.windowEnd(p));
    return (await this.isAway(p.teamId, user, now)) ? { kind: "skip", reason: "away" } : { kind: "ok" };
  }

  /** Prompts held back for a status (not DND or presence) are counted for the person's stats. */
  private async noteHeld(p: ClaimedPrompt, reason: string, outcome: "deferred" | "skipped"): Promise<void> {
    if (!this.quiet || !isQuietReason(reason)) return;
    await this.quiet.held({ teamId: p.teamId, userId: p.recipientUserId ?? p.target, promptId: p.id, reason, outcome, at: this.clock.now() });
  }

  /**
   * Presence is a nicety, not worth delaying prompts for: users.getPresence is limited to ~50 calls
   * a minute, so a check is made only when the workspace's budget for it has room (the shared
   * limiter), and after a 429 this process posts without the check until Retry-After has passed
   * (a delivery never waits on it, and Slack is not asked calls it would refuse). For the
   * same reason at most PRESENCE_IN_FLIGHT checks run at once; deliveries beyond that go unchecked
   * (in a big slot, hundreds of concurrent calls would all be refused after the first 50 anyway).
   */
  private async isAway(teamId: string, user: string, now: Date): Promise<boolean> {
    if (!this.options.skipAway || now.getTime() < (this.presenceBlockedUntil.get(teamId) ?? 0) || this.presenceInFlight >= PRESENCE_IN_FLIGHT) return false;
    this.presenceInFlight += 1;
    try {
      // Within the workspace's users.getPresence tier, else unchecked: a big slot asks only as often as Slack answers.
      // (Its wait is remembered here too, so the deliveries meanwhile do not each ask Redis.)
      const wait = await this.limiter.reserve(teamId, "users.getPresence");
      if (wait > 0) {
        this.presenceBlockedUntil.set(teamId, now.getTime() + wait);
        return false;
      }
      return (await this.poster.presence(user, await this.tokens.botToken(teamId))) === "away";
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.kind === "rate_limited") this.presenceBlockedUntil.set(teamId, now.getTime() + failure.retryAfterMs);
      return false;
    } finally {
      this.presenceInFlight -= 1;
    }
  }

  /** End of the prompt's window on its local day: the schedule's, narrowed by members' work hours. */
  private windowEnd(p: ClaimedPrompt): Date {
    if (p.scheduleWindowEndMinute === null) return new Date(p.slotAt.getTime() + AD_HOC_WINDOW_MS);
    const end = p.scheduleKind === "members" && p.memberWorkEndMinute !== null ? Math.min(p.scheduleWindowEndMinute, p.memberWorkEndMinute) : p.scheduleWindowEndMinute;
    // A slot's recipients share a few (zone, end) pairs: luxon once per pair, like localDateOf.
    const tz = this.zoneOf(p);
    const key = `${p.slotAt.getTime()}|${tz}|${end}`;
    let at = this.windowEnds.get(key);
    if (at === undefined) {
      if (this.windowEnds.size > 10_000) this.windowEnds.clear();
      at = windowEndInstant(p.slotAt, tz, end).getTime();
      this.windowEnds.set(key, at);
    }
    return new Date(at);
  }

  private routineOf(p: ClaimedPrompt) {
    const areas = p.area ? [p.area as BodyArea] : [];
    return routineFromExerciseIds({ areas }, p.exerciseIds) ?? promptRoutine({ area: p.area, lengthSeconds: 180, seatedOnly: false }, areaForSlot(p.area, 0), [], p.id);
  }

  /** Our message for this prompt, if a previous (dead) attempt did post it. */
  private async findPosted(p: ClaimedPrompt, since: Date): Promise<PostedMessage | null> {
    let channel = p.target;
    const token = await this.tokens.botToken(p.teamId);
    if (p.recipientUserId !== null) {
      const opened = await this.slack.conversations.open({ token, users: p.recipientUserId });
      channel = opened.channel?.id ?? channel;
    }
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page++) {
      const res = await this.slack.conversations.history({
        token,
        channel,
        oldest: String((since.getTime() - HISTORY_SLACK_MS) / 1000),
        include_all_metadata: true,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      for (const m of res.messages ?? []) {
        const payload = m.metadata?.event_payload as { prompt_id?: string } | undefined;
        if (m.metadata?.event_type === "stretch_prompt" && payload?.prompt_id === p.id && m.ts) return { channel, ts: m.ts };
      }
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor || !res.has_more) return null;
    }
    return null;
  }

  private async failed(p: ClaimedPrompt, error: unknown, lastAttempt: boolean): Promise<DeliveryOutcome> {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === "string" && code.startsWith("slack_")) {
      const { slackMethod, paced } = error as { slackMethod?: string; paced?: boolean };
      return this.slackFailed(p, classifySlackError(error), lastAttempt, paced ? null : (slackMethod ?? "chat.postMessage"));
    }
    // Not Slack's answer (database, our bug): keep the claim, so a retry checks Slack before posting.
    this.log.warn({ promptId: p.id, err: String(error) }, "delivery failed; will retry");
    if (lastAttempt) {
      await this.prompts.setStatus(p, "failed", `error: ${String(error)}`);
      this.telemetry.prompt("failed", "error");
    }
    return { kind: "retry", error: String(error) };
  }

  /** `method`: the Slack method that answered 429 (null when we held back before asking Slack). */
  private async slackFailed(p: ClaimedPrompt, f: SlackFailure, lastAttempt: boolean, method: string | null): Promise<DeliveryOutcome> {
    switch (f.kind) {
      case "rate_limited":
        // Only this workspace's calls of this method wait out Retry-After; everyone else goes on.
        if (method) await this.limiter.block(p.teamId, method, f.retryAfterMs);
        await this.prompts.release(p);
        return { kind: "rate_limited", retryAfterMs: f.retryAfterMs };
      case "permanent":
        await this.prompts.setStatus(p, "failed", f.error);
        this.telemetry.prompt("failed", f.error);
        await this.stopTarget(p, f.error, f.scope);
        return { kind: "fail", error: f.error };
      case "rejected":
        await this.prompts.setStatus(p, "failed", f.error);
        this.telemetry.prompt("failed", f.error);
        this.log.error({ promptId: p.id, error: f.error }, "Slack rejected the prompt");
        return { kind: "fail", error: f.error };
      case "unknown_outcome":
        // It may have been posted: keep the claim so the next attempt checks Slack first. Never
        // "failed" while unknown: after the last attempt the job waits out the lease instead.
        if (lastAttempt) return { kind: "delay", untilMs: Date.now() + this.options.leaseMs + 250, reason: "outcome unknown" };
        return { kind: "retry", error: f.error };
    }
  }

  /** A gone channel pauses its schedule; a gone person leaves members schedules (and pauses their DM schedule). */
  private async stopTarget(p: ClaimedPrompt, error: string, scope: "target" | "workspace"): Promise<void> {
    if (scope === "workspace") return this.pauser.pauseWorkspace(p.teamId, error);
    if (p.recipientUserId !== null && p.scheduleKind !== "dm") {
      const gone = error === "cannot_dm_bot" ? { isBot: true } : { deleted: true };
      await this.members.saveProfile(p.teamId, p.recipientUserId, gone);
      return;
    }
    // A `/stretch now` that failed says nothing about the schedule's own prompts.
    if (p.scheduleId && !p.slotKey.startsWith("now:")) await this.pauser.pause(p.teamId, p.scheduleId, error);
  }
}

/**
 * A wait we know about before calling Slack (our pacing, or a block a 429 set), shaped like
 * WebClient's 429 error. `paced`: nothing was asked of Slack, so no new block is set for it.
 */
function rateLimitedFor(method: string, ms: number): Error {
  return Object.assign(new Error(`rate limited (${method}); retry after ${ms} ms`), { code: "slack_webapi_rate_limited_error", retryAfter: ms / 1000, slackMethod: method, paced: true });
}
