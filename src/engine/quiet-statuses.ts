import type { QuietLookup, QuietStatusRepository } from "../db/repositories/quiet-status.js";
import type { Availability } from "../domain/availability.js";
import { classifyStatus, entriesFromStored, quietVerdict, statusFromSlackUser, type QuietEntry } from "../domain/quiet-status.js";
import type { Logger } from "../logger.js";
import { resolveLanguage, translator, type T } from "../i18n/index.js";
import { MicroBatcher } from "../services/micro-batcher.js";

/**
 * "Don't interrupt me": DM prompts wait for (or skip) people in a meeting, a huddle or away by
 * their Slack status. Statuses come from events (user_status_changed, user_change,
 * user_huddle_changed), never from polling; a delivery reads the stored copy (one statement per
 * batch of deliveries) and records why it held a prompt back, for stats.
 */
export class QuietStatuses {
  private readonly lookups: MicroBatcher<{ teamId: string; userId: string }, QuietLookup | null>;
  /** Parsed workspace lists by their stored text (few workspaces, rarely changed). */
  private readonly parsed = new Map<string, QuietEntry[]>();
  private readonly workspaceLanguages = new Map<string, { lang: string | null; at: number }>();

  constructor(
    private readonly repo: QuietStatusRepository,
    private readonly log: Logger,
  ) {
    this.lookups = new MicroBatcher(
      async (keys) => {
        const rows = await this.repo.lookup(keys);
        const byKey = new Map(rows.map((r) => [`${r.teamId}|${r.userId}`, r]));
        return keys.map((k) => byKey.get(`${k.teamId}|${k.userId}`) ?? null);
      },
      { maxSize: 500, maxInFlight: 2 },
    );
  }

  /**
   * A Slack user object from an event (or users.info) as of `eventAt` (the event's time: events
   * can arrive out of order and be retried, and the older one must not win).
   */
  async changed(teamId: string, user: Record<string, unknown>, eventAt: Date): Promise<boolean> {
    const userId = typeof user.id === "string" ? user.id : undefined;
    if (!userId || typeof user.profile !== "object" || user.profile === null) return false;
    const saved = await this.repo.save(teamId, userId, statusFromSlackUser(user), eventAt);
    this.log.debug({ teamId, userId, eventAt: eventAt.toISOString(), saved }, saved ? "status stored" : "status event older than the stored one (or unknown person): ignored");
    return saved;
  }

  /** A DM recipient's stored status and prompt style (batched); null when unknown or the look-up failed. */
  async recipient(teamId: string, userId: string): Promise<QuietLookup | null> {
    try {
      return await this.lookups.add({ teamId, userId });
    } catch (error) {
      // Cannot tell: post rather than drop the prompt.
      this.log.warn({ teamId, userId, err: String(error) }, "status look-up failed; posting anyway");
      return null;
    }
  }

  /** Whether a DM prompt may go to this person now, given the end of their window. */
  verdictFor(row: QuietLookup | null, windowEnd: Date, now: Date): Availability {
    if (!row) return { kind: "ok" };
    return quietVerdict(classifyStatus(row, this.entriesOf(row.workspaceList), now.getTime()), windowEnd, now.getTime());
  }

  /** The meeting or huddle this person is in now, with its end when Slack gave one ("after my meeting"). */
  async current(teamId: string, userId: string, now: Date): Promise<{ kind: string; endsAt: Date | null } | null> {
    const [row] = await this.repo.lookup([{ teamId, userId }]);
    return row ? classifyStatus(row, this.entriesOf(row.workspaceList), now.getTime()) : null;
  }

  /** The translator for a prompt: the recipient's language (DM), or the workspace's (channel, cached a minute). */
  async languageFor(teamId: string, recipient: QuietLookup | null, isDm: boolean, now = Date.now()): Promise<T> {
    if (isDm && recipient) return translator(resolveLanguage({ chosen: recipient.language, slackLocale: recipient.slackLocale, workspaceDefault: recipient.workspaceDefault }));
    const hit = this.workspaceLanguages.get(teamId);
    if (hit && now - hit.at < 60_000) return translator(hit.lang);
    const lang = await this.repo.workspaceLanguage(teamId).catch(() => null);
    if (this.workspaceLanguages.size > 10_000) this.workspaceLanguages.clear();
    this.workspaceLanguages.set(teamId, { lang, at: now });
    return translator(lang);
  }

  /** Remembers that this prompt was held back (deferred or skipped) and why. Best effort. */
  async held(input: { teamId: string; userId: string; promptId: string; reason: string; outcome: "deferred" | "skipped"; at?: Date }): Promise<void> {
    await this.repo.recordHold(input).catch((error: unknown) => this.log.warn({ promptId: input.promptId, err: String(error) }, "could not record a held prompt"));
  }

  private entriesOf(list: string[] | null): QuietEntry[] {
    const key = list === null ? "\u0000default" : list.join("\n");
    let entries = this.parsed.get(key);
    if (!entries) {
      if (this.parsed.size > 1000) this.parsed.clear();
      entries = entriesFromStored(list);
      this.parsed.set(key, entries);
    }
    return entries;
  }
}
