import type { WebClient } from "@slack/web-api";
import type { TokenSource } from "../slack/token-source.js";
import { judgeCompletion, type CompletionVerdict, type PersonFacts } from "../domain/completion-rules.js";
import type { ReactionEvent } from "../domain/reaction-event.js";
import { milestonesReached } from "../domain/streaks.js";
import { exerciseById } from "../exercises/catalog.js";
import type { CompletionKey, CompletionRepository, PersonRow, PromptRef, ReactionOp } from "../db/repositories/completions.js";
import { personKey, type PersonKey } from "../db/repositories/streak-days.js";
import type { StreakMilestoneRepository } from "../db/repositories/streak-milestones.js";
import type { PendingReactionRow, PendingReactionRepository } from "../db/repositories/pending-reactions.js";
import type { Logger } from "../logger.js";
import { EN, type T } from "../i18n/index.js";
import type { Inbox, InboxOutcome } from "./inbox.js";
import { MicroBatcher } from "./micro-batcher.js";
import type { Notices } from "./notices.js";
import { PromptCache } from "./prompt-cache.js";
import { streakFromDays, type PersonStreak, type StreakService } from "./streak-service.js";
import { systemClock, type Clock } from "../time/clock.js";
import { silentTelemetry, type Telemetry } from "./telemetry.js";
import { slackErrorText } from "../slack/errors.js";

export type IgnoreReason = "malformed" | "not_a_prompt" | "from_bot" | Extract<CompletionVerdict, { ok: false }>["reason"];
/**
 * "deferred": the database failed; the event went to the inbox (Redis, else bounded memory) and is
 * stored later. "held": no prompt has that ts yet but the message is recent (the reaction beat
 * the prompt's own record): handed to the inbox (held_reactions) and tried again until the ts is
 * recorded (in memory for ~30 s when there is no inbox). "failed": dropped (inbox full; logged as LOST).
 */
export type ReactionOutcome = "completed" | "uncompleted" | "recorded" | "duplicate" | "deferred" | "held" | "failed" | `ignored:${IgnoreReason}`;

export type ButtonOutcome =
  | { ok: true; created: boolean; streak: PersonStreak }
  | { ok: false; reason: "missing" | "not_recipient" | "late" | "opted_out" };

/** A Done press kept for later (the database failed): judged by when it was pressed. */
export interface DeferredDone {
  teamId: string;
  userId: string;
  promptId: string;
  /** Where it was pressed (a DM prompt's channel may not be recorded yet). Absent in older items. */
  channelId?: string;
  /** ISO time of the press. */
  at: string;
}

/** A Done press: who, on which prompt (the button's value), and where (the press's channel). */
export interface DonePress {
  teamId: string;
  userId: string;
  promptId: string;
  channelId?: string | undefined;
}

/** Options of the CompletionService (all have defaults; tests and the bench tune them). */
export interface CompletionServiceOptions {
  /** "Now" for completion windows and local dates (the engine's clock). Default: the system clock. */
  clock?: Clock;
  /** Most reaction events per database batch. Default 500. */
  maxBatch?: number;
  /**
   * How long an idle batcher waits for more events, in ms. Default 50: events are acknowledged
   * before they are batched, so this only delays the write; bigger batches cost far less CPU per
   * event (Prisma compiles every statement, whatever the batch size).
   */
  lingerMs?: number;
  /** ProcessedEvent rows older than this are pruned, in ms. Default 24 h (Slack retries for ~1 h). */
  processedEventTtlMs?: number;
  /**
   * Where reactions and Done presses go when the database fails (src/services/inbox.ts). Without
   * one, a batch that still fails after its retries is logged and lost (tools, some tests).
   */
  inbox?: Inbox;
  /** Most reaction events waiting in memory for the database before new ones go to the inbox. Default 5,000. */
  maxPending?: number;
  /** Completions, reaction outcomes and event lag for /metrics. Default: reports nothing. */
  telemetry?: Telemetry;
  /**
   * Where held reactions are kept (Postgres): durable whatever happens to Redis. Without it they
   * go to the inbox's `held_reactions` (Redis) as before, or are held in memory without an inbox.
   */
  pending?: PendingReactionRepository;
  /** How often held reactions in Postgres are matched with newly recorded prompts, in ms. Default 2,000. */
  heldSweepMs?: number;
}

/**
 * A reaction on a bot message this recent whose prompt is not found yet is held, not ignored: the
 * ts of a post whose outcome was unknown (a 503 after Slack stored it) is only recorded after the
 * claim's lease and a history check, which 429s can stretch to minutes.
 */
const RECENT_MESSAGE_MS = 30 * 60_000;
/** A held reaction whose prompt is still not found this long after it happened is given up (logged). */
const HELD_GIVE_UP_MS = 30 * 60_000;
/** Without an inbox (tools, tests): delays of the in-memory tries of a held reaction, in ms (about 30 s in all). */
const HOLD_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000, 16_000];
/** Most reactions held at once; beyond that they are judged on what is known (ignored). */
const MAX_HELD = 5_000;

const PRUNE_EVERY_MS = 60 * 60_000;
/** Held reactions resolved per sweep query (the sweep goes on while it finds a full page). */
const SWEEP_PAGE = 500;

/**
 * Completions from reactions and the Done button, then streak milestones.
 *
 * Reactions arrive on the Events API, which Bolt acknowledges before any listener runs; this
 * service therefore never sits on the ack path. Events are batched (MicroBatcher): per batch a few
 * queries and one transaction, whatever the number of events. Ignoring is cheap: reactions on
 * messages another user wrote never reach the database, and non-prompt messages are remembered.
 */
export class CompletionService {
  private languageOf: (teamId: string, userId: string) => Promise<T> = () => Promise.resolve(EN);

  /** Milestone DMs speak the person's language; English until this is set. */
  useLanguages(languageOf: (teamId: string, userId: string) => Promise<T>): void {
    this.languageOf = languageOf;
  }

  private readonly batcher: MicroBatcher<ReactionEvent, ReactionOutcome>;
  private readonly prompts = new PromptCache();
  private readonly sideEffects = new Set<Promise<unknown>>();
  private readonly holds = new Map<string, { attempt: number; timer: NodeJS.Timeout; event: ReactionEvent }>();
  private pruneTimer: NodeJS.Timeout | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(
    private readonly repo: CompletionRepository,
    private readonly streaks: StreakService,
    private readonly milestones: StreakMilestoneRepository,
    private readonly slack: WebClient,
    private readonly tokens: TokenSource,
    private readonly log: Logger,
    /** Renders the milestone DM (the bot's presenters). */
    private readonly notices: Pick<Notices, "streakMilestone">,
    private readonly options: CompletionServiceOptions = {},
  ) {
    const inbox = options.inbox;
    this.batcher = new MicroBatcher((events) => this.processBatch(events), {
      onFailure: async (events, error) => {
        if (!inbox) {
          this.log.error({ err: String(error), eventIds: events.map((e) => e.eventId) }, "reaction batch failed after retries");
          return "failed";
        }
        this.log.warn({ err: String(error), events: events.length }, "reaction batch failed after retries; handed to the inbox");
        return outcomeOf(await inbox.defer("reactions", events, events.length));
      },
      ...(inbox && { onOverflow: async (event: ReactionEvent) => outcomeOf(await inbox.defer("reactions", [event], 1)), maxPending: options.maxPending ?? 5_000 }),
      maxSize: options.maxBatch ?? 500,
      lingerMs: options.lingerMs ?? 50,
      // One batch at a time keeps Slack's order (an add, then a remove of the same emoji).
      maxInFlight: 1,
      retryDelaysMs: [50, 250, 1000],
    });
    inbox?.register<ReactionEvent[]>("reactions", async (events) => {
      await this.processBatch(events.map((e) => ({ ...e, at: new Date(e.at) })));
    });
    inbox?.register<ReactionEvent[]>("held_reactions", async (events) => this.retryHeld(events.map((e) => ({ ...e, at: new Date(e.at) }))));
    inbox?.register<DeferredDone>("done", async (press) => {
      await this.completeByButton(press, new Date(press.at));
    });
    // Every process sweeps: a reaction held by a web process that died is resolved by another.
    if (options.pending && (options.heldSweepMs ?? 2_000) > 0) {
      this.sweepTimer = setInterval(() => void this.sweepHeld(), options.heldSweepMs ?? 2_000);
      this.sweepTimer.unref();
    }
  }

  /**
   * Held reactions (Postgres) whose prompt now has its ts become completions, in event order, once
   * (ProcessedEvent drops a second try of the same event); those past their 30 minutes are given up
   * (logged). Never rejects: a database error is logged and the next sweep tries again.
   */
  sweepHeld(): Promise<void> {
    const pending = this.options.pending;
    if (!pending) return Promise.resolve();
    this.sweeping ??= (async () => {
      try {
        for (;;) {
          const rows = await pending.resolvable(SWEEP_PAGE);
          if (rows.length === 0) break;
          const events = rows.map(heldEvent);
          for (const e of events) this.prompts.forget(PromptCache.key(e.teamId, e.channelId, e.messageTs));
          const outcomes = await this.processBatch(events, "retry");
          await pending.remove(events.filter((_, i) => outcomes[i] !== "held").map((e) => e.eventId));
          if (rows.length < SWEEP_PAGE || outcomes.every((o) => o === "held")) break;
        }
        // Slack's time line (eventAt is the reaction's event time), hence the machine's clock.
        const expired = await pending.expire(new Date());
        if (expired.length > 0) {
          this.log.warn(
            { events: expired.map((e) => ({ eventId: e.eventId, teamId: e.teamId, channelId: e.channelId, messageTs: e.messageTs, userId: e.userId, kind: e.kind })) },
            "held reactions given up: no prompt recorded for their message within 30 minutes",
          );
        }
      } catch (error) {
        this.log.warn({ err: String(error) }, "held reactions sweep failed; trying again");
      } finally {
        this.sweeping = undefined;
      }
    })();
    return this.sweeping;
  }

  /** Stops the held-reactions sweep (shutdown, after drain()). */
  stop(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
  }

  /**
   * A reaction_added / reaction_removed event (null when malformed). Resolves once it is stored or
   * ignored; never rejects. `botUserId` is this app's bot user: prompts are its messages
   * (`botId` is accepted too, defensively: it costs nothing).
   */
  async recordReaction(event: ReactionEvent | null, botUserId?: string, botId?: string): Promise<ReactionOutcome> {
    const outcome = await this.judgeReaction(event, botUserId, botId);
    const telemetry = this.options.telemetry ?? silentTelemetry;
    if (event) telemetry.reactionEvent(outcome, (Date.now() - event.at.getTime()) / 1000);
    return outcome;
  }

  private async judgeReaction(event: ReactionEvent | null, botUserId?: string, botId?: string): Promise<ReactionOutcome> {
    if (!event) return "ignored:malformed";
    if (botUserId && event.userId === botUserId) return "ignored:from_bot";
    // Slack's item_user is the message's author: anything our bot did not write is not a prompt.
    if (botUserId && event.itemUser && event.itemUser !== botUserId && event.itemUser !== botId) return "ignored:not_a_prompt";
    if (this.prompts.get(PromptCache.key(event.teamId, event.channelId, event.messageTs)) === null) return "ignored:not_a_prompt";
    this.startPruning();
    return this.batcher.add(event);
  }

  /**
   * The Done button when the database may be down: stored now, or kept in the inbox and stored
   * later (judged by the time of the press). "deferred" tells the person it will count.
   */
  async completeByButtonDurably(input: DonePress, now = (this.options.clock ?? systemClock).now()): Promise<ButtonOutcome | { ok: "deferred" }> {
    try {
      return await this.completeByButton(input, now);
    } catch (error) {
      if (!this.options.inbox) throw error;
      this.log.warn({ err: String(error) }, "Done press not stored; handed to the inbox");
      const { channelId, ...press } = input;
      const kept = await this.options.inbox.defer<DeferredDone>("done", { ...press, ...(channelId ? { channelId } : {}), at: now.toISOString() });
      if (kept === "dropped") throw error;
      return { ok: "deferred" };
    }
  }

  /**
   * The Done button on a prompt. Pressing twice changes nothing and answers the same. A prompt
   * whose ts is not recorded yet counts (see CompletionRepository.findPrompt).
   */
  async completeByButton(input: DonePress, now = (this.options.clock ?? systemClock).now()): Promise<ButtonOutcome> {
    const prompt = await this.repo.findPrompt(input.teamId, input.promptId);
    if (!prompt) return { ok: false, reason: "missing" };
    const [people, deliveries] = await Promise.all([
      this.repo.people([input]),
      this.repo.deliveryDates([{ promptId: prompt.id, userId: input.userId }]),
    ]);
    const verdict = judgeCompletion({
      prompt,
      person: people[0] ?? null,
      userId: input.userId,
      allowedReactions: [],
      at: now,
      deliveredLocalDate: deliveries[0]?.localDate,
    });
    if (!verdict.ok) return { ok: false, reason: verdict.reason === "bot" || verdict.reason === "emoji_not_counted" ? "not_recipient" : verdict.reason };
    const { created } = await this.repo.completeByButton(
      { teamId: input.teamId, promptId: prompt.id, userId: input.userId, channelId: prompt.channelId ?? input.channelId ?? prompt.recipientUserId ?? "",
        area: areaOf(prompt), localDate: verdict.localDate },
      now,
    );
    if (created) (this.options.telemetry ?? silentTelemetry).completion("button");
    const key: CompletionKey = { teamId: input.teamId, promptId: prompt.id, userId: input.userId, localDate: verdict.localDate };
    const streaks = created ? await this.afterNewCompletions([key], now) : await this.streaks.forPeople([input], now);
    return { ok: true, created, streak: streaks.get(personKey(input))! };
  }

  /** After forget-me or an uninstall deleted prompts. */
  forgetPrompts(teamId: string): void {
    this.prompts.forgetTeam(teamId);
  }

  /** Waits for queued reactions and milestone DMs (shutdown, tests). */
  async drain(): Promise<void> {
    // Held reactions get their last try now rather than after their timers.
    for (const [eventId, hold] of this.holds) {
      clearTimeout(hold.timer);
      this.holds.delete(eventId);
      this.track(this.batcher.add(hold.event));
    }
    this.draining = true;
    await this.batcher.drain();
    while (this.sideEffects.size > 0) await Promise.allSettled([...this.sideEffects]);
    await this.batcher.drain();
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.pruneTimer = undefined;
    this.draining = false;
  }

  private draining = false;

  /**
   * A reaction on a recent bot message with no prompt row yet: the prompt was posted but its ts
   * not recorded yet. Tried again a few times over ~30 s instead of being ignored.
   */
  private hold(event: ReactionEvent): boolean {
    const attempt = (this.holdAttempts.get(event.eventId) ?? 0) + 1;
    const delay = HOLD_DELAYS_MS[attempt - 1];
    if (this.draining || delay === undefined || this.holds.size >= MAX_HELD) {
      this.holdAttempts.delete(event.eventId);
      return false;
    }
    this.holdAttempts.set(event.eventId, attempt);
    const timer = setTimeout(() => {
      this.holds.delete(event.eventId);
      this.track(this.batcher.add(event));
    }, delay);
    timer.unref();
    this.holds.set(event.eventId, { attempt, timer, event });
    return true;
  }

  private readonly holdAttempts = new Map<string, number>();

  /**
   * The inbox's retry of reactions held for their prompt's ts (each try after the inbox's back-off:
   * 1 s doubling to 60 s). Throws while some are still waiting, so the job is tried again; gives
   * up on those HELD_GIVE_UP_MS after they happened (logged). Stored ones read as duplicates later.
   */
  private async retryHeld(events: ReactionEvent[]): Promise<void> {
    // A message first seen long after it was posted may be cached as "not a prompt": ask again.
    for (const e of events) this.prompts.forget(PromptCache.key(e.teamId, e.channelId, e.messageTs));
    const outcomes = await this.processBatch(events, "retry");
    const now = Date.now(); // Slack's time line: e.at is the reaction's event time
    const waiting = events.filter((e, i) => outcomes[i] === "held");
    const expired = waiting.filter((e) => now - e.at.getTime() >= HELD_GIVE_UP_MS);
    if (expired.length > 0) {
      this.log.warn(
        { events: expired.map((e) => ({ eventId: e.eventId, teamId: e.teamId, channelId: e.channelId, messageTs: e.messageTs, userId: e.userId })) },
        "held reactions given up: no prompt recorded for their message within 30 minutes",
      );
    }
    if (waiting.length > expired.length) throw new HeldReactionsWaiting(waiting.length - expired.length);
  }

  /**
   * "retry": the inbox's retry of held reactions; a reaction whose prompt is still not found is
   * reported "held" and left to that job (not held again).
   */
  private async processBatch(events: ReactionEvent[], mode: "new" | "retry" = "new"): Promise<ReactionOutcome[]> {
    const now = (this.options.clock ?? systemClock).now();
    const parked: ReactionEvent[] = [];
    const prompts = await this.resolvePrompts(events);
    const relevant = events.filter((e) => prompts.has(e.eventId));
    const [allowed, people, deliveries] = await Promise.all([
      this.repo.allowedReactions([...new Set(relevant.map((e) => e.teamId))]),
      this.repo.people(uniqueBy(relevant.map((e) => ({ teamId: e.teamId, userId: e.userId })), personKey)),
      this.repo.deliveryDates(uniqueBy(relevant.map((e) => ({ promptId: prompts.get(e.eventId)!.id, userId: e.userId })), (p) => `${p.promptId}|${p.userId}`)),
    ]);
    const personOf = new Map(people.map((p) => [personKey(p), toPersonFacts(p)]));
    const deliveredOn = new Map(deliveries.map((d) => [`${d.promptId}|${d.userId}`, d.localDate]));

    const outcome = new Map<string, ReactionOutcome>();
    const ops: ReactionOp[] = [];
    const seen = new Set<string>();
    const results: Array<ReactionOutcome | undefined> = events.map((e) => {
      // A retry that lands in the same batch as the original.
      if (seen.has(e.eventId)) return "duplicate";
      seen.add(e.eventId);
      return undefined;
    });
    for (const [i, event] of events.entries()) {
      if (results[i]) continue;
      const prompt = prompts.get(event.eventId);
      if (!prompt) {
        if (mode === "retry") outcome.set(event.eventId, "held");
        else if (!event.itemUser || !isRecentMessage(event.messageTs, now)) outcome.set(event.eventId, "ignored:not_a_prompt");
        else if (this.options.pending || this.options.inbox) parked.push(event);
        else outcome.set(event.eventId, this.hold(event) ? "held" : "ignored:not_a_prompt");
        continue;
      }
      this.holdAttempts.delete(event.eventId);
      const verdict = judgeCompletion({
        prompt,
        person: personOf.get(personKey(event)) ?? null,
        userId: event.userId,
        reaction: event.reaction,
        allowedReactions: allowed.get(event.teamId) ?? [],
        at: event.at,
        deliveredLocalDate: deliveredOn.get(`${prompt.id}|${event.userId}`),
      });
      if (!verdict.ok) {
        outcome.set(event.eventId, `ignored:${verdict.reason}`);
        continue;
      }
      ops.push({ ...event, promptId: prompt.id, channelId: prompt.channelId, area: areaOf(prompt), localDate: verdict.localDate });
    }

    const result = await this.repo.applyReactionBatch(ops, now);
    const removals = ops.filter((o) => o.kind === "removed" && !result.duplicateEventIds.includes(o.eventId));
    if (this.options.pending && removals.length > 0) {
      const byId = new Map(events.map((e) => [e.eventId, e]));
      await this.options.pending.cancelAdds(removals.map((o) => ({ ...o, messageTs: byId.get(o.eventId)!.messageTs, at: byId.get(o.eventId)!.at })));
    }
    if (parked.length > 0 && this.options.pending) {
      // Durable at once, in Postgres (a failure here fails the batch: it is retried, then goes to
      // the inbox like any reaction). Every process's sweep turns them into completions.
      await this.options.pending.hold(parked.map(heldRow), (row) => new Date(row.eventAt.getTime() + HELD_GIVE_UP_MS));
      for (const e of parked) outcome.set(e.eventId, "held");
    } else if (parked.length > 0) {
      // Durable at once (Redis, else the inbox's bounded memory): a web process killed a second
      // later must not take them along. The inbox's worker retries until the ts is recorded.
      const kept = await this.options.inbox!.defer("held_reactions", parked, parked.length);
      for (const e of parked) outcome.set(e.eventId, kept === "dropped" ? "failed" : "held");
    }
    // Counted where they are stored: also held reactions and those replayed from the inbox.
    for (let i = 0; i < result.created.length; i++) (this.options.telemetry ?? silentTelemetry).completion("reaction");
    const duplicate = new Set(result.duplicateEventIds);
    const created = new Set(result.created.map((c) => `${c.promptId}|${c.userId}`));
    const removed = new Set(result.removed.map((c) => `${c.promptId}|${c.userId}`));
    for (const op of ops) {
      const pair = `${op.promptId}|${op.userId}`;
      outcome.set(op.eventId, duplicate.has(op.eventId) ? "duplicate" : created.has(pair) ? "completed" : removed.has(pair) ? "uncompleted" : "recorded");
    }
    if (result.created.length > 0) {
      // Zones from the Member rows already loaded (null = unknown, UTC): saves a query per batch.
      const zones = new Map(result.created.map((c) => [personKey(c), personOf.get(personKey(c))?.tz ?? null]));
      // The completions are committed: a failure here must not replay the batch (its events would
      // all read as duplicates); it only costs a milestone DM.
      await this.afterNewCompletions(result.created, now, zones).catch((error: unknown) => {
        this.log.warn({ err: String(error), completions: result.created.length }, "streak milestones skipped after a failure");
      });
    }
    return events.map((e, i) => results[i] ?? outcome.get(e.eventId) ?? "duplicate");
  }

  /** Cache first, then one query for the rest; remembers messages that are not prompts. */
  private async resolvePrompts(events: ReactionEvent[]): Promise<Map<string, PromptRef>> {
    const byEvent = new Map<string, PromptRef>();
    const missing = new Map<string, { teamId: string; channelId: string; messageTs: string }>();
    for (const e of events) {
      const key = PromptCache.key(e.teamId, e.channelId, e.messageTs);
      const cached = this.prompts.get(key);
      if (cached) byEvent.set(e.eventId, cached);
      else if (cached === undefined) missing.set(key, e);
    }
    if (missing.size > 0) {
      const found = await this.repo.findPromptsByMessage([...missing.values()]);
      const byKey = new Map(found.map((p) => [PromptCache.key(p.teamId, p.channelId, p.messageTs), p]));
      const now = Date.now(); // compared with message ts: Slack's time line, not the product clock
      for (const [key, e] of missing) {
        const found = byKey.get(key);
        // "Not a prompt" is remembered only for older messages: a recent one may be a prompt whose ts is not recorded yet.
        if (found) this.prompts.set(key, found);
        else if (!isRecentMessage(e.messageTs, new Date(now))) this.prompts.set(key, null);
      }
      for (const e of events) {
        const prompt = byKey.get(PromptCache.key(e.teamId, e.channelId, e.messageTs));
        if (prompt) byEvent.set(e.eventId, prompt);
      }
    }
    return byEvent;
  }

  /**
   * Streaks of the people who just completed something, and their milestones: each milestone
   * passed with this completion (above their best before it) is claimed as a row first, then
   * celebrated by DM, so it is celebrated at most once.
   */
  private async afterNewCompletions(created: CompletionKey[], now: Date, zones?: Map<string, string | null>): Promise<Map<string, PersonStreak>> {
    const newDates = new Map<string, string[]>();
    for (const c of created) newDates.set(personKey(c), [...(newDates.get(personKey(c)) ?? []), c.localDate]);
    const people: PersonKey[] = uniqueBy(created.map((c) => ({ teamId: c.teamId, userId: c.userId })), personKey);
    const streaks = await this.streaks.forPeople(people.map((p) => ({ ...p, tz: zones?.get(personKey(p)) })), now);
    for (const person of people) {
      const streak = streaks.get(personKey(person));
      if (!streak) continue;
      const before = streakFromDays(streak.days, streak.today, newDates.get(personKey(person)));
      const reached = milestonesReached(before.best, streak.current);
      if (reached.length === 0) continue;
      const claimed = await this.milestones.claim(person.teamId, person.userId, reached, now);
      if (claimed.length > 0) this.track(this.celebrate(person, Math.max(...claimed)));
    }
    return streaks;
  }

  /** One DM for the highest milestone reached (several at once only after a data import). */
  private async celebrate(person: PersonKey, days: number): Promise<void> {
    try {
      await this.slack.chat.postMessage({ token: await this.tokens.botToken(person.teamId), channel: person.userId, ...this.notices.streakMilestone(days, await this.languageOf(person.teamId, person.userId)) });
      this.log.info({ teamId: person.teamId, userId: person.userId, days }, "streak milestone celebrated");
    } catch (error) {
      const code = slackErrorText(error);
      this.log.warn({ teamId: person.teamId, userId: person.userId, days, err: code }, "milestone DM failed");
    }
  }

  private track(promise: Promise<unknown>): void {
    this.sideEffects.add(promise);
    void promise.finally(() => this.sideEffects.delete(promise));
  }

  private startPruning(): void {
    if (this.pruneTimer) return;
    const ttl = this.options.processedEventTtlMs ?? 24 * 60 * 60_000;
    this.pruneTimer = setInterval(() => {
      this.track(
        this.repo.pruneProcessedEvents(new Date(Date.now() - ttl)).catch((error: unknown) => this.log.warn({ err: String(error) }, "pruning processed events failed")),
      );
    }, PRUNE_EVERY_MS);
    this.pruneTimer.unref();
  }
}

/** Thrown to have the inbox try held reactions again later (their prompt's ts is not recorded yet). */
export class HeldReactionsWaiting extends Error {
  constructor(readonly waiting: number) {
    super(`${waiting} held reaction(s) still wait for their prompt's ts`);
    this.name = "HeldReactionsWaiting";
  }
}

/** Slack ts (seconds since epoch) within RECENT_MESSAGE_MS of now (or in the future). */
function isRecentMessage(messageTs: string, now: Date): boolean {
  return now.getTime() - Number(messageTs) * 1000 < RECENT_MESSAGE_MS;
}

function outcomeOf(kept: InboxOutcome): ReactionOutcome {
  return kept === "dropped" ? "failed" : "deferred";
}

/** The prompt's area; for rotating prompts (no area) the primary area of its first exercise. */
function areaOf(prompt: Pick<PromptRef, "area" | "exerciseIds">): string | null {
  if (prompt.area) return prompt.area;
  const first = prompt.exerciseIds[0];
  return (first && exerciseById(first)?.areas[0]) || null;
}

function toPersonFacts(row: PersonRow): PersonFacts {
  return { tz: row.tz, workEndMinute: row.workEndMinute, optedOut: row.optedOut, isBot: row.isBot };
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((i) => [key(i), i])).values()];
}

function heldRow(e: ReactionEvent): PendingReactionRow {
  return { eventId: e.eventId, teamId: e.teamId, channelId: e.channelId, messageTs: e.messageTs, userId: e.userId, reaction: e.reaction, kind: e.kind, itemUser: e.itemUser ?? null, eventAt: e.at };
}

function heldEvent(r: PendingReactionRow): ReactionEvent {
  return { eventId: r.eventId, teamId: r.teamId, kind: r.kind, userId: r.userId, reaction: r.reaction, channelId: r.channelId, messageTs: r.messageTs, itemUser: r.itemUser ?? undefined, at: r.eventAt };
}
