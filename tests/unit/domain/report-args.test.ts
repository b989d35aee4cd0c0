import { describe, expect, it } from "vitest";
import { allInEnglish } from "../../helpers/problems.js";
import { isInvalid } from "../../../src/domain/problem.js";
import { parseLeaderboardArgs, parseManagersArgs, parseReportArgs, tokens } from "../../../src/domain/report-args.js";

describe("parseLeaderboardArgs", () => {
  it("defaults to the last week of this channel", () => {
    expect(parseLeaderboardArgs("")).toEqual({ action: "show", period: "week" });
  });
  it("reads periods, user groups and channels as Slack escapes them", () => {
    expect(parseLeaderboardArgs("month")).toEqual({ action: "show", period: "month" });
    expect(parseLeaderboardArgs("ALL <!subteam^S0ENG123|@eng-team>")).toEqual({
      action: "show",
      period: "all",
      target: { kind: "usergroup", usergroupId: "S0ENG123", label: "eng-team" },
    });
    expect(parseLeaderboardArgs("<!subteam^S0ENG123>")).toMatchObject({ target: { kind: "usergroup", usergroupId: "S0ENG123" } });
    expect(parseLeaderboardArgs("<#C0DESIGN1|design> week")).toMatchObject({ target: { kind: "channel", channelId: "C0DESIGN1" } });
  });
  it("hide and show", () => {
    expect(parseLeaderboardArgs("hide")).toEqual({ action: "hide" });
    expect(parseLeaderboardArgs("show")).toEqual({ action: "unhide" });
  });
  it("explains bare mentions and unknown words without echoing markup", () => {
    const bare = parseLeaderboardArgs("@eng");
    expect(isInvalid(bare) && allInEnglish(bare.problems).join(" ")).toContain("autocomplete");
    const odd = parseLeaderboardArgs("<!channel>");
    expect(isInvalid(odd)).toBe(true);
    if (isInvalid(odd)) expect(allInEnglish(odd.problems).join(" ")).not.toContain("<!channel>");
  });
});

describe("parseManagersArgs", () => {
  it("reads both mention forms", () => {
    expect(parseManagersArgs("add <@U0BOB0001|bob>")).toEqual({ action: "add", userId: "U0BOB0001" });
    expect(parseManagersArgs("remove <@U0BOB0001>")).toEqual({ action: "remove", userId: "U0BOB0001" });
    expect(parseManagersArgs("add <@W0GRID001|Ann Lee>")).toEqual({ action: "add", userId: "W0GRID001" });
    expect(parseManagersArgs("")).toEqual({ action: "list" });
    expect(parseManagersArgs("list")).toEqual({ action: "list" });
  });
  it("refuses missing or bare mentions with usage", () => {
    expect(isInvalid(parseManagersArgs("add"))).toBe(true);
    expect(isInvalid(parseManagersArgs("add @bob"))).toBe(true);
    expect(isInvalid(parseManagersArgs("add <@U1> <@U2>"))).toBe(true);
    expect(isInvalid(parseManagersArgs("promote <@U1>"))).toBe(true);
  });
  it("keeps a mention with spaces in its label as one token", () => {
    expect(tokens("add <@U1|Ann Lee> now")).toEqual(["add", "<@U1|Ann Lee>", "now"]);
  });
});

describe("parseReportArgs", () => {
  it("defaults to 8 weeks of the whole workspace", () => {
    expect(parseReportArgs("")).toEqual({ export: false, weeks: 8 });
  });
  it("reads targets, weeks in several spellings, and export", () => {
    expect(parseReportArgs("<#C0ENG0001|eng> weeks 12")).toEqual({ export: false, weeks: 12, target: { kind: "channel", channelId: "C0ENG0001", label: "eng" } });
    expect(parseReportArgs("12 weeks")).toEqual({ export: false, weeks: 12 });
    expect(parseReportArgs("4w export")).toEqual({ export: true, weeks: 4 });
    expect(parseReportArgs("export <!subteam^S1|@ops>")).toEqual({ export: true, weeks: 8, target: { kind: "usergroup", usergroupId: "S1", label: "ops" } });
  });
  it("bounds weeks to 1…52", () => {
    for (const text of ["weeks 0", "weeks 53", "weeks x", "weeks", "100w"]) expect(isInvalid(parseReportArgs(text)), text).toBe(true);
    expect(parseReportArgs("weeks 52")).toMatchObject({ weeks: 52 });
  });
});
