import { describe, expect, it } from "vitest";
import { splitSubcommand } from "../../../src/domain/subcommand.js";

describe("splitSubcommand", () => {
  it.each([
    ["", { name: "routine", rest: "" }],
    ["neck 5m", { name: "routine", rest: "neck 5m" }],
    ["  Schedule   every 60m  09:00-17:00 ", { name: "schedule", rest: "every 60m 09:00-17:00" }],
    ["HELP", { name: "help", rest: "" }],
    ["?", { name: "help", rest: "" }],
    ["forget me", { name: "forget-me", rest: "" }],
    ["forget-me", { name: "forget-me", rest: "" }],
    ["opt-out", { name: "optout", rest: "" }],
    ["leaderboard week", { name: "leaderboard", rest: "week" }],
    ["report export", { name: "report", rest: "export" }],
    ["calf raises", { name: "routine", rest: "calf raises" }],
  ])("%j → %j", (text, expected) => {
    expect(splitSubcommand(text)).toEqual(expected);
  });
});
