import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { chartRoute } from "../../../src/bot/chart-route.js";
import { ChartLinks } from "../../../src/charts/links.js";
import { ChartRenderer } from "../../../src/charts/render.js";
import { chartWords } from "../../../src/charts/words.js";
import { heatmapSpec, participationSpec } from "../../../src/charts/specs.js";
import { ALT_TEXT_MAX, heatmapData, participationChartData } from "../../../src/domain/chart-data.js";
import { buildReport, type WeeklyAggregate } from "../../../src/domain/report.js";
import { weekStarts } from "../../../src/domain/report-period.js";
import { createLogger } from "../../../src/logger.js";
import type { ChartService } from "../../../src/services/chart-service.js";
import { decodePng } from "../../helpers/png.js";
import { translator } from "../../../src/i18n/index.js";
import { addDays } from "../../../src/time/zones.js";

/** A report over `weeks` Mondays with `teams` channels; team i completes (20 + 5i + week) % of prompts. */
function report(teams: number, weeks: number, today = "2026-03-18") {
  const starts = weekStarts(today, weeks);
  const aggregates: WeeklyAggregate[] = [];
  for (let t = 0; t < teams; t++) {
    const team = `C0TEAM${String(t).padStart(4, "0")}`;
    starts.forEach((week, w) => aggregates.push({ team, week, deliveries: 100, people: 5, completions: 20 + 5 * t + w, active: 4 }));
    aggregates.push({ team, week: null, deliveries: 100 * weeks, people: 5, completions: 0, active: 4 });
  }
  starts.forEach((week) => aggregates.push({ team: null, week, deliveries: 100 * teams, people: 5 * teams, completions: 40 * teams, active: 4 * teams }));
  aggregates.push({ team: null, week: null, deliveries: 1, people: 5 * teams, completions: 0, active: 1 });
  return buildReport({ weeks: starts, aggregates, streaks: new Map() });
}

const renderer = new ChartRenderer();

/** The pixel size Vega gave the SVG (its root width/height attributes). */
function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg[^>]*>/.exec(svg)![0];
  return { width: Math.round(Number(/ width="([\d.]+)"/.exec(root)![1])), height: Math.round(Number(/ height="([\d.]+)"/.exec(root)![1])) };
}

describe("participation chart", () => {
  it("has one line per team plus the total, and alt text with every weekly figure", () => {
    const data = participationChartData(report(3, 8), (id) => `#${id.slice(-2)}`, chartWords());
    expect(data.series).toEqual(["All teams", "#02", "#01", "#00"]);
    expect(data.points).toHaveLength(4 * 8);
    expect(data.altText).toContain("8 weeks from the week of Jan 26 to the week of Mar 16");
    expect(data.altText).toContain("#00: 20%, 21%, 22%, 23%, 24%, 25%, 26%, 27%");
    expect(data.altText).toContain("#02: 30%, 31%, 32%, 33%, 34%, 35%, 36%, 37%");
    expect(data.altText).toContain("All teams: 40%");
  });

  it("keeps alt text within Slack's limit for many teams and says what was left out", () => {
    const data = participationChartData(report(40, 12), (id) => `#a-rather-long-channel-name-${id}`, chartWords());
    expect(data.altText.length).toBeLessThanOrEqual(ALT_TEXT_MAX);
    expect(data.altText).toMatch(/…and \d+ more teams/);
  });

  it("renders to a PNG that decodes, at 1.5 × the layout size", async () => {
    const data = participationChartData(report(5, 10), (id) => `#${id}`, chartWords());
    const spec = participationSpec("Weekly participation");
    const svg = await renderer.toSvg("participation", spec, data.points);
    const chart = await renderer.toPng(svg);
    const png = decodePng(chart.png);
    expect({ width: png.width, height: png.height }).toEqual({ width: chart.width, height: chart.height });
    expect({ width: png.width, height: png.height }).toEqual(svgSize(svg));
    // 640 × 300 plot area, plus axes, title and legend, at scale 1.5.
    expect(png.width).toBeGreaterThan(640 * 1.5);
    expect(png.width).toBeLessThan(1700);
    expect(png.height).toBeGreaterThan(300 * 1.5);
    expect(png.height).toBeLessThan(700);
    expect(png.colourType === 6 || png.colourType === 2).toBe(true);
    expect((await renderer.render("participation", spec, data.points)).png.equals(chart.png)).toBe(true);
  });
});

describe("calendar heatmap", () => {
  const today = "2026-03-18"; // a Wednesday
  const byDay = new Map([
    [today, 2],
    [addDays(today, -1), 5],
    [addDays(today, -30), 1],
  ]);

  it("is 12 week columns, Monday first, ending today; counts and alt text agree", () => {
    const data = heatmapData(today, byDay, chartWords());
    expect(data.weeks).toHaveLength(12);
    expect(data.weeks.at(-1)).toBe("2026-03-16");
    expect(data.cells).toHaveLength(11 * 7 + 3);
    expect(data.cells.at(-1)).toMatchObject({ date: today, weekday: "Wed", count: 2, level: "2" });
    expect(data.cells.find((c) => c.date === addDays(today, -1))?.level).toBe("4+");
    expect(data.total).toBe(8);
    expect(data.activeDays).toBe(3);
    expect(data.altText).toContain("8 completed on 3 of 80 days");
    expect(data.altText).toContain("Best week: 7 (week of Mar 16)");
    expect(data.altText).toContain("Per week, oldest first: 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 7");
  });

  it("renders to a PNG with the expected size", async () => {
    const data = heatmapData(today, byDay, chartWords());
    const svg = await renderer.toSvg("heatmap", heatmapSpec("Your last 12 weeks"), data.cells);
    const png = decodePng((await renderer.toPng(svg)).png);
    expect({ width: png.width, height: png.height }).toEqual(svgSize(svg));
    // 12 columns × 24 px and 7 rows × 24 px plus labels, title and legend, at scale 1.5.
    expect(png.width).toBeGreaterThan(12 * 24 * 1.5);
    expect(png.width).toBeLessThan(700);
    expect(png.height).toBeGreaterThan(7 * 24 * 1.5);
    expect(png.height).toBeLessThan(600);
  });
});

describe("one renderer, several languages", () => {
  it("draws each language's words: a compiled spec is reused only for the same spec", async () => {
    const pl = translator("pl");
    const rows = participationChartData(report(2, 8), (id) => `#${id}`, chartWords()).points;
    const own = new ChartRenderer();
    const english = await own.toSvg("participation", participationSpec("Weekly participation"), rows);
    const polish = await own.toSvg("participation", participationSpec(pl("charts.participationTitle"), pl), rows);
    expect(english).toContain("Weekly participation");
    expect(polish).toContain(pl("charts.participationTitle"));
    expect(polish).toContain(pl("charts.axisCompleted"));
    expect(polish).not.toContain("Weekly participation");
  });
});

describe("charts with nothing in them", () => {
  it("a person with no stretches gets an empty calendar that says 0, not an error", async () => {
    const data = heatmapData("2026-03-18", new Map(), chartWords());
    expect(data.total).toBe(0);
    expect(data.altText).toContain("0 completed on 0 of 80 days");
    expect(data.altText).not.toContain("Best week");
    const png = decodePng((await renderer.render("heatmap", heatmapSpec("Your last 12 weeks"), data.cells)).png);
    expect(png.width).toBeGreaterThan(12 * 24 * 1.5);
  });
});

describe("signed chart links", () => {
  let clock = Date.parse("2026-03-18T12:00:00Z");
  const links = new ChartLinks("signing-secret-for-tests", "https://stretch.example.com/", 3600, () => clock);
  const tokenOf = (url: string) => url.slice("https://stretch.example.com/charts/".length);

  it("accepts its own link until it expires", () => {
    const url = links.url("participation", "T0AAAAAAA", "U0MANAGER");
    expect(url).toMatch(/^https:\/\/stretch\.example\.com\/charts\/[\w-]+\.[\w-]{43}\.png$/);
    expect(links.check(tokenOf(url))).toMatchObject({ ok: true, claim: { kind: "participation", teamId: "T0AAAAAAA", userId: "U0MANAGER" } });
    clock += 3599_000;
    expect(links.check(tokenOf(url)).ok).toBe(true);
    clock += 1_000;
    expect(links.check(tokenOf(url))).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a link whose workspace, person, expiry or signature was changed", () => {
    const token = tokenOf(links.url("heatmap", "T0AAAAAAA", "U0PERSON1"));
    const [payload, sig] = token.replace(/\.png$/, "").split(".") as [string, string];
    const claim = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
    for (const change of [{ teamId: "T0BBBBBBB" }, { userId: "U0SOMEONE" }, { exp: (claim.exp as number) + 86_400 }]) {
      const forged = Buffer.from(JSON.stringify({ ...claim, ...change })).toString("base64url");
      expect(links.check(`${forged}.${sig}.png`)).toEqual({ ok: false, reason: "bad_signature" });
    }
    const flipped = sig.slice(0, -2) + (sig.endsWith("AA") ? "BA" : "AA");
    expect(links.check(`${payload}.${flipped}.png`)).toEqual({ ok: false, reason: "bad_signature" });
    expect(links.check("../../etc/passwd")).toEqual({ ok: false, reason: "malformed" });
    // Another deployment's secret signs different links.
    const other = new ChartLinks("another-secret", "https://x.example", 3600, () => clock);
    expect(other.check(token)).toEqual({ ok: false, reason: "bad_signature" });
  });
});

describe("GET /charts/<token>", () => {
  let clock = Date.parse("2026-03-18T12:00:00Z");
  const links = new ChartLinks("signing-secret-for-tests", "http://app.test", 600, () => clock);
  const png = Buffer.from("89504e470d0a1a0a", "hex");
  const seen: Array<{ teamId: string; userId: string }> = [];
  const charts = {
    links,
    forClaim: async (claim: { teamId: string; userId: string }) => {
      seen.push({ teamId: claim.teamId, userId: claim.userId });
      return { png, width: 1, height: 1, altText: "", title: "", filename: "" };
    },
  } as unknown as ChartService;
  const route = chartRoute(charts, createLogger("silent"))!;

  function get(url: string): Promise<{ status: number; body: Buffer }> {
    return new Promise((resolve) => {
      let status = 0;
      const res = {
        writeHead: (s: number) => {
          status = s;
          return res;
        },
        end: (body?: Buffer | string) => resolve({ status, body: Buffer.from(body ?? "") }),
      } as unknown as ServerResponse;
      route.handler({ url: url.replace("http://app.test", ""), method: "GET" } as IncomingMessage, res);
    });
  }

  it("serves the PNG for a valid link, for exactly the workspace and person it names", async () => {
    const res = await get(links.url("heatmap", "T0AAAAAAA", "U0PERSON1"));
    expect(res.status).toBe(200);
    expect(res.body.equals(png)).toBe(true);
    expect(seen.at(-1)).toEqual({ teamId: "T0AAAAAAA", userId: "U0PERSON1" });
  });

  it("refuses a changed link (403) and an expired one (410) without rendering anything", async () => {
    const before = seen.length;
    const url = links.url("participation", "T0AAAAAAA", "U0MANAGER");
    const [payload, sig] = url.split("/charts/")[1]!.replace(/\.png$/, "").split(".") as [string, string];
    const claim = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
    const otherTeam = Buffer.from(JSON.stringify({ ...claim, teamId: "T0BBBBBBB" })).toString("base64url");
    expect((await get(`/charts/${otherTeam}.${sig}.png`)).status).toBe(403);
    clock += 601_000;
    expect((await get(url)).status).toBe(410);
    expect(seen.length).toBe(before);
  });
});
