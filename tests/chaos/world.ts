/**
 * The workspace the chaos run plays in: people, channels, one time zone where it is around noon
 * now (so working hours and "today" hold for the whole run, whatever time CI runs), and a past
 * of prompts and completions so streaks are worth comparing.
 */
import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import type pg from "pg";
import type { FakeSlack } from "../helpers/fake-slack.js";
import type { Rng } from "./rng.js";
import { TEAM_ID } from "./slack-traffic.js";

export const ADMIN = "U0CHAOSADM";
/** People who react and press Done. */
export const ACTIVE_PEOPLE = ["U0CHAOS001", "U0CHAOS002", "U0CHAOS003", "U0CHAOS004", "U0CHAOS005", "U0CHAOS006", ADMIN];
/** People who opt out and back in (and never react, so opt-out never hides an expected completion). */
export const TOGGLING_PEOPLE = ["U0CHAOS007", "U0CHAOS008"];
export const EVERYONE = [...ACTIVE_PEOPLE, ...TOGGLING_PEOPLE];

export const CHANNELS: Record<string, string[]> = {
  C0CHAOSA1: [ADMIN, "U0CHAOS001", "U0CHAOS002", "U0CHAOS003", "U0CHAOS007"],
  C0CHAOSB2: [ADMIN, "U0CHAOS003", "U0CHAOS004", "U0CHAOS005"],
  C0CHAOSC3: [ADMIN, "U0CHAOS005", "U0CHAOS006", "U0CHAOS007", "U0CHAOS008"],
};

/** A fixed-offset zone in which it is between about 11:30 and 12:30 now. */
export function noonZone(now = new Date()): string {
  const hour = now.getUTCHours() + now.getUTCMinutes() / 60;
  const offset = Math.round(12 - hour);
  if (offset === 0) return "UTC";
  // IANA's Etc zones have the sign inverted: Etc/GMT-5 is UTC+5.
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

export function localToday(zone: string, now = new Date()): string {
  return DateTime.fromJSDate(now).setZone(zone).toISODate()!;
}

/** The DM channel the fake answers for a user id, and back. */
export const dmChannelOf = (userId: string) => `D${userId.replace(/^U/, "")}`;
export const userOfDm = (channel: string) => `U${channel.slice(1)}`;

export function setUpFake(fake: FakeSlack, zone: string): void {
  for (const id of EVERYONE) fake.addUser({ id, name: id.toLowerCase(), tz: zone, is_admin: id === ADMIN });
  for (const [channel, members] of Object.entries(CHANNELS)) fake.channelMembers.set(channel, members);
}

/**
 * The workspace and its people as the app would have stored them, with working hours of the whole
 * day every day (the run may happen on a weekend), and 1–25 days of past prompts: delivered on
 * some days, completed on most of those.
 */
export async function seedDatabase(db: pg.Pool, zone: string, rng: Rng, now = new Date()): Promise<{ historyRows: number }> {
  await db.query(`INSERT INTO "Workspace" ("teamId", name, active, "updatedAt") VALUES ($1, 'Chaos', true, now())`, [TEAM_ID]);
  for (const id of EVERYONE) {
    await db.query(
      `INSERT INTO "Member" ("teamId", "userId", "displayName", tz, "isAdmin", "workStartMinute", "workEndMinute", "workDays", "profileFetchedAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, 0, 1440, '{1,2,3,4,5,6,7}', now(), now())`,
      [TEAM_ID, id, id.toLowerCase(), zone, id === ADMIN],
    );
  }
  let rows = 0;
  let ts = 0;
  for (const userId of ACTIVE_PEOPLE) {
    const days = rng.int(1, 25);
    for (let n = days; n >= 1; n--) {
      const at = DateTime.fromJSDate(now).setZone(zone).minus({ days: n });
      const localDate = at.toISODate()!;
      const delivered = rng.chance(0.7);
      const completed = delivered ? rng.chance(0.75) : rng.chance(0.05);
      if (!delivered && !completed) continue;
      const promptId = randomUUID();
      ts += 1;
      await db.query(
        `INSERT INTO "Prompt" (id, "teamId", "slotKey", "slotAt", target, status, "channelId", "messageTs", area, "postedAt", "updatedAt")
         VALUES ($1, $2, $3, $4, 'C0CHAOSOLD', 'posted', 'C0CHAOSOLD', $5, 'neck', $4, now())`,
        [promptId, TEAM_ID, `history:${promptId}`, at.toJSDate(), `1600000000.${String(ts).padStart(6, "0")}`],
      );
      if (delivered) {
        await db.query(`INSERT INTO "Delivery" (id, "teamId", "promptId", "userId", "localDate", "deliveredAt") VALUES ($1, $2, $3, $4, $5, $6)`, [
          randomUUID(),
          TEAM_ID,
          promptId,
          userId,
          localDate,
          at.toJSDate(),
        ]);
      }
      if (completed) {
        await db.query(
          `INSERT INTO "Completion" (id, "teamId", "promptId", "userId", "channelId", source, area, "localDate", "completedAt") VALUES ($1, $2, $3, $4, 'C0CHAOSOLD', 'reaction', 'neck', $5, $6)`,
          [randomUUID(), TEAM_ID, promptId, userId, localDate, at.toJSDate()],
        );
      }
      rows += 1;
    }
  }
  return { historyRows: rows };
}
