import { LRUCache } from "lru-cache";
import type { LanguageRepository } from "../db/repositories/languages.js";
import { DEFAULT_LANGUAGE, resolveLanguage, SUPPORTED_LANGUAGES, translator, type T } from "../i18n/index.js";
import type { Logger } from "../logger.js";
import type { ManagerService } from "./manager-service.js";

/** A person's language is looked up again after this long (changes made here clear it at once). */
const CACHE_MS = 60_000;
const CACHE_MAX = 10_000;

export type WorkspaceLanguageResult =
  | { kind: "current"; language: string; canChange: boolean }
  | { kind: "changed"; language: string }
  | { kind: "not_allowed" }
  | { kind: "invalid" };

/**
 * Which language to talk to someone in: their choice (/stretch me language), else their Slack
 * locale, else the workspace default (/stretch language, managers), else English. Cached briefly:
 * every /stretch reply asks.
 */
export class LanguageService {
  /** Least recently used people go first past CACHE_MAX (it used to empty itself when full). */
  private readonly cache = new LRUCache<string, { t: T; at: number }>({ max: CACHE_MAX });

  constructor(
    private readonly repo: LanguageRepository,
    private readonly managers: Pick<ManagerService, "isManager">,
    private readonly log: Logger,
  ) {}

  /** The translator for this person (userId null: the workspace's, e.g. a channel prompt). */
  async forUser(teamId: string, userId: string | null, now = Date.now()): Promise<T> {
    const key = `${teamId}|${userId ?? ""}`;
    const hit = this.cache.get(key);
    if (hit && now - hit.at < CACHE_MS) return hit.t;
    let t: T;
    try {
      t = translator(resolveLanguage(await this.repo.factsOf(teamId, userId)));
    } catch (error) {
      this.log.warn({ err: String(error) }, "language look-up failed; English");
      return translator(DEFAULT_LANGUAGE);
    }
    this.cache.set(key, { t, at: now });
    return t;
  }

  /** After someone changes their own language (or a manager the workspace's). */
  forget(teamId: string, userId?: string): void {
    if (userId) this.cache.delete(`${teamId}|${userId}`);
    else for (const key of [...this.cache.keys()]) if (key.startsWith(`${teamId}|`)) this.cache.delete(key);
  }

  /** `/stretch language [pl|en]`: show, or (managers) set, the workspace default. */
  async workspace(teamId: string, userId: string, text: string): Promise<WorkspaceLanguageResult> {
    const word = text.trim().toLowerCase();
    if (!word) {
      const facts = await this.repo.factsOf(teamId, null);
      return { kind: "current", language: resolveLanguage({ workspaceDefault: facts.workspaceDefault }), canChange: await this.managers.isManager(teamId, userId) };
    }
    const language = SUPPORTED_LANGUAGES.find((l) => word === l || word.startsWith(l)) ?? (word.startsWith("pol") ? "pl" : word.startsWith("eng") || word.startsWith("ang") ? "en" : null);
    if (!language || !SUPPORTED_LANGUAGES.includes(language)) return { kind: "invalid" };
    if (!(await this.managers.isManager(teamId, userId))) return { kind: "not_allowed" };
    await this.repo.setWorkspaceDefault(teamId, language);
    this.forget(teamId);
    this.log.info({ teamId, userId, language }, "workspace language changed");
    return { kind: "changed", language };
  }
}
