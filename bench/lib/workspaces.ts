import type { Db } from "../../src/db/client.js";
import type { FakeSlack } from "../../tests/helpers/fake-slack.js";
import { installThroughOAuth, oauthEnv } from "../../tests/helpers/oauth.js";

/**
 * Workspaces for the delivery benches (bench:multitenant, bench:fanout): each has one channel whose
 * members all get a `members` schedule's DMs, is known to the fake Slack, is installed through the
 * real OAuth flow and posts with its own token.
 */
export interface BenchWorkspace {
  teamId: string;
  channelId: string;
  userIds: string[];
}

/** `T<tag><i>` with `members` people `U<team><n>` in channel `C<team>`; `tag` keeps groups apart (two letters). */
export function benchWorkspace(tag: string, i: number, members: number): BenchWorkspace {
  const teamId = `T${tag}${String(i).padStart(6, "0")}`;
  return { teamId, channelId: `C${teamId.slice(1)}`, userIds: Array.from({ length: members }, (_, u) => `U${teamId.slice(1)}${String(u).padStart(5, "0")}`) };
}

/** The fake's side: the workspace may install the app, and its channel and people exist. */
export function addToFake(fake: FakeSlack, all: readonly BenchWorkspace[]): void {
  for (const w of all) {
    fake.addWorkspace({ teamId: w.teamId });
    fake.channelTeams.set(w.channelId, w.teamId);
    fake.channelMembers.set(w.channelId, w.userIds);
    for (const id of w.userIds) fake.addUser({ id, team: w.teamId, tz: "UTC" });
  }
}

/** Installs every workspace through GET /slack/install → oauth.v2.access, one after another; returns the ms it took. */
export async function installAll(appUrl: string, fake: FakeSlack, all: readonly BenchWorkspace[]): Promise<number> {
  const started = Date.now();
  for (const w of all) {
    const res = await installThroughOAuth(appUrl, fake, w.teamId);
    if (res.status !== 200) throw new Error(`install of ${w.teamId} answered ${res.status}`);
  }
  return Date.now() - started;
}

/**
 * Each workspace's people as members (UTC, working all day every day, profiles fresh so nobody is
 * looked up) in its channel, and one `members` schedule of that channel at `times` (UTC "HH:MM").
 * The workspaces must be installed (their Workspace rows exist).
 */
export async function seedMembersSchedules(db: Db, all: readonly BenchWorkspace[], times: readonly string[]): Promise<void> {
  for (const w of all) {
    for (let i = 0; i < w.userIds.length; i += 2000) {
      const chunk = w.userIds.slice(i, i + 2000);
      await db.member.createMany({
        data: chunk.map((userId) => ({ teamId: w.teamId, userId, tz: "UTC", workStartMinute: 0, workEndMinute: 1440, workDays: [1, 2, 3, 4, 5, 6, 7], profileFetchedAt: new Date() })),
      });
      await db.channelMember.createMany({ data: chunk.map((userId) => ({ teamId: w.teamId, channelId: w.channelId, userId })) });
    }
    await db.schedule.create({
      data: { teamId: w.teamId, kind: "members", channelId: w.channelId, targetKey: `members:${w.channelId}`, createdBy: w.userIds[0]!, intervalMinutes: null, times: [...times], windowStartMinute: 0, windowEndMinute: 1440, days: [1, 2, 3, 4, 5, 6, 7], tz: "UTC" },
    });
  }
}

/** UTC "HH:MM" of an instant, as schedules store their times. */
export function hhmm(at: Date): string {
  return at.toISOString().slice(11, 16);
}

/**
 * The app's environment for a delivery bench: OAuth distribution against the fake, its own
 * database and queue prefix, no Slack retries (the engine paces and retries itself), no catch-up.
 * Every app process of a bench gets the same one (same token key, same queues).
 */
export function benchAppEnv(fake: FakeSlack, o: { databaseUrl: string; redisUrl: string; queuePrefix: string; concurrency: number; postRatePerMinute: number; reconcileSeconds: number }): Record<string, string> {
  return {
    ...oauthEnv(fake),
    SLACK_SIGNING_SECRET: "bench-signing-secret-0123456789",
    SLACK_API_URL: fake.apiUrl,
    SLACK_API_RETRIES: "0",
    DATABASE_URL: o.databaseUrl,
    REDIS_URL: o.redisUrl,
    PORT: "0",
    QUEUE_PREFIX: o.queuePrefix,
    WORKER_CONCURRENCY: String(o.concurrency),
    SLACK_POST_RATE_PER_MINUTE: String(o.postRatePerMinute),
    SLOT_CATCHUP_MINUTES: "0",
    RECONCILE_INTERVAL_SECONDS: String(o.reconcileSeconds),
  };
}
