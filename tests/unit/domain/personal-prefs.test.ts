import { describe, expect, it } from "vitest";
import { DEFAULT_PREFS, parseMeCommand, personalArea, personalCatalog, type PersonalPrefs } from "../../../src/domain/personal-prefs.js";
import { EXERCISES } from "../../../src/exercises/catalog.js";
import { buildRoutine, createRng } from "../../../src/exercises/routine-builder.js";

const prefs = (p: Partial<PersonalPrefs>): PersonalPrefs => ({ ...DEFAULT_PREFS, ...p });

describe("personal catalog", () => {
  it("no exercise that works an avoided area, whatever is asked for", () => {
    const mine = personalCatalog(prefs({ avoidAreas: ["neck"] }));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.some((e) => e.areas.includes("neck"))).toBe(false);
    for (let seed = 0; seed < 20; seed++) {
      const routine = buildRoutine({ areas: ["neck"] }, createRng(seed), mine);
      expect(routine.items.some((i) => i.exercise.areas.includes("neck"))).toBe(false);
    }
  });
  it("seated only and gentle (no strength moves)", () => {
    const mine = personalCatalog(prefs({ seatedOnly: true, intensity: "gentle" }));
    expect(mine.every((e) => e.positions.includes("seated") && e.kind !== "strength")).toBe(true);
    expect(personalCatalog(DEFAULT_PREFS)).toBe(EXERCISES);
  });
  it("avoiding every area leaves the whole catalog rather than nothing", () => {
    expect(personalCatalog(prefs({ avoidAreas: ["neck", "shoulders", "upper back", "lower back", "hips", "legs", "core"] })).length).toBe(EXERCISES.length);
  });
});

describe("personal area", () => {
  it("an avoided area is replaced by a preferred one, else the next one along the body", () => {
    expect(personalArea("neck", prefs({ avoidAreas: ["neck"] }), 0, false)).toBe("shoulders");
    expect(personalArea("neck", prefs({ avoidAreas: ["neck"], preferredAreas: ["hips"] }), 3, false)).toBe("hips");
    expect(personalArea("legs", prefs({ preferredAreas: ["hips"] }), 0, false)).toBe("legs");
  });
  it("a rotation goes through the preferred areas", () => {
    const p = prefs({ preferredAreas: ["neck", "hips"] });
    expect([0, 1, 2, 3].map((i) => personalArea("core", p, i, true))).toEqual(["neck", "hips", "neck", "hips"]);
  });
});

describe("/stretch me", () => {
  it.each([
    ["", { kind: "show" }],
    ["hours 08:30-16:30", { kind: "change", change: { field: "hours", start: 510, end: 990 } }],
    ["hours 8 to 16", { kind: "change", change: { field: "hours", start: 480, end: 960 } }],
    ["days mon-thu", { kind: "change", change: { field: "days", days: [1, 2, 3, 4] } }],
    ["tz europe/warsaw", { kind: "change", change: { field: "tz", tz: "Europe/Warsaw" } }],
    ["tz auto", { kind: "change", change: { field: "tz", tz: null } }],
    ["every 90m", { kind: "change", change: { field: "every", minutes: 90 } }],
    ["avoid neck, lower back", { kind: "change", change: { field: "avoid", areas: ["neck", "lower back"] } }],
    ["avoid none", { kind: "change", change: { field: "avoid", areas: [] } }],
    ["prefer hips legs", { kind: "change", change: { field: "prefer", areas: ["hips", "legs"] } }],
    ["seated on", { kind: "change", change: { field: "seated", on: true } }],
    ["seated off", { kind: "change", change: { field: "seated", on: false } }],
    ["intensity gentle", { kind: "change", change: { field: "intensity", intensity: "gentle" } }],
    ["prompts full", { kind: "change", change: { field: "style", style: "full" } }],
    ["language pl", { kind: "change", change: { field: "language", language: "pl" } }],
    ["język polski", { kind: "change", change: { field: "language", language: "pl" } }],
    ["language auto", { kind: "change", change: { field: "language", language: null } }],
  ])("%j", (text, expected) => {
    expect(parseMeCommand(text)).toEqual(expected);
  });
  it.each(["hours soon", "avoid elbows", "tz Mars/Olympus", "seated maybe", "colour blue", "language klingon"])("%j is a friendly problem with an example", (text) => {
    const r = parseMeCommand(text);
    expect(r.kind).toBe("invalid");
    if (r.kind === "invalid") expect(r.example).toMatch(/^\/stretch me/);
  });
});
