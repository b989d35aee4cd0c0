import { LRUCache } from "lru-cache";
import type { PromptRef } from "../db/repositories/completions.js";

/** Options of a PromptCache. */
export interface PromptCacheOptions {
  /** Most remembered messages (prompts and non-prompts together). Default 20 000. */
  maxEntries?: number;
  /** How long a found prompt is remembered, in ms. Default 10 minutes. */
  positiveTtlMs?: number;
  /**
   * How long "this message is not a prompt" is remembered, in ms. Default 60 s: short, because a
   * prompt's messageTs is saved just after chat.postMessage answers and a very quick reaction could
   * be looked up before that.
   */
  negativeTtlMs?: number;
}

/**
 * Message (team, channel, ts) → prompt or "not a prompt". Most reactions in a workspace land on
 * ordinary messages; remembering those answers keeps them to a Map look-up after the first one.
 * The least recently used entry goes first when full. Expiry is kept in the entry (not lru-cache's
 * own TTL) so that callers and tests can pass the time.
 */
export class PromptCache {
  private readonly entries: LRUCache<string, { prompt: PromptRef | null; expiresAt: number }>;
  private readonly positiveTtlMs: number;
  private readonly negativeTtlMs: number;

  constructor(options: PromptCacheOptions = {}) {
    this.entries = new LRUCache({ max: options.maxEntries ?? 20_000 });
    this.positiveTtlMs = options.positiveTtlMs ?? 10 * 60_000;
    this.negativeTtlMs = options.negativeTtlMs ?? 60_000;
  }

  static key(teamId: string, channelId: string, messageTs: string): string {
    return `${teamId}|${channelId}|${messageTs}`;
  }

  /** The prompt, null for a known non-prompt, undefined when not known. */
  get(key: string, now = Date.now()): PromptRef | null | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.prompt;
  }

  set(key: string, prompt: PromptRef | null, now = Date.now()): void {
    this.entries.set(key, { prompt, expiresAt: now + (prompt ? this.positiveTtlMs : this.negativeTtlMs) });
  }

  /** Drops one entry (a remembered "not a prompt" that may have become one). */
  forget(key: string): void {
    this.entries.delete(key);
  }

  /** After prompts were deleted (forget-me, uninstall): forget everything of that team. */
  forgetTeam(teamId: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(`${teamId}|`)) this.entries.delete(key);
  }
}
