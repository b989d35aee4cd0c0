/**
 * Statuses, Do Not Disturb and huddles in the simulated workspace: what a person sets in Slack's
 * own menus, and the signed events Slack sends the app about it (user_status_changed and
 * user_change with the profile, dnd_updated_user, user_huddle_changed). The Web API's answers
 * (users.info, users.profile.get, dnd.teamInfo) read the same state, so they agree with the events.
 */
import { DateTime } from "luxon";
import type { AppLink } from "./app-link.js";
import { PEOPLE, type Person } from "./seed.js";
import type { WorkspaceState } from "./state.js";
import { dndStatus, slackUser } from "./web-api.js";

/** When a status clears: never, at the end of the person's day, or after some minutes. */
export type Expiry = "never" | "today" | number;

export type StatusChange =
  | { kind: "status"; emoji: string; text: string; expires: Expiry }
  | { kind: "clear-status" }
  /** Pause notifications for `minutes`; 0 resumes them. */
  | { kind: "dnd"; minutes: number }
  | { kind: "huddle"; on: boolean };

/** Slack's own suggestions in the status menu (calendar apps set the first one for meetings). */
export const STATUS_PRESETS = [
  { emoji: ":spiral_calendar_pad:", text: "In a meeting", expires: 30 },
  { emoji: ":face_with_thermometer:", text: "Out sick", expires: "today" },
  { emoji: ":palm_tree:", text: "Vacationing", expires: "never" },
] as const satisfies ReadonlyArray<{ emoji: string; text: string; expires: Expiry }>;

export const EXPIRY_CHOICES: ReadonlyArray<[Expiry, string]> = [
  ["never", "Don't clear"],
  [30, "30 minutes"],
  [60, "1 hour"],
  [240, "4 hours"],
  ["today", "Today"],
];
export const DND_CHOICES: ReadonlyArray<[number, string]> = [
  [30, "30 minutes"],
  [60, "1 hour"],
  [120, "2 hours"],
  [480, "8 hours"],
];

const MAX_TEXT = 100;

export class StatusControls {
  constructor(
    private readonly state: WorkspaceState,
    private readonly app: AppLink,
    private readonly noteProblem: (problem: string) => void,
  ) {}

  /** Applies a change for `userId` and tells the app as Slack would; returns what the page says. */
  async change(userId: string, change: StatusChange): Promise<{ ok: boolean; summary: string }> {
    const person = PEOPLE.find((p) => p.id === userId);
    if (!person) return { ok: false, summary: "No such person." };
    const before = this.state.statusOf(userId);
    const nowS = Math.floor(this.state.now().getTime() / 1000);
    switch (change.kind) {
      case "status": {
        const emoji = normalizeEmoji(change.emoji);
        const text = change.text.trim().slice(0, MAX_TEXT);
        if (!emoji && !text) return { ok: false, summary: "Give the status an emoji or some text." };
        const expiration = expiryInstant(change.expires, person, this.state.now());
        this.state.setStatus(userId, { ...before, emoji: emoji || ":speech_balloon:", text, expiration });
        await this.announceStatus(person);
        return { ok: true, summary: `Status set: ${text || emoji}${expiration ? `, until ${clock(expiration, person)}` : ""}.` };
      }
      case "clear-status":
        this.state.setStatus(userId, { ...before, emoji: "", text: "", expiration: 0 });
        await this.announceStatus(person);
        return { ok: true, summary: "Status cleared." };
      case "dnd": {
        const minutes = Math.max(0, Math.min(24 * 60, Math.round(change.minutes)));
        const dnd = minutes > 0 ? { dndSince: nowS, dndUntil: nowS + minutes * 60 } : { dndSince: 0, dndUntil: 0 };
        this.state.setStatus(userId, { ...before, ...dnd });
        await this.send("dnd_updated_user", { type: "dnd_updated_user", user: userId, dnd_status: dndStatus(this.state.statusOf(userId)) });
        return { ok: true, summary: minutes > 0 ? `Notifications paused until ${clock(nowS + minutes * 60, person)}.` : "Notifications resumed." };
      }
      case "huddle":
        this.state.setStatus(userId, { ...before, huddle: change.on });
        await this.send("user_huddle_changed", { type: "user_huddle_changed", user: this.userObject(person), cache_ts: nowS });
        await this.send("user_change", { type: "user_change", user: this.userObject(person), cache_ts: nowS });
        return { ok: true, summary: change.on ? "In a huddle." : "Left the huddle." };
    }
  }

  /**
   * Slack clears a status when it expires and tells the app; the page polls often, so this runs
   * on a short timer (the demo's clock may also jump ahead with "Send due prompts now").
   */
  async clearExpired(): Promise<void> {
    const nowS = this.state.now().getTime() / 1000;
    for (const [userId, stored] of Object.entries(this.state.data.statuses)) {
      const person = PEOPLE.find((p) => p.id === userId);
      if (!person || stored.expiration === 0 || stored.expiration > nowS) continue;
      this.state.setStatus(userId, { ...stored, emoji: "", text: "", expiration: 0 });
      await this.announceStatus(person);
    }
  }

  private userObject(person: Person): Record<string, unknown> {
    return slackUser(person, this.state.now(), true, this.state.statusOf(person.id));
  }

  /** A status change reaches the app twice, as in Slack: user_status_changed, then user_change. */
  private async announceStatus(person: Person): Promise<void> {
    const cacheTs = Math.floor(this.state.now().getTime() / 1000);
    await this.send("user_status_changed", { type: "user_status_changed", user: this.userObject(person), cache_ts: cacheTs });
    await this.send("user_change", { type: "user_change", user: this.userObject(person), cache_ts: cacheTs });
  }

  private async send(name: string, event: Record<string, unknown>): Promise<void> {
    const answer = await this.app.event(event);
    if (answer.status !== 200) this.noteProblem(`${name}: the app answered ${answer.status || answer.failure}`);
  }
}

/** ":Palm_Tree:" or "palm_tree" → ":palm_tree:"; "" when empty. */
export function normalizeEmoji(raw: string): string {
  const name = raw.trim().toLowerCase().replace(/^:+|:+$/g, "");
  return name ? `:${name}:` : "";
}

/** Unix seconds when a status set now clears (0 = never); "today" ends at the person's midnight. */
export function expiryInstant(expires: Expiry, person: Pick<Person, "tz">, now: Date): number {
  if (expires === "never") return 0;
  if (expires === "today") return Math.floor(DateTime.fromJSDate(now, { zone: person.tz }).endOf("day").toSeconds()) + 1;
  return Math.floor(now.getTime() / 1000) + Math.max(1, Math.round(expires)) * 60;
}

/** "14:30" in the person's zone, with the weekday when it is not today. */
export function clock(unixSeconds: number, person: Pick<Person, "tz">): string {
  return DateTime.fromSeconds(unixSeconds, { zone: person.tz }).toFormat("ccc HH:mm");
}

export function parseChange(raw: unknown): StatusChange | null {
  if (!raw || typeof raw !== "object") return null;
  const c = raw as Record<string, unknown>;
  switch (c.kind) {
    case "status": {
      const expires: Expiry = c.expires === "today" || c.expires === "never" ? c.expires : Number(c.expires);
      if (typeof expires === "number" && !(expires > 0)) return null;
      return { kind: "status", emoji: String(c.emoji ?? ""), text: String(c.text ?? ""), expires };
    }
    case "clear-status":
      return { kind: "clear-status" };
    case "dnd":
      return Number.isFinite(Number(c.minutes)) ? { kind: "dnd", minutes: Number(c.minutes) } : null;
    case "huddle":
      return { kind: "huddle", on: c.on === true };
    default:
      return null;
  }
}
