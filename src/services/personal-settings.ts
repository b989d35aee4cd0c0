import type { MemberPrefsRepository, PersonalSettings, PersonalSettingsPatch } from "../db/repositories/member-prefs.js";
import { parseMeCommand, type MeChange } from "../domain/personal-prefs.js";
import type { InvalidWithExample, Problem } from "../domain/problem.js";
import { formatClock } from "../domain/slots.js";
import type { Logger } from "../logger.js";
import type { MemberService } from "./member-service.js";
import type { ScheduleService } from "./schedule-service.js";

export interface SettingsCaller {
  teamId: string;
  userId: string;
  channelId: string;
}

export type PersonalSettingsResult =
  | { kind: "show"; settings: PersonalSettings; dmEveryMinutes: number | null }
  | { kind: "changed"; change: MeChange; settings: PersonalSettings; dmEveryMinutes: number | null; dmProblems?: Problem[] }
  | InvalidWithExample;

/**
 * `/stretch me …` and the App Home settings: each person shapes their own prompts. Time zone and
 * working hours re-sync their schedules' ticks; frequency changes their own DM schedule.
 */
export class PersonalSettingsService {
  private languageListeners: Array<(teamId: string, userId: string) => void> = [];

  /** Told when someone changes their language (the language cache forgets them). */
  onLanguageChange(listener: (teamId: string, userId: string) => void): void {
    this.languageListeners.push(listener);
  }

  constructor(
    private readonly repo: MemberPrefsRepository,
    private readonly members: MemberService,
    private readonly schedules: ScheduleService,
    private readonly resyncUser: (teamId: string, userId: string) => Promise<void>,
    private readonly log: Logger,
  ) {}

  async handle(caller: SettingsCaller, text: string): Promise<PersonalSettingsResult> {
    const request = parseMeCommand(text);
    if (request.kind === "invalid") return request;
    await this.members.get(caller.teamId, caller.userId);
    if (request.kind === "show") return { kind: "show", settings: await this.current(caller), dmEveryMinutes: await this.dmEvery(caller) };
    return this.apply(caller, request.change);
  }

  async apply(caller: SettingsCaller, change: MeChange): Promise<PersonalSettingsResult> {
    let dmProblems: Problem[] | undefined;
    switch (change.field) {
      case "hours":
        await this.repo.update(caller.teamId, caller.userId, { workStartMinute: change.start, workEndMinute: change.end });
        dmProblems = await this.alsoOnDmSchedule(caller, `dm ${formatClock(change.start)}-${formatClock(change.end)}`);
        await this.resyncUser(caller.teamId, caller.userId);
        break;
      case "days":
        await this.repo.update(caller.teamId, caller.userId, { workDays: change.days });
        dmProblems = await this.alsoOnDmSchedule(caller, `dm ${change.days.map((d) => ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][d - 1]).join(",")}`);
        await this.resyncUser(caller.teamId, caller.userId);
        break;
      case "tz":
        if (change.tz) await this.repo.update(caller.teamId, caller.userId, { tz: change.tz, tzOverride: change.tz });
        else {
          // Back to Slack's zone: forget ours and read theirs again.
          await this.repo.update(caller.teamId, caller.userId, { tzOverride: null, profileFetchedAt: null });
          await this.members.get(caller.teamId, caller.userId);
        }
        await this.resyncUser(caller.teamId, caller.userId);
        break;
      case "every": {
        const result = await this.schedules.applyText(caller, `dm every ${change.minutes}m`);
        if (result.kind === "invalid") return { kind: "invalid", problems: result.problems, example: "/stretch me every 90m" };
        break;
      }
      default:
        await this.repo.update(caller.teamId, caller.userId, patchOf(change));
    }
    if (change.field === "language") for (const l of this.languageListeners) l(caller.teamId, caller.userId);
    this.log.info({ teamId: caller.teamId, userId: caller.userId, field: change.field }, "personal setting changed");
    return { kind: "changed", change, settings: await this.current(caller), dmEveryMinutes: await this.dmEvery(caller), ...(dmProblems ? { dmProblems } : {}) };
  }

  /** App Home toggles: seated only, gentle ↔ standard, compact ↔ full. */
  async toggle(caller: SettingsCaller, field: "seated" | "intensity" | "style"): Promise<PersonalSettingsResult> {
    await this.members.get(caller.teamId, caller.userId);
    const now = await this.current(caller);
    const change: MeChange =
      field === "seated"
        ? { field, on: !now.seatedOnly }
        : field === "intensity"
          ? { field, intensity: now.intensity === "gentle" ? "standard" : "gentle" }
          : { field, style: now.promptStyle === "full" ? "compact" : "full" };
    return this.apply(caller, change);
  }

  /** What the settings modal opens with. */
  async forForm(caller: SettingsCaller): Promise<{ settings: PersonalSettings; dmEveryMinutes: number | null }> {
    await this.members.get(caller.teamId, caller.userId);
    return { settings: await this.current(caller), dmEveryMinutes: await this.dmEvery(caller) };
  }

  /**
   * The settings modal's Save: each line is read like `/stretch me <line>` (e.g. "hours 08:30-16:30");
   * any problem comes back per field and nothing is saved; else every change is applied in turn.
   */
  async applyLines(caller: SettingsCaller, lines: Record<string, string>): Promise<{ ok: false; errors: Record<string, InvalidWithExample> } | { ok: true; results: PersonalSettingsResult[] }> {
    const changes: MeChange[] = [];
    const errors: Record<string, InvalidWithExample> = {};
    for (const [field, line] of Object.entries(lines)) {
      const parsed = parseMeCommand(line);
      if (parsed.kind === "invalid") errors[field] = { ...parsed, example: parsed.example.replace(/^\/stretch me /, "") };
      else if (parsed.kind === "change") changes.push(parsed.change);
    }
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    const results: PersonalSettingsResult[] = [];
    for (const change of changes) results.push(await this.apply(caller, change));
    return { ok: true, results };
  }

  private async current(caller: SettingsCaller): Promise<PersonalSettings> {
    const found = await this.repo.find(caller.teamId, caller.userId);
    if (!found) throw new Error("member row missing after get()");
    return found;
  }

  private async dmEvery(caller: SettingsCaller): Promise<number | null> {
    const views = await this.schedules.overview(caller);
    const dm = views.find((v) => v.schedule.kind === "dm" && v.schedule.active);
    return dm?.schedule.intervalMinutes ?? null;
  }

  /** Their own DM schedule follows their hours and days too (when they have one). */
  private async alsoOnDmSchedule(caller: SettingsCaller, text: string): Promise<Problem[] | undefined> {
    if ((await this.dmEvery(caller)) === null) return undefined;
    const result = await this.schedules.applyText(caller, text);
    return result.kind === "invalid" ? result.problems : undefined;
  }
}

function patchOf(change: MeChange): PersonalSettingsPatch {
  switch (change.field) {
    case "prefer":
      return { preferredAreas: change.areas };
    case "avoid":
      return { avoidAreas: change.areas };
    case "seated":
      return { seatedOnly: change.on };
    case "intensity":
      return { intensity: change.intensity };
    case "style":
      return { promptStyle: change.style };
    case "language":
      return { language: change.language };
    default:
      return {};
  }
}
