import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { beforeEach, describe, expect, it } from "vitest";
import { HEATMAP_WEEKS } from "../../src/domain/chart-data.js";
import { addDays } from "../../src/time/zones.js";
import { ManualClock } from "../../src/time/clock.js";
import { useAppFixture } from "../helpers/app-fixture.js";
import type { RecordedCall } from "../helpers/fake-slack.js";
import { slashCommand, TEAM } from "../helpers/fixtures.js";
import { ensureWorkspaceRow } from "../helpers/factories.js";
import { sendCommand } from "../helpers/slack-requests.js";

/**
 * People whose zone the product does not know have their rows dated in the schedule's zone (the
 * engine: Member.tz, else Schedule.tz, else UTC). The boards judged them in UTC, so every evening
 * 23:00–24:00 UTC, with Warsaw already on tomorrow, their newest Warsaw-dated day looked like "the
 * future": a 10-day streak showed as 9. The same for someone whose zone became known (Los Angeles)
 * after their rows were dated in Warsaw.
 *
 * The clock stands at 23:30 UTC on a day D months from the machine's date (so the real time of
 * day never matters): Warsaw is on D+1 (00:30 or 01:30), UTC and Los Angeles on D.
 */
const CHANNEL = "C0NOZONE01";
const WARSAW = "Europe/Warsaw";
const VIEWER = "U0NZVIEW01"; // Los Angeles: the board must not depend on who looks
const ALICE = "U0NZALICE1"; // no Member row: stretched every Warsaw day, D-8 … D+1
const BOB = "U0NZBOB001"; // a Member row without a zone: stretched only on Warsaw's D+1
const CARL = "U0NZCARL01"; // Los Angeles now, but all his rows were dated in Warsaw before that was known

const D = DateTime.utc().plus({ days: 200 }).startOf("day");
const AT_2330 = D.set({ hour: 23, minute: 30 }).toJSDate();
const warsawDay = (offset: number) => addDays(D.toISODate()!, offset);
const clock = new ManualClock(AT_2330);

const text = (call: RecordedCall | undefined) => JSON.stringify(call?.args.blocks ?? []) + String(call?.args.text ?? "");
/** "N done" and the streak on a person's board row (streak 0 when the row shows none), or null when not named. */
const rowOf = (board: string, userId: string): { done: number; streak: number } | null => {
  const m = new RegExp(`<@${userId}> · (\\d+) done[^\\n"]*?(?::fire: (\\d+)-day streak)?(?:\\\\n|")`).exec(board);
  return m ? { done: Number(m[1]), streak: Number(m[2] ?? 0) } : null;
};

describe("people without a known zone are dated on the boards as their rows were", () => {
  const ctx = useAppFixture("e2e_leaderboard_nozone", {
    clock,
    seed: async ({ database }) => {
      const db = database.db;
      await ensureWorkspaceRow(db, TEAM);
      await db.member.createMany({
        data: [
          { teamId: TEAM, userId: VIEWER, tz: "America/Los_Angeles" },
          { teamId: TEAM, userId: BOB, tz: null },
          { teamId: TEAM, userId: CARL, tz: "America/Los_Angeles" },
        ],
      });
      // Ten Warsaw days of the channel's prompt; the newest (Warsaw's D+1) went out at 00:15 Warsaw,
      // before the clock's 23:30 UTC. Every row carries the Warsaw date, as the engine wrote it.
      for (let offset = -8; offset <= 1; offset++) {
        const date = warsawDay(offset);
        const slotAt = DateTime.fromISO(`${date}T${offset === 1 ? "00:15" : "10:00"}`, { zone: WARSAW }).toJSDate();
        const id = randomUUID();
        await db.prompt.create({
          data: { id, teamId: TEAM, slotKey: `nozone:${id}`, slotAt, postedAt: slotAt, target: CHANNEL, status: "posted", channelId: CHANNEL, messageTs: `${Math.floor(slotAt.getTime() / 1000)}.${String(offset + 10).padStart(6, "0")}` },
        });
        const completed = [ALICE, CARL, ...(offset === 1 ? [BOB] : [])];
        await db.delivery.createMany({ data: [ALICE, BOB, CARL].map((userId) => ({ teamId: TEAM, promptId: id, userId, localDate: date })) });
        await db.completion.createMany({ data: completed.map((userId) => ({ teamId: TEAM, promptId: id, userId, channelId: CHANNEL, source: "reaction", localDate: date })) });
      }
    },
  });
  const { fake } = ctx;
  let replies = 0;

  async function reply(commandText: string, userId: string): Promise<string> {
    const id = `nz${++replies}`;
    const res = await sendCommand(ctx.app.url, slashCommand({ text: commandText, userId, channelId: CHANNEL, responseUrl: fake.responseUrl(id) }));
    expect(res.status).toBe(200);
    const [posted] = await fake.waitFor(`response_url:${id}`);
    return text(posted);
  }

  beforeEach(() => {
    fake.reset();
    fake.addUser({ id: VIEWER, tz: "America/Los_Angeles" });
    // Alice and Bob are unknown to the fake's users.info (it would answer Warsaw for a user without
    // a zone): the product never learns their zone here.
    fake.addUser({ id: CARL, tz: "America/Los_Angeles" });
    clock.set(AT_2330);
  });

  it("at 23:30 UTC the newest Warsaw-dated day counts: streaks of 10 and 1, the week is each one's last 7 Warsaw days", async () => {
    const board = await reply("leaderboard week", VIEWER);
    expect(rowOf(board, ALICE)).toEqual({ done: 7, streak: 10 });
    // Bob's only completion is on Warsaw's D+1, UTC's tomorrow: it was lost before.
    expect(rowOf(board, BOB)).toEqual({ done: 1, streak: 1 });
    // Carl's zone (Los Angeles, still on D) was learned after his rows were dated in Warsaw.
    expect(rowOf(board, CARL)).toEqual({ done: 7, streak: 10 });
  });

  it("the all-time board and the person's own /stretch stats agree with the board's streak", async () => {
    const board = await reply("leaderboard all", VIEWER);
    expect(rowOf(board, ALICE)).toEqual({ done: 10, streak: 10 });
    expect(rowOf(board, BOB)).toEqual({ done: 1, streak: 1 });
    const stats = await reply("stats", BOB);
    expect(stats).toContain("1-day streak");
    expect(await reply("stats", ALICE)).toContain("10-day streak");
  });

  it("/stretch stats chart's calendar reaches the newest Warsaw day too", async () => {
    const res = await sendCommand(ctx.app.url, slashCommand({ text: "stats chart", userId: BOB, channelId: CHANNEL, responseUrl: fake.responseUrl("nzchart") }));
    expect(res.status).toBe(200);
    const [asked] = await fake.waitFor("files.getUploadURLExternal");
    expect(String(asked!.args.alt_text)).toContain("1 completed on 1 of");
    expect(String(asked!.args.filename)).toBe(`stretch-calendar-${addDays(DateTime.fromISO(warsawDay(1)).startOf("week").toISODate()!, -7 * (HEATMAP_WEEKS - 1))}-to-${warsawDay(1)}.png`);
  });
});
