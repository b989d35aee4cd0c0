import { randomUUID } from "node:crypto";
import { threadId } from "node:worker_threads";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DateTime } from "luxon";
import { mondayOf, weekStarts } from "../../src/domain/report-period.js";
import { TEAM } from "../helpers/fixtures.js";
import { commandFields, eventBody } from "../helpers/plain-requests.js";
import { decodePng, pngInside } from "../helpers/png.js";
import { sendCommand, sendEvent } from "../helpers/slack-requests.js";
import { addDays, localDate } from "../../src/time/zones.js";
import { OffsetClock } from "../../src/time/clock.js";
import { ThreadedChartRenderer } from "../../src/charts/render-thread.js";
import { useAppFixture } from "../helpers/app-fixture.js";
import type { RecordedCall } from "../helpers/fake-slack.js";

const OTHER_TEAM = "T0OTHERTEAM";
const ADMIN = "U0ADMIN001";
const ALICE = "U0ALICE001";
const ALPHA = ["C0ALPHA001", "C0ALPHA002"];
const BRAVO = "C0BRAVO001";
const PEOPLE = ["U0BOB00001", "U0CAT00001", "U0DAN00001", ALICE];
const ZONE = "Europe/Warsaw"; // FakeSlack's default user zone
const PUBLIC_URL = "https://stretch.example.test";

describe("charts end to end: report and stats uploads, App Home images, one workspace each", () => {
  // The product's clock: the last test moves it past the links' expiry (CHART_URL_TTL_MINUTES, a day).
  const clock = new OffsetClock();
  const ctx = useAppFixture("e2e_charts", { env: { PUBLIC_URL, RECONCILE_INTERVAL_SECONDS: "3600" }, clock });
  const { fake } = ctx;
  const today = localDate(new Date(), ZONE);

  /** Channel prompts with their deliveries and completions, written in three statements. */
  const rows = { prompts: [] as object[], deliveries: [] as object[], completions: [] as object[] };
  function seedPrompt(teamId: string, channel: string, date: string, delivered: string[], completed: string[]): void {
    const id = randomUUID();
    rows.prompts.push({ id, teamId, slotKey: `e2e:${id}`, slotAt: new Date(`${date}T10:00:00Z`), target: channel, status: "posted", channelId: channel, messageTs: `1700000000.${id.slice(0, 6)}` });
    rows.deliveries.push(...delivered.map((userId) => ({ teamId, promptId: id, userId, localDate: date })));
    rows.completions.push(...completed.map((userId) => ({ teamId, promptId: id, userId, channelId: channel, source: "reaction", localDate: date })));
  }

  beforeAll(async () => {
    fake.addUser({ id: ADMIN, name: "Ada Admin", is_admin: true });
    for (const id of PEOPLE) fake.addUser({ id });
    // The app may be writing its own workspace row right now (start-up confirms the install).
    await ctx.database.db.workspace.createMany({ data: [{ teamId: TEAM }, { teamId: OTHER_TEAM }], skipDuplicates: true });
    // Eight weeks, one prompt a week per channel. Alice completes in the first workspace on
    // Mondays; in the other workspace she completes on Tuesdays (which must never show up here).
    for (const monday of weekStarts(today, 8)) {
      seedPrompt(TEAM, ALPHA[0]!, monday, PEOPLE, PEOPLE.slice(0, 3));
      seedPrompt(TEAM, ALPHA[1]!, monday, PEOPLE, [ALICE]);
      const tuesday = addDays(monday, 1);
      if (tuesday <= today) seedPrompt(OTHER_TEAM, BRAVO, tuesday, PEOPLE, PEOPLE);
    }
    await ctx.database.db.prompt.createMany({ data: rows.prompts as never });
    await ctx.database.db.delivery.createMany({ data: rows.deliveries as never });
    await ctx.database.db.completion.createMany({ data: rows.completions as never });
  });
  beforeEach(() => {
    fake.reset();
    fake.on("conversations.info", (c) => ({ ok: true, channel: { id: c.args.channel, name: `ch-${String(c.args.channel).toLowerCase()}` } }));
  });

  /** What files.uploadV2 sent: the alt text and title asked for, the PNG uploaded, the channel. */
  async function upload() {
    const [asked] = await fake.waitFor("files.getUploadURLExternal");
    const [sent] = await fake.waitFor("/upload/F0FAKE");
    const [done] = await fake.waitFor("files.completeUploadExternal");
    const png = pngInside(sent!.bytes!);
    expect(png).toBeDefined();
    return { altText: String(asked!.args.alt_text), filename: String(asked!.args.filename), png: decodePng(png!), completed: done!.args };
  }

  it("/stretch report answers with text, then uploads the participation chart to the manager's DM", async () => {
    const res = await sendCommand(ctx.app.url, commandFields({ text: "report", userId: ADMIN, channelId: ALPHA[0]!, responseUrl: fake.responseUrl("rep") }));
    expect(res.status).toBe(200);
    await fake.waitFor("response_url:rep");
    const chart = await upload();
    expect(chart.filename).toMatch(/^stretch-participation-.*\.png$/);
    expect(chart.png.width).toBeGreaterThan(1000);
    expect(JSON.stringify(chart.completed)).toContain(`D${ADMIN.replace(/^U/, "")}`);
    // Alt text states the figures: #ch-c0alpha001 is 3 of 4 every week, #ch-c0alpha002 1 of 4.
    expect(chart.altText).toContain("8 weeks");
    expect(chart.altText).toContain(`#ch-c0alpha001: ${Array(8).fill("75%").join(", ")}`);
    expect(chart.altText).toContain(`#ch-c0alpha002: ${Array(8).fill("25%").join(", ")}`);
    expect(chart.altText).not.toContain("bravo");
  });

  it("the Monday digest carries the same chart after its text", async () => {
    // This week's Monday, 09:05 in the manager's zone: the digest is due (clock injected).
    const mondayMorning = DateTime.fromISO(`${mondayOf(today)}T09:05`, { zone: ZONE }).toJSDate();
    const run = await ctx.app.app.services.digests.sendDueDigests(mondayMorning);
    expect(run.sent).toBeGreaterThanOrEqual(1);
    const [post] = await fake.waitFor("chat.postMessage", (c) => String(c.args.channel).startsWith("D"));
    const chart = await upload();
    expect(fake.calls.indexOf(post!)).toBeLessThan(fake.calls.findIndex((c) => c.method === "files.getUploadURLExternal"));
    expect(chart.altText).toContain("#ch-c0alpha001: ");
    expect(chart.altText).toContain("8 weeks");
  });

  it("someone who is not a manager gets no chart", async () => {
    await sendCommand(ctx.app.url, commandFields({ text: "report", userId: ALICE, channelId: ALPHA[0]!, responseUrl: fake.responseUrl("nope") }));
    await fake.waitFor("response_url:nope");
    expect(await ctx.app.app.services.charts.participation({ teamId: TEAM, userId: ALICE })).toBeNull();
    expect(fake.callsOf("files.getUploadURLExternal")).toHaveLength(0);
  });

  it("/stretch stats chart sends the person's 12-week calendar, their own completions in this workspace only", async () => {
    const res = await sendCommand(ctx.app.url, commandFields({ text: "stats chart", userId: ALICE, channelId: ALPHA[0]!, responseUrl: fake.responseUrl("st") }));
    expect(res.status).toBe(200);
    const chart = await upload();
    expect(chart.filename).toMatch(/^stretch-calendar-.*\.png$/);
    // One completion each Monday for 8 weeks here; the other workspace's Tuesdays do not count.
    expect(chart.altText).toContain("8 completed on 8 of");
    expect(chart.altText).toMatch(/Per week, oldest first: 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1\./);
  });

  it("App Home shows both charts as images at signed URLs; the URLs serve PNGs and refuse tampering", async () => {
    type Image = { image_url: string; alt_text: string };
    const homeImages = async (user: string): Promise<Image[]> => {
      expect((await sendEvent(ctx.app.url, eventBody({ type: "app_home_opened", user, channel: `D${user.slice(1)}`, tab: "home" }))).status).toBe(200);
      const [publish] = await fake.waitFor("views.publish", (c) => c.args.user_id === user);
      const blocks = JSON.parse(JSON.stringify(publish!.args.view)).blocks as Array<Record<string, unknown>>;
      expect(JSON.stringify(blocks)).not.toContain("▇");
      return blocks.filter((b) => b.type === "image") as unknown as Image[];
    };
    // The manager (no stretches of their own): the participation chart instead of text bars.
    const [participation, ...none] = await homeImages(ADMIN);
    expect(none).toHaveLength(0);
    expect(participation!.alt_text).toContain("#ch-c0alpha001");
    expect(participation!.alt_text).not.toContain("bravo");
    // A person with stretches: their calendar.
    const [heatmap] = await homeImages(ALICE);
    expect(heatmap!.alt_text).toContain("8 completed on 8 of");
    for (const image of [participation!, heatmap!]) {
      expect(image.image_url.startsWith(`${PUBLIC_URL}/charts/`)).toBe(true);
      const res = await fetch(image.image_url.replace(PUBLIC_URL, ctx.app.url));
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/png");
      expect(decodePng(Buffer.from(await res.arrayBuffer())).width).toBeGreaterThan(300);
    }
    // The same link pointed at the other workspace (or with a changed signature) is refused.
    const token = participation!.image_url.slice(`${PUBLIC_URL}/charts/`.length);
    const [payload, sig] = token.replace(/\.png$/, "").split(".") as [string, string];
    const claim = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claim, teamId: OTHER_TEAM })).toString("base64url");
    expect((await fetch(`${ctx.app.url}/charts/${forged}.${sig}.png`)).status).toBe(403);
    expect((await fetch(`${ctx.app.url}/charts/${payload}.${sig.replace(/^./, (c) => (c === "A" ? "B" : "A"))}.png`)).status).toBe(403);
  });

  const replyText = (call: RecordedCall | undefined) => JSON.stringify(call?.args.blocks ?? []) + String(call?.args.text ?? "");

  it("/stretch report: when the chart cannot be sent, the text report still arrives and a friendly line says so", async () => {
    fake.queue("files.getUploadURLExternal", { ok: false, error: "internal_error" });
    await sendCommand(ctx.app.url, commandFields({ text: "report", userId: ADMIN, channelId: ALPHA[0]!, responseUrl: fake.responseUrl("repfail") }));
    const [report, apology] = await fake.waitFor("response_url:repfail", () => true, 2);
    expect(replyText(report)).toContain("Stretch participation report");
    expect(replyText(apology)).toContain("couldn't send the chart");
    expect(fake.callsOf("files.completeUploadExternal")).toHaveLength(0);
  });

  it("/stretch report on a channel with no data: the text says so and no chart is drawn", async () => {
    await sendCommand(ctx.app.url, commandFields({ text: "report <#C0QUIET0001|quiet>", userId: ADMIN, channelId: ALPHA[0]!, responseUrl: fake.responseUrl("empty") }));
    const [answer] = await fake.waitFor("response_url:empty");
    expect(replyText(answer)).not.toMatch(/\d+%/);
    expect(await ctx.app.app.services.charts.participation({ teamId: TEAM, userId: ADMIN, target: { kind: "channel", channelId: "C0QUIET0001" } })).toBeNull();
    expect(fake.callsOf("files.getUploadURLExternal")).toHaveLength(0);
  });

  it("/stretch stats chart: a chart that fails to draw gets a friendly line and the figures as text", async () => {
    const heatmap = vi.spyOn(ctx.app.app.services.charts, "heatmap").mockRejectedValueOnce(new Error("resvg could not draw"));
    try {
      const res = await sendCommand(ctx.app.url, commandFields({ text: "stats chart", userId: ALICE, channelId: ALPHA[0]!, responseUrl: fake.responseUrl("stfail") }));
      expect(res.text).toContain("Drawing your last 12 weeks");
      const [answer] = await fake.waitFor("response_url:stfail");
      expect(answer!.args.response_type).toBe("ephemeral");
      expect(replyText(answer)).toContain("couldn't draw or send your 12-week picture");
      expect(replyText(answer)).toContain("Your stretch stats");
      expect(fake.callsOf("files.getUploadURLExternal")).toHaveLength(0);
    } finally {
      heatmap.mockRestore();
    }
  });

  it("/stretch stats with an argument it does not know: says what it understands, and the figures still come", async () => {
    await sendCommand(ctx.app.url, commandFields({ text: "stats chrat <!channel>", userId: ALICE, channelId: ALPHA[0]!, responseUrl: fake.responseUrl("badarg") }));
    const [answer] = await fake.waitFor("response_url:badarg");
    const text = replyText(answer);
    expect(text).toContain("I didn't understand");
    expect(text).toContain("`/stretch stats chart`");
    expect(text).toContain("Your stretch stats");
    // What was typed is shown, never as a mention.
    expect(text).toContain("&lt;!channel&gt;");
    expect(text).not.toContain("<!channel>");
  });

  it("App Home: when Slack refuses the view because it could not load a chart, Home goes out without charts", async () => {
    fake.queue("views.publish", { ok: false, error: "invalid_blocks", errors: ["downloading image failed [json-pointer:/view/blocks/2/image_url]"] });
    await sendEvent(ctx.app.url, eventBody({ type: "app_home_opened", user: ADMIN, channel: `D${ADMIN.slice(1)}`, tab: "home" }));
    const [refused, published] = await fake.waitFor("views.publish", (c) => c.args.user_id === ADMIN, 2);
    expect(JSON.stringify(refused!.args.view)).toContain('"type":"image"');
    const home = JSON.stringify(published!.args.view);
    expect(home).not.toContain('"type":"image"');
    // The text bars instead of the picture.
    expect(home).toMatch(/[▁▂▃▄▅▆▇█]/);
    expect(home).toContain("<#C0ALPHA001>");
  });

  it("operator routes left unconfigured stay off: no queue dashboard without ADMIN_USERNAME/ADMIN_PASSWORD", async () => {
    expect((await fetch(`${ctx.app.url}/admin/queues`)).status).toBe(404);
    expect((await fetch(`${ctx.app.url}/admin/queues/api/queues`)).status).toBe(404);
    // No METRICS_TOKEN: /metrics is open (for a scrape on a private network).
    expect((await fetch(`${ctx.app.url}/metrics`)).status).toBe(200);
  });

  it("a manager of the other workspace sees only that workspace's teams", async () => {
    await ctx.database.db.member.upsert({
      where: { teamId_userId: { teamId: OTHER_TEAM, userId: "U0BOB00001" } },
      create: { teamId: OTHER_TEAM, userId: "U0BOB00001", isManager: true },
      update: { isManager: true },
    });
    const chart = await ctx.app.app.services.charts.participation({ teamId: OTHER_TEAM, userId: "U0BOB00001" });
    expect(chart).not.toBeNull();
    expect(chart!.altText).toContain("#ch-c0bravo001");
    expect(chart!.altText).not.toContain("alpha");
  });

  // Near the end: it moves the product's clock a day on.
  it("a Home chart link expires on the product's clock; opening Home again gives a fresh link that works", async () => {
    const imageOf = async () => {
      fake.reset();
      await sendEvent(ctx.app.url, eventBody({ type: "app_home_opened", user: ALICE, channel: `D${ALICE.slice(1)}`, tab: "home" }));
      const [publish] = await fake.waitFor("views.publish", (c) => c.args.user_id === ALICE);
      const image = (JSON.parse(JSON.stringify(publish!.args.view)).blocks as Array<{ type: string; image_url?: string }>).find((b) => b.type === "image");
      return image!.image_url!.replace(PUBLIC_URL, ctx.app.url);
    };
    const old = await imageOf();
    expect((await fetch(old)).status).toBe(200);
    clock.advance((24 * 60 + 1) * 60_000);
    expect((await fetch(old)).status).toBe(410);
    const fresh = await imageOf();
    expect(fresh).not.toBe(old);
    const res = await fetch(fresh);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
  });

  // Last of all: it shuts the app down (SIGTERM does the same: src/main.ts calls close()).
  it("every chart above was drawn in the worker thread, and shutting the app down stops that thread", async () => {
    const renderer = ctx.app.app.services.charts.renderer;
    expect(renderer).toBeInstanceOf(ThreadedChartRenderer);
    const threaded = renderer as ThreadedChartRenderer;
    expect(threaded.running).toBe(true);
    expect(threaded.lastThreadId).not.toBe(threadId);
    expect(ctx.app.logs.text).not.toContain("chart worker thread could not start");
    await ctx.app.close();
    expect(threaded.running).toBe(false);
  });
});
