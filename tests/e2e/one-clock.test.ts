import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { beforeEach, describe, expect, it } from "vitest";

import { ManualClock } from "../../src/time/clock.js";
import { useAppFixture } from "../helpers/app-fixture.js";
import type { RecordedCall } from "../helpers/fake-slack.js";
import { eventEnvelope, slashCommand, TEAM } from "../helpers/fixtures.js";

import { sendCommand, sendEvent } from "../helpers/slack-requests.js";
import { eventually } from "../helpers/wait.js";
import { addDays, localDate } from "../../src/time/zones.js";
import { ensureWorkspaceRow } from "../helpers/factories.js";

/**
 * The whole app runs on a clock months away from the machine's date: every figure a person sees
 * (stats, streaks, leaderboards, reports, App Home, the Monday digest) follows that clock. Were a
 * service still reading the machine's date, the seeded week would be months in its future and
 * these commands would answer "nothing yet".
 */
const CHANNEL = "C0CLOCK001";
const ADMIN = "U0CLKADMIN";
const ALICE = "U0CLKALICE";
const TEAMMATES = ["U0CLKBOB01", "U0CLKCAT01", "U0CLKDAN01"];
const ZONE = "Europe/Warsaw"; // FakeSlack's default user zone

// A Monday about seven months ahead, 09:30 in Warsaw: the digest is due, and the seeded week
// (the seven days before and this morning) lies wholly after the machine's date.
const MONDAY = DateTime.now().setZone(ZONE).plus({ days: 210 }).startOf("week").set({ hour: 9, minute: 30 });
const clock = new ManualClock(MONDAY.toJSDate());
const today = localDate(clock.now(), ZONE);

const text = (call: RecordedCall | undefined) => JSON.stringify(call?.args.blocks ?? []) + String(call?.args.text ?? "");

describe("one clock: the app on a clock seven months ahead of the machine", () => {
  const ctx = useAppFixture("e2e_one_clock", {
    clock,
    seed: async ({ database }) => {
      fake.addUser({ id: ADMIN, name: "Ada Admin", is_admin: true });
      for (const id of [ALICE, ...TEAMMATES]) fake.addUser({ id });
      await ensureWorkspaceRow(database.db, TEAM);
      const everyone = [ALICE, ...TEAMMATES];
      // Eight days of one prompt a day, the last one this (clock's) morning: Alice did every one.
      for (let i = 7; i >= 0; i--) await seedPrompt(addDays(today, -i), everyone, [ALICE, ...(i % 2 === 0 ? [TEAMMATES[0]!] : [])]);
    },
  });
  const { fake } = ctx;

  async function seedPrompt(date: string, delivered: string[], completed: string[]): Promise<void> {
    const id = randomUUID();
    await ctx.database.db.prompt.create({
      data: { id, teamId: TEAM, slotKey: `clock:${id}`, slotAt: new Date(`${date}T06:00:00Z`), target: CHANNEL, status: "posted", channelId: CHANNEL, messageTs: `1700000000.${id.slice(0, 6)}` },
    });
    await ctx.database.db.delivery.createMany({ data: delivered.map((userId) => ({ teamId: TEAM, promptId: id, userId, localDate: date })) });
    await ctx.database.db.completion.createMany({ data: completed.map((userId) => ({ teamId: TEAM, promptId: id, userId, channelId: CHANNEL, source: "reaction", localDate: date })) });
  }

  it("runs seven months ahead of the machine", () => {
    expect(MONDAY.toJSDate().getTime() - Date.now()).toBeGreaterThan(180 * 86_400_000);
  });
  beforeEach(() => fake.reset());

  async function reply(commandText: string, userId: string, responseId: string): Promise<string> {
    const res = await sendCommand(ctx.app.url, slashCommand({ text: commandText, userId, channelId: CHANNEL, responseUrl: fake.responseUrl(responseId) }));
    expect(res.status).toBe(200);
    const [posted] = await fake.waitFor(`response_url:${responseId}`);
    return text(posted);
  }

  it("/stretch stats counts the clock's week and its 8-day streak", async () => {
    const stats = await reply("stats", ALICE, "stats");
    expect(stats).toContain("8-day streak");
    expect(stats).not.toContain("No stretches recorded");
  });

  it("/stretch leaderboard week ranks the clock's week", async () => {
    const board = await reply("leaderboard week", ALICE, "board");
    expect(board).toContain("1. <@U0CLKALICE>");
    expect(board).toContain("8-day streak");
  });

  it("/stretch report covers the clock's weeks", async () => {
    const report = await reply("report weeks 2", ADMIN, "report");
    expect(report).toContain("Stretch participation report");
    expect(report).toContain(`<#${CHANNEL}>`);
    expect(report).toMatch(/\d+\/4 active/);
  });

  it("App Home shows the clock's streak", async () => {
    const res = await sendEvent(ctx.app.url, eventEnvelope("AppHomeOpened", { event: { type: "app_home_opened", user: ALICE, channel: `D${ALICE}`, tab: "home", event_ts: `${clock.now().getTime() / 1000}` } }));
    expect(res.status).toBe(200);
    const [published] = await fake.waitFor("views.publish", (c) => c.args.user_id === ALICE);
    expect(JSON.stringify(published!.args.view)).toContain("8-day streak");
  });

  it("the Monday digest is due at the clock's 09:30 and reports the clock's last week, once", async () => {
    await reply("report weeks 1", ADMIN, "known"); // the admin is known (and a manager) from here on
    const dmOf = (c: RecordedCall) => c.args.channel === `D${ADMIN.replace(/^U/, "")}`;
    // No instant passed: the service takes "now" from the app's clock, as the digest job does.
    const run = await ctx.app.app.services.digests.sendDueDigests();
    expect(run.due).toBeGreaterThanOrEqual(1);
    const [dm] = await fake.waitFor("chat.postMessage", dmOf);
    expect(text(dm)).toContain("Your weekly stretch digest");
    // Whichever ran first (this call or the digest job), one digest for the week.
    await eventually(async () => (await ctx.database.db.digestSent.count()) === 1);
    expect(fake.callsOf("chat.postMessage").filter(dmOf)).toHaveLength(1);
  });
});
