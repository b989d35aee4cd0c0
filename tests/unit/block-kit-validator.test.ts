import { describe, expect, it } from "vitest";
import { describeProblems, invalidBlocksAnswer, validateMessage, validateView } from "../../demo/workspace/block-kit-validator.js";
import { helpMessage } from "../../src/bot/views/help.js";
import { scheduleModal } from "../../src/bot/views/schedule-modal.js";

const plain = (text: string) => ({ type: "plain_text", text });
const mrkdwn = (text: string) => ({ type: "mrkdwn", text });
const button = (text: string, action_id: string) => ({ type: "button", text: plain(text), action_id });
const pointers = (problems: Array<{ pointer: string }>) => problems.map((p) => p.pointer);

describe("Block Kit validator (what Slack refuses)", () => {
  it("accepts an ordinary message and the app's own views", () => {
    expect(validateMessage({ text: "hi", blocks: [{ type: "section", text: mrkdwn("*hi*"), accessory: button("Go", "go") }, { type: "divider" }] })).toEqual([]);
    expect(validateMessage(helpMessage() as unknown as Record<string, unknown>)).toEqual([]);
    const modal = scheduleModal({ target: "channel", channelId: "C0GENERAL1" }, { every: "60m", times: "", window: "09:00-17:00", days: [1, 2], tz: "Europe/Warsaw", area: "neck", length: "3m", seated: false });
    expect(validateView(modal)).toEqual([]);
  });

  it("refuses more than 50 blocks in a message and 100 in a view", () => {
    const blocks = (n: number) => Array.from({ length: n }, () => ({ type: "divider" }));
    expect(pointers(validateMessage({ blocks: blocks(51) }))).toEqual(["/blocks"]);
    expect(validateMessage({ blocks: blocks(50) })).toEqual([]);
    expect(pointers(validateView({ type: "home", blocks: blocks(101) }))).toEqual(["/view/blocks"]);
    expect(validateView({ type: "home", blocks: blocks(100) })).toEqual([]);
  });

  it("refuses text over Slack's limits, with Slack's wording and pointer", () => {
    const problems = validateMessage({ blocks: [{ type: "section", text: mrkdwn("x".repeat(3001)) }] });
    expect(describeProblems(problems)).toEqual(["must be less than 3001 characters [json-pointer:/blocks/0/text/text]"]);
    expect(pointers(validateMessage({ blocks: [{ type: "actions", elements: [button("b".repeat(76), "a")] }] }))).toEqual(["/blocks/0/elements/0/text/text"]);
    expect(pointers(validateView({ type: "modal", title: plain("A title of twenty-five ch"), blocks: [] }))).toEqual(["/view/title/text"]);
    expect(pointers(validateMessage({ blocks: [{ type: "header", text: plain("h".repeat(151)) }] }))).toEqual(["/blocks/0/text/text"]);
  });

  it("refuses duplicate block_ids and action_ids, missing fields and markdown where plain text is required", () => {
    expect(pointers(validateMessage({ blocks: [{ type: "divider", block_id: "x" }, { type: "divider", block_id: "x" }] }))).toEqual(["/blocks/1/block_id"]);
    expect(pointers(validateMessage({ blocks: [{ type: "actions", elements: [button("A", "same"), button("B", "same")] }] }))).toEqual(["/blocks/0/elements/1/action_id"]);
    expect(pointers(validateMessage({ blocks: [{ type: "section" }] }))).toEqual(["/blocks/0"]);
    expect(pointers(validateMessage({ blocks: [{ type: "actions", elements: [{ type: "button", text: mrkdwn("*A*"), action_id: "a" }] }] }))).toEqual(["/blocks/0/elements/0/text/type"]);
    expect(pointers(validateMessage({ blocks: [{ type: "image", image_url: "https://x/y.png" }] }))).toEqual(["/blocks/0/alt_text"]);
    expect(pointers(validateView({ type: "modal", title: plain("T"), blocks: [{ type: "input", label: plain("L"), element: { type: "plain_text_input", action_id: "a" } }] }))).toEqual(["/view/submit"]);
    expect(pointers(validateMessage({ blocks: [{ type: "section", text: mrkdwn("") }] }))).toEqual(["/blocks/0/text/text"]);
  });

  it("refuses a select whose initial option is not one of its options", () => {
    const option = (v: string) => ({ text: plain(v), value: v });
    const select = { type: "static_select", action_id: "s", options: [option("a")], initial_option: option("b") };
    expect(pointers(validateMessage({ blocks: [{ type: "actions", elements: [select] }] }))).toEqual(["/blocks/0/elements/0/initial_option"]);
  });

  it("answers like Slack: invalid_blocks with the reasons", () => {
    const answer = invalidBlocksAnswer([{ pointer: "/blocks", message: "must have no more than 50 items" }]);
    expect(answer).toMatchObject({ ok: false, error: "invalid_blocks", errors: ["must have no more than 50 items [json-pointer:/blocks]"] });
  });
});
