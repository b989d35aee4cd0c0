/**
 * The run itself: three loops at once until the deadline.
 *  - people change things (commands): create, edit, pause, resume and turn off schedules of every
 *    kind, pause themselves, opt out and back in, `/stretch now`; after each, the database is read
 *    (a Snapshot) so the checks know what was asked and when;
 *  - people answer prompts: reactions (some at once, some retried by "Slack", some removed later)
 *    and Done presses (some pressed twice);
 *  - faults: SIGKILL of workers and of the web process, Redis FLUSHALL and restart, PostgreSQL
 *    restart, and a long outage of every worker (the catch-up case).
 */
import type pg from "pg";
import type { ChaosSlack } from "./chaos-slack.js";
import type { MemberState, ScheduleState, Snapshot } from "./checks.js";
import type { AppProcess } from "./processes.js";
import type { Rng } from "./rng.js";
import type { ChaosPostgres, ChaosRedis } from "./services.js";
import type { SlackTraffic } from "./slack-traffic.js";
import { ACTIVE_PEOPLE, ADMIN, CHANNELS, dmChannelOf, TOGGLING_PEOPLE, userOfDm } from "./world.js";

export interface ScenarioDeps {
  rng: Rng;
  zone: string;
  traffic: SlackTraffic;
  slack: ChaosSlack;
  db: pg.Pool;
  postgres: ChaosPostgres;
  redis: ChaosRedis;
  web: AppProcess;
  workers: AppProcess[];
  log: (line: string) => void;
}

export interface FaultCounts {
  workerKills: number;
  webKills: number;
  redisFlushes: number;
  redisRestarts: number;
  postgresRestarts: number;
  workerOutages: number;
}

/** People with a personal DM schedule (besides the members schedules' DMs). */
const DM_PEOPLE = ["U0CHAOS001", "U0CHAOS002", "U0CHAOS003", "U0CHAOS004", "U0CHAOS005", "U0CHAOS006", "U0CHAOS007"];

/** How long a command that got no answer may still take to commit. */
const UNANSWERED_WAIT_MS = 30_000;

const stateKey = (s: Pick<Snapshot, "schedules" | "members">) => JSON.stringify([[...s.schedules].sort(), [...s.members].sort()]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Scenario {
  readonly snapshots: Snapshot[] = [];
  readonly faults: FaultCounts = { workerKills: 0, webKills: 0, redisFlushes: 0, redisRestarts: 0, postgresRestarts: 0, workerOutages: 0 };
  private stopAt = 0;
  private readonly commandRng: Rng;
  private readonly answerRng: Rng;
  private readonly faultRng: Rng;
  /** Reactions currently on a message, to remove some later: "user|channel|ts|emoji". */
  private readonly added: string[] = [];

  constructor(private readonly d: ScenarioDeps) {
    this.commandRng = d.rng.fork("commands");
    this.answerRng = d.rng.fork("answers");
    this.faultRng = d.rng.fork("faults");
  }

  /** Faults injected (a two-worker kill or a whole-fleet outage is one fault). */
  injected = 0;

  /** The database as it is now (retried while PostgreSQL is restarting). */
  async readState(): Promise<{ schedules: Map<string, ScheduleState>; members: Map<string, MemberState> }> {
    for (let attempt = 0; ; attempt++) {
      try {
        const s = await this.d.db.query(
          `SELECT id, "targetKey", active, "pausedUntil", "intervalMinutes", times, "windowStartMinute", "windowEndMinute", days, tz FROM "Schedule"`,
        );
        const m = await this.d.db.query(`SELECT "userId", "optedOut", "pausedUntil" FROM "Member"`);
        const schedules = new Map<string, ScheduleState>();
        for (const r of s.rows) {
          schedules.set(r.targetKey, {
            id: r.id,
            active: r.active,
            pausedUntil: r.pausedUntil ? new Date(r.pausedUntil).getTime() : null,
            settings: JSON.stringify([r.intervalMinutes, r.times, r.windowStartMinute, r.windowEndMinute, r.days, r.tz]),
          });
        }
        const members = new Map<string, MemberState>();
        for (const r of m.rows) members.set(r.userId, { optedOut: r.optedOut, pausedUntil: r.pausedUntil ? new Date(r.pausedUntil).getTime() : null });
        return { schedules, members };
      } catch (error) {
        if (attempt > 150) throw error;
        await sleep(200);
      }
    }
  }

  /**
   * An unanswered command (web killed, database down, slow start) may still commit later: wait for
   * the state to move, so the change is not taken for something that happened without a command.
   */
  private async awaitChange(ms: number): Promise<void> {
    const last = this.snapshots[this.snapshots.length - 1];
    if (!last) return;
    const before = stateKey(last);
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (stateKey(await this.readState()) !== before) return;
      await sleep(500);
    }
  }

  async snapshot(label: string, sentAt: number): Promise<void> {
    const state = await this.readState();
    this.snapshots.push({ label, sentAt, seenAt: Date.now(), ...state });
  }

  /** A command, then a reading of what it changed. */
  private async change(userId: string, channelId: string, text: string): Promise<void> {
    const sentAt = Date.now();
    const { reply } = await this.d.traffic.command(userId, channelId, text);
    if (reply === undefined) await this.awaitChange(UNANSWERED_WAIT_MS);
    await this.snapshot(`${text} (${userId} in ${channelId})`, sentAt);
    this.d.log(`  ${new Date(sentAt).toISOString().slice(11, 19)} /stretch ${text} [${channelId}] → ${(reply ?? "no answer").split("\n")[0]!.slice(0, 70)}`);
  }

  private scheduleText(kind: "channel" | "members" | "dm", every: number): string {
    const prefix = kind === "channel" ? "" : `${kind} `;
    return `schedule ${prefix}every ${every}m 00:00-23:59 daily tz ${this.d.zone}`;
  }

  /** Everything on at the start: two channel schedules, two members schedules, seven DM schedules. */
  async setUp(): Promise<void> {
    await this.snapshot("start", Date.now());
    await this.change(ADMIN, "C0CHAOSA1", this.scheduleText("channel", 1));
    await this.change(ADMIN, "C0CHAOSB2", this.scheduleText("channel", 1));
    await this.change(ADMIN, "C0CHAOSC3", this.scheduleText("members", 1));
    await this.change(ADMIN, "C0CHAOSA1", this.scheduleText("members", 1));
    for (const userId of DM_PEOPLE) {
      await this.change(userId, dmChannelOf(userId), this.scheduleText("dm", 1));
    }
  }

  async run(seconds: number): Promise<void> {
    this.stopAt = Date.now() + seconds * 1000;
    await Promise.all([this.commandLoop(), this.answerLoop(), this.faultLoop(seconds)]);
  }

  private get running(): boolean {
    return Date.now() < this.stopAt;
  }

  private async commandLoop(): Promise<void> {
    const r = this.commandRng;
    while (this.running) {
      await sleep(r.int(2_000, 6_000));
      if (!this.running) break;
      const roll = r.next();
      const channel = r.pick(Object.keys(CHANNELS).filter((c) => c !== "C0CHAOSC3"));
      const dmPerson = r.pick(DM_PEOPLE);
      if (roll < 0.14) await this.change(ADMIN, channel, r.chance(0.5) ? "schedule off" : this.scheduleText("channel", r.pick([1, 1, 2])));
      else if (roll < 0.24) await this.change(ADMIN, r.pick(["C0CHAOSA1", "C0CHAOSC3"]), r.chance(0.4) ? "schedule members off" : this.scheduleText("members", r.pick([1, 1, 2])));
      else if (roll < 0.4) await this.change(dmPerson, dmChannelOf(dmPerson), r.chance(0.4) ? "schedule dm off" : this.scheduleText("dm", r.pick([1, 1, 2])));
      else if (roll < 0.55) await this.change(ADMIN, r.pick(Object.keys(CHANNELS)), r.chance(0.55) ? `pause channel ${r.int(1, 3)}m` : "resume channel");
      else if (roll < 0.7) {
        const person = r.pick(["U0CHAOS001", "U0CHAOS002", "U0CHAOS005", "U0CHAOS006", ...TOGGLING_PEOPLE]);
        await this.change(person, dmChannelOf(person), r.chance(0.55) ? `pause ${r.int(1, 3)}m` : "resume");
      } else if (roll < 0.85) {
        const person = r.pick(TOGGLING_PEOPLE);
        await this.change(person, dmChannelOf(person), r.chance(0.5) ? "optout" : "optin");
      } else await this.change(ADMIN, channel, "now");
    }
  }

  /** People who may complete a message: a DM's recipient, or the channel's members (never the opt-out togglers). */
  private reactors(channel: string): string[] {
    if (channel.startsWith("D")) {
      const user = userOfDm(channel);
      return ACTIVE_PEOPLE.includes(user) ? [user] : [];
    }
    return (CHANNELS[channel] ?? []).filter((u) => ACTIVE_PEOPLE.includes(u));
  }

  private async answerLoop(): Promise<void> {
    const r = this.answerRng;
    while (this.running) {
      await sleep(r.int(300, 1_200));
      await this.answerOnce(r);
    }
  }

  private async answerOnce(r: Rng): Promise<void> {
    const now = Date.now();
    const recent = this.d.slack.posts().filter((p) => p.promptId && now - p.at < 90_000 && this.reactors(p.channel).length > 0);
    if (recent.length === 0) return;
    const roll = r.next();
    if (roll < 0.1 && this.added.length > 0) {
      const [user, channel, ts, emoji] = this.added.splice(r.int(0, this.added.length - 1), 1)[0]!.split("|") as [string, string, string, string];
      await this.d.traffic.reaction("removed", user, channel, ts, emoji, r.chance(0.2));
      return;
    }
    // A quarter of the answers go to the newest message at once (people who were waiting for it).
    const post = r.chance(0.25) ? recent[recent.length - 1]! : r.pick(recent);
    const user = r.pick(this.reactors(post.channel));
    if (roll < 0.75) {
      const emoji = r.pick(["white_check_mark", "muscle", "+1", "tada"]);
      const sent = await this.d.traffic.reaction("added", user, post.channel, post.ts, emoji, r.chance(0.2));
      if (sent.status === 200) this.added.push(`${user}|${post.channel}|${post.ts}|${emoji}`);
    } else {
      await this.d.traffic.done(user, post.channel, post.ts, post.promptId!, r.chance(0.3));
    }
  }

  /** Faults at jittered points of the run, each kind at least once. */
  private async faultLoop(seconds: number): Promise<void> {
    const r = this.faultRng;
    const plan: Array<[number, string]> = [
      [0.05, "worker-kill"],
      [0.1, "redis-flush"],
      [0.15, "web-kill"],
      [0.2, "postgres-restart"],
      [0.25, "worker-kill-two"],
      [0.3, "redis-restart"],
      [0.35, "worker-outage"],
      [0.8, "web-kill"],
      [0.88, "worker-kill"],
    ];
    const start = this.stopAt - seconds * 1000;
    for (const [at, kind] of plan) {
      const when = start + (at + (r.next() - 0.5) * 0.04) * seconds * 1000;
      if (when > Date.now()) await sleep(when - Date.now());
      if (!this.running) break;
      const started = Date.now();
      await this.inject(kind, r);
      this.injected += 1;
      this.d.log(`  ${new Date(started).toISOString().slice(11, 19)} fault: ${kind} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
  }

  private async inject(kind: string, r: Rng): Promise<void> {
    const { workers, web, redis, postgres } = this.d;
    switch (kind) {
      case "worker-kill": {
        const w = r.pick(workers);
        await w.kill();
        this.faults.workerKills += 1;
        await sleep(r.int(1_000, 4_000));
        await w.start();
        return;
      }
      case "worker-kill-two": {
        const pair = workers.slice(0, 2);
        await Promise.all(pair.map((w) => w.kill()));
        this.faults.workerKills += pair.length;
        await sleep(r.int(1_000, 3_000));
        await Promise.all(pair.map((w) => w.start()));
        return;
      }
      case "web-kill":
        await web.kill();
        this.faults.webKills += 1;
        await web.start();
        return;
      case "redis-flush":
        await redis.flushAll();
        this.faults.redisFlushes += 1;
        return;
      case "redis-restart":
        await redis.restart(r.int(1_000, 3_000));
        this.faults.redisRestarts += 1;
        return;
      case "postgres-restart": {
        await postgres.stop();
        this.faults.postgresRestarts += 1;
        // People keep reacting while the database is down: those acks must not be lost.
        const until = Date.now() + r.int(3_000, 6_000);
        while (Date.now() < until) {
          await this.answerOnce(r);
          await sleep(300);
        }
        await postgres.start();
        return;
      }
      case "worker-outage": {
        // Every worker down past at least two slot boundaries: afterwards, one catch-up per target.
        await Promise.all(workers.map((w) => w.kill()));
        this.faults.workerOutages += 1;
        this.faults.workerKills += workers.length;
        // 70 s down plus 10–30 s of start-up: at least one slot boundary missed, usually two.
        await sleep(Math.min(70_000, Math.max(5_000, this.stopAt - Date.now() - 60_000)));
        await Promise.all(workers.map((w) => w.start()));
        return;
      }
    }
  }
}
