import { describe, expect, it } from "vitest";
import { allInEnglish } from "../../helpers/problems.js";
import { MAX_COMPLETION_REACTIONS, parseReactionSetting } from "../../../src/domain/reaction-setting.js";

describe("parseReactionSetting", () => {
  it.each([
    ["", { kind: "show" }],
    ["  ", { kind: "show" }],
    ["any", { kind: "any" }],
    ["RESET", { kind: "any" }],
    [":white_check_mark: :muscle:", { kind: "set", reactions: ["white_check_mark", "muscle"] }],
    ["muscle, raised_hands,muscle", { kind: "set", reactions: ["muscle", "raised_hands"] }],
    [":+1::skin-tone-3: party-parrot", { kind: "set", reactions: ["+1", "party-parrot"] }],
  ])("%j", (text, expected) => {
    expect(parseReactionSetting(text)).toEqual(expected);
  });

  it("refuses what cannot be an emoji name, without echoing markup", () => {
    const result = parseReactionSetting("muscle <!channel> 🎉");
    expect(result.kind).toBe("invalid");
    if (result.kind !== "invalid") return;
    expect(allInEnglish(result.problems).join(" ")).toContain("are not emoji names");
    expect(allInEnglish(result.problems).join(" ")).not.toContain("<!channel>");
  });

  it("caps the list", () => {
    const many = Array.from({ length: MAX_COMPLETION_REACTIONS + 1 }, (_, i) => `e${i}`).join(" ");
    expect(parseReactionSetting(many)).toMatchObject({ kind: "invalid" });
  });
});
