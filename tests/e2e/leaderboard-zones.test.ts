import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { beforeEach, describe, expect, it } from "vitest";
import { addDays } from "../../src/time/zones.js";
import { ManualClock } from "../../src/time/clock.js";
import { useAppFixture } from "../helpers/app-fixture.js";
import type { RecordedCall } from "../helpers/fake-slack.js";
import { eventEnvelope, slashCommand, TEAM } from "../helpers/fixtures.js";
import { ensureWorkspaceRow } from "../helpers/factories.js";
import { sendCommand, sendEvent } from "../helpers/slack-requests.js";
import { eventually } from "../helpers/wait.js";

/**
 * "Last 7 days" on a board is each person's own last 7 local days, up to their own today. Rows
 * carry the completer's local date, so judging everyone by the viewer's calendar cut off people
 * already on tomorrow (east of the viewer) and shifted the window of people still on yesterday.
 *
 * The clock stands at 20:00 UTC on a day months from the machine's date: Warsaw (the viewer) and
 * Honolulu are on day D, Tokyo already on D+1. Later at 23:30 UTC Warsaw moves to D+1 while
 * Honolulu is still on D.
 */
const CHANNEL = "C0ZONEBRD1";
const WANDA = "U0ZWARSAW1"; // the viewer, Europe/Warsaw
const TARO = "U0ZTOKYO01"; // Asia/Tokyo, completes a prompt live at 20:00 UTC
const KENJI = "U0ZTOKYO02"; // Asia/Tokyo, completed only on his own 8th day back
const HANA = "U0ZHONOLU1"; // Pacific/Honolulu, completed on her own 7th and 8th days back
const ZONES = { [WANDA]: "Europe/Warsaw", [TARO]: "Asia/Tokyo", [KENJI]: "Asia/Tokyo", [HANA]: "Pacific/Honolulu" } as const;

const D = DateTime.utc().plus({ days: 200 }).startOf("day");
const AT_20 = D.set({ hour: 20 }).toJSDate();
const AT_2330 = D.set({ hour: 23, minute: 30 }).toJSDate();
const day = (offset: number) => addDays(D.toISODate()!, offset);
const clock = new ManualClock(AT_20);

const text = (call: RecordedCall | undefined) => JSON.stringify(call?.args.blocks ?? []) + String(call?.args.text ?? "");
/** "N done" on a person's board row, or null when they are not named. */
const doneOf = (board: string, userId: string): number | null => {
  const m = new RegExp(`<@${userId}> · (\\d+) done`).exec(board);
  return m ? Number(m[1]) : null;
};

describe("leaderboard periods follow each person's own calendar", () => {
  const ctx = useAppFixture("e2e_leaderboard_zones", {
    clock,
    seed: async ({ database }) => {
      await ensureWorkspaceRow(database.db, TEAM);
      await database.db.member.createMany({ data: Object.entries(ZONES).map(([userId, tz]) => ({ teamId: TEAM, userId, tz })) });
      // Wanda did today's (her D) prompt; Kenji his own D+1-7 = D-6; Hana her own D-6 and D-7.
      await seedPrompt(D.set({ hour: 8 }).toJSDate(), [[WANDA, day(0)]], [[WANDA, day(0)]]);
      await seedPrompt(D.minus({ days: 6 }).set({ hour: 1 }).toJSDate(), [[KENJI, day(-6)]], [[KENJI, day(-6)]]);
      await seedPrompt(D.minus({ days: 5 }).set({ hour: 1 }).toJSDate(), [[HANA, day(-6)]], [[HANA, day(-6)]]);
      await seedPrompt(D.minus({ days: 6 }).set({ hour: 1 }).toJSDate(), [[HANA, day(-7)]], [[HANA, day(-7)]]);
    },
  });
  const { fake } = ctx;
  let replies = 0;
  let seeded = 0;

  /** A posted channel prompt of one local date, with its rows as the engine and completions write them. */
  async function seedPrompt(slotAt: Date, delivered: Array<[string, string]>, completed: Array<[string, string]>): Promise<{ ts: string }> {
    const id = randomUUID();
    // Slack's ts shape (digits only): a reaction on anything else is dropped as malformed.
    const ts = `${Math.floor(slotAt.getTime() / 1000)}.${String(++seeded).padStart(6, "0")}`;
    await ctx.database.db.prompt.create({
      data: { id, teamId: TEAM, slotKey: `zones:${id}`, slotAt, postedAt: slotAt, target: CHANNEL, status: "posted", channelId: CHANNEL, messageTs: ts },
    });
    await ctx.database.db.delivery.createMany({ data: delivered.map(([userId, localDate]) => ({ teamId: TEAM, promptId: id, userId, localDate })) });
    await ctx.database.db.completion.createMany({
      data: completed.map(([userId, localDate]) => ({ teamId: TEAM, promptId: id, userId, channelId: CHANNEL, source: "reaction", localDate })),
    });
    return { ts };
  }

  async function board(): Promise<string> {
    const id = `lb${++replies}`;
    const res = await sendCommand(ctx.app.url, slashCommand({ text: "leaderboard week", userId: WANDA, channelId: CHANNEL, responseUrl: fake.responseUrl(id) }));
    expect(res.status).toBe(200);
    const [posted] = await fake.waitFor(`response_url:${id}`);
    return text(posted);
  }

  beforeEach(() => {
    fake.reset();
    for (const [id, tz] of Object.entries(ZONES)) fake.addUser({ id, tz });
  });

  it("at 20:00 UTC a Tokyo completion dated tomorrow counts; Honolulu's own 7th day back counts, the 8th not", async () => {
    clock.set(AT_20);
    // A prompt posted at 19:55 UTC reached Taro at 04:55 on his D+1; he reacts at 20:00 UTC.
    const { ts } = await seedPrompt(new Date(AT_20.getTime() - 5 * 60_000), [[TARO, day(1)]], []);
    const res = await sendEvent(ctx.app.url, eventEnvelope("ReactionAdded", {
      event: { type: "reaction_added", user: TARO, reaction: "muscle", item: { type: "message", channel: CHANNEL, ts }, item_user: "U0BOTUSER", event_ts: `${AT_20.getTime() / 1000}.000100` },
    }));
    expect(res.status).toBe(200);
    const completion = await eventually(() => ctx.database.db.completion.findFirst({ where: { teamId: TEAM, userId: TARO } }), 20_000);
    expect(completion.localDate).toBe(day(1));

    const text = await board();
    expect(doneOf(text, TARO)).toBe(1);
    expect(doneOf(text, WANDA)).toBe(1);
    expect(doneOf(text, HANA)).toBe(1);
    // Kenji's only completion is his own 8th day back (the viewer's 7th): outside his week.
    expect(doneOf(text, KENJI)).toBeNull();
  });

  it("at 23:30 UTC, with Warsaw on D+1 and Honolulu still on D, Honolulu's own 7th day back still counts", async () => {
    clock.set(AT_2330);
    const text = await board();
    expect(doneOf(text, HANA)).toBe(1);
    expect(doneOf(text, TARO)).toBe(1);
    expect(doneOf(text, WANDA)).toBe(1);
    expect(doneOf(text, KENJI)).toBeNull();
  });
});
