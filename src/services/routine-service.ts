import { randomUUID } from "node:crypto";
import { exerciseById } from "../exercises/catalog.js";
import { parseRoutineText, type ParsedRoutineRequest } from "../exercises/request-parser.js";
import { buildRoutine, createRng, routineFromExerciseIds, type Routine, type RoutineRequest } from "../exercises/routine-builder.js";
import type { RoutineRequestRepository } from "../db/repositories/routine-requests.js";
import type { MemberPrefsRepository } from "../db/repositories/member-prefs.js";
import { personalCatalog, type PersonalPrefs } from "../domain/personal-prefs.js";
import type { Exercise } from "../exercises/types.js";
import type { Logger } from "../logger.js";
import { systemClock, type Clock } from "../time/clock.js";

export interface RoutineAsker {
  teamId: string;
  userId: string;
  channelId?: string | undefined;
}

/** What `/stretch <text>` answers, as data; the bot's presenter (bot/presenters/routine.ts) renders it. */
export type RoutineReply =
  | { kind: "help" }
  | { kind: "list" }
  | { kind: "unknown"; parsed: Extract<ParsedRoutineRequest, { kind: "unknown" }> }
  | { kind: "exercise"; exercise: Exercise }
  | { kind: "routine"; routine: Routine; requestText: string; seed: string };

/** Exercises seen this recently are avoided in a new routine (when the catalog allows). */
const RECENT_WINDOW_MS = 12 * 60 * 60 * 1000;
/** The look-up of recent exercises must never hold up the 3-second ack. */
const RECENT_LOOKUP_TIMEOUT_MS = 250;

/**
 * `/stretch <anything that is not a sub-command>`: understand the text, build a routine that
 * avoids what this person saw lately, and record the request for stats.
 */
export class RoutineService {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly requests: RoutineRequestRepository,
    private readonly log: Logger,
    /** The asker's personal settings (areas to avoid, seated, gentle); none = the whole catalog. */
    private readonly prefs?: Pick<MemberPrefsRepository, "prefsOf">,
    /** Stamps requests and measures "recently" (one clock on both sides, whatever the database's says). */
    private readonly clock: Clock = systemClock,
  ) {}

  async reply(asker: RoutineAsker, text: string, seed: string = randomUUID()): Promise<RoutineReply> {
    const parsed = parseRoutineText(text);
    switch (parsed.kind) {
      case "help":
        this.record(asker, text, "help");
        return { kind: "help" };
      case "list":
        this.record(asker, text, "list");
        return { kind: "list" };
      case "unknown":
        this.record(asker, text, "unknown");
        return { kind: "unknown", parsed };
      case "exercise": {
        const exercise = exerciseById(parsed.exerciseId);
        if (!exercise) return { kind: "unknown", parsed: { kind: "unknown", input: text, suggestions: [] } };
        this.record(asker, text, "exercise", { exerciseIds: [exercise.id], seconds: exercise.estimatedSeconds, areas: [...exercise.areas] });
        return { kind: "exercise", exercise };
      }
      case "routine": {
        const [avoidIds, prefs] = await Promise.all([this.recentlySeen(asker), this.prefsOf(asker)]);
        const routine = this.build(parsed.request, seed, avoidIds, prefs);
        this.recordRoutine(asker, text, routine);
        return { kind: "routine", routine, requestText: text, seed };
      }
    }
  }

  /** "Another one": same request, new seed, avoiding what is on screen now. */
  async another(asker: RoutineAsker, text: string, currentIds: string[]): Promise<RoutineReply> {
    const parsed = parseRoutineText(text);
    if (parsed.kind !== "routine") return this.reply(asker, text);
    const seed = randomUUID();
    const [recent, prefs] = await Promise.all([this.recentlySeen(asker), this.prefsOf(asker)]);
    const avoidIds = [...new Set([...currentIds, ...recent])];
    const routine = this.build(parsed.request, seed, avoidIds, prefs);
    this.recordRoutine(asker, text, routine);
    return { kind: "routine", routine, requestText: text, seed };
  }

  /** The public copy of a routine someone chose to share: the exact exercises they were shown. */
  shared(text: string, exerciseIds: readonly string[]): Routine | undefined {
    const parsed = parseRoutineText(text);
    if (parsed.kind !== "routine") return undefined;
    return routineFromExerciseIds(parsed.request, exerciseIds) ?? undefined;
  }

  private build(request: RoutineRequest, seed: string, avoidIds: string[], prefs: PersonalPrefs | null): Routine {
    const req = { ...request, avoidIds: [...(request.avoidIds ?? []), ...avoidIds] };
    if (!prefs) return buildRoutine(req, createRng(seed));
    if (prefs.seatedOnly && !req.position) req.position = "seated";
    return buildRoutine(req, createRng(seed), personalCatalog(prefs));
  }

  /** Like recentlySeen: never holds up the ack; no settings on a slow or failed look-up. */
  private async prefsOf(asker: RoutineAsker): Promise<PersonalPrefs | null> {
    if (!this.prefs) return null;
    const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), RECENT_LOOKUP_TIMEOUT_MS).unref());
    try {
      return await Promise.race([this.prefs.prefsOf(asker.teamId, [asker.userId]).then((m) => m.get(asker.userId) ?? null), timeout]);
    } catch (error) {
      this.log.warn({ err: String(error) }, "personal settings unavailable; building without them");
      return null;
    }
  }

  private async recentlySeen(asker: RoutineAsker): Promise<string[]> {
    const since = new Date(this.clock.now().getTime() - RECENT_WINDOW_MS);
    const lookup = this.requests.recentExerciseIds(asker.teamId, asker.userId, since);
    const timeout = new Promise<string[]>((resolve) => setTimeout(() => resolve([]), RECENT_LOOKUP_TIMEOUT_MS).unref());
    try {
      return await Promise.race([lookup, timeout]);
    } catch (error) {
      this.log.warn({ err: String(error) }, "recent exercises unavailable; building without them");
      return [];
    }
  }

  private recordRoutine(asker: RoutineAsker, text: string, routine: Routine): void {
    this.record(asker, text, "routine", {
      areas: [...new Set(routine.items.flatMap((i) => i.exercise.areas.slice(0, 1)))],
      exerciseIds: routine.items.map((i) => i.exercise.id),
      seconds: routine.totalSeconds,
    });
  }

  /** Waits for audit rows still being written (graceful shutdown). */
  async drain(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  /** Not awaited: the audit row must not delay the reply, and its failure must not lose the reply. */
  private record(asker: RoutineAsker, text: string, outcome: string, extra: { areas?: string[]; exerciseIds?: string[]; seconds?: number } = {}): void {
    const write = this.requests
      .record({ ...asker, text, outcome, areas: extra.areas ?? [], exerciseIds: extra.exerciseIds ?? [], seconds: extra.seconds }, this.clock.now())
      .catch((error: unknown) => this.log.warn({ err: String(error) }, "could not record routine request"))
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }
}
