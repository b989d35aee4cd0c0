import { describe, expect, it } from "vitest";
import { allInEnglish, formInEnglish } from "../../helpers/problems.js";
import { scheduleModal } from "../../../src/bot/views/schedule-modal.js";
import { MAX_COMMAND_TEXT, MODAL_FIELD_MAX } from "../../../src/domain/input-limits.js";
import { parseScheduleForm } from "../../../src/domain/schedule-form.js";
import { parseScheduleSpec } from "../../../src/domain/schedule-spec.js";
import { readZone, suggestZone } from "../../../src/domain/schedule-words.js";

const form = { every: "60m", times: "", window: "09:00-17:00", days: [1, 2, 3, 4, 5], tz: "UTC", area: "rotate", length: "3m", seated: false };

describe("bounded inputs: a length cap before any parsing", () => {
  it("`tz <4,000 characters>` is refused without a zone suggestion (no edit distances over 600 zones)", () => {
    const long = "Europe/Warsaw".repeat(400);
    expect(suggestZone(long)).toBeNull();
    expect(readZone(long)).toBeNull();
    const parsed = parseScheduleSpec(`every 60m tz ${"x".repeat(4_000)}`, 15);
    expect(parsed.kind).toBe("invalid");
  });

  it("still suggests for real typos, and the length shortcut does not change the answer", () => {
    expect(suggestZone("Europe/Warsow")).toBe("Europe/Warsaw");
    expect(suggestZone("Warsow")).toBe("Europe/Warsaw");
    expect(suggestZone("America/New_Yrok")).toBe("America/New_York");
  });

  it("schedule text longer than the command cap is refused before it is split into words", () => {
    const parsed = parseScheduleSpec(`every 60m ${"a".repeat(MAX_COMMAND_TEXT)}`, 15);
    expect(parsed.kind).toBe("invalid");
    if (parsed.kind === "invalid") expect(allInEnglish(parsed.problems)).toEqual([`That's too long: at most ${MAX_COMMAND_TEXT} characters.`]);
  });

  it("every text field of the schedule modal carries max_length, and longer values are refused per field", () => {
    const modal = scheduleModal({ target: "channel", channelId: "C0GENERAL1" }, { ...form, tz: "UTC" });
    const inputs = (modal.blocks as Array<{ type: string; element?: { type: string; action_id: string; max_length?: number } }>)
      .filter((b) => b.type === "input" && b.element?.type === "plain_text_input")
      .map((b) => [b.element!.action_id, b.element!.max_length]);
    expect(Object.fromEntries(inputs)).toEqual(MODAL_FIELD_MAX);
    const result = formInEnglish(parseScheduleForm({ ...form, tz: "x".repeat(65), times: "1".repeat(201) }, 15));
    expect(result).toEqual({ ok: false, errors: { tz: "That's too long: at most 64 characters.", times: "That's too long: at most 200 characters." } });
  });
});
