import { describe, expect, it } from "vitest";
import { problem } from "../../../src/domain/problem.js";
import { ActionId, CallbackId, ScheduleModalField } from "../../../src/bot/ids.js";
import { decodeScheduleModalTarget, readScheduleModal, scheduleModal } from "../../../src/bot/views/schedule-modal.js";
import { describeSchedule, forbiddenMessage, invalidMessage, pauseMessage, scheduleChangeMessage, scheduleOverviewMessage } from "../../../src/bot/views/schedule.js";
import { formValuesFrom, parseScheduleForm } from "../../../src/domain/schedule-form.js";
import { DEFAULT_SETTINGS } from "../../../src/domain/schedule-spec.js";
import type { ScheduleView } from "../../../src/services/schedule-service.js";
import type { ScheduleRecord } from "../../../src/db/repositories/schedules.js";
import { scheduleRecord } from "../../helpers/records.js";

const schedule = scheduleRecord;
/** Monday 7 Jan 2030, 12:00 UTC; the next prompt at 14:00 in Warsaw. */
const NOW = new Date("2030-01-07T12:00:00Z");
const view = (s: ScheduleRecord, canEdit: boolean): ScheduleView => ({ schedule: s, canEdit, next: { at: new Date("2030-01-07T13:00:00Z"), tz: s.tz, state: "at" } });
const json = (x: unknown) => JSON.stringify(x);
type Element = { action_id?: string; value?: string };
const accessories = (blocks: unknown[]) => (blocks as Array<{ accessory?: Element }>).map((b) => b.accessory).filter((a): a is Element => a !== undefined);

describe("schedule messages", () => {
  it("describes a schedule in plain words", () => {
    expect(describeSchedule(schedule())).toBe("every 60 min, 09:00–17:00, Mon–Fri, Europe/Warsaw · rotating body areas · 3 min each");
    expect(describeSchedule(schedule({ intervalMinutes: null, times: ["10:00", "15:00"], days: [1, 3, 5], area: "neck", lengthSeconds: 90, seatedOnly: true }))).toBe(
      "at 10:00, 15:00, Mon, Wed, Fri, Europe/Warsaw · neck only · 90 s each · seated exercises",
    );
  });

  it("overview: an Edit button carrying the schedule id only for people who may edit", () => {
    const editable = scheduleOverviewMessage([view(schedule(), true)], { channelId: "C0GENERAL1" }, NOW);
    expect(accessories(editable.blocks)).toEqual([expect.objectContaining({ action_id: ActionId.scheduleEdit, value: schedule().id })]);
    expect(json(editable.blocks)).toContain("Next prompt: today 14:00 Europe/Warsaw");
    const readOnly = scheduleOverviewMessage([view(schedule(), false)], { channelId: "C0GENERAL1" });
    expect(accessories(readOnly.blocks)).toEqual([]);
    expect(json(readOnly.blocks)).toContain("<@U0CREATOR1>");
  });

  it("overview with nothing set up offers to set one up", () => {
    const empty = scheduleOverviewMessage([], { channelId: "C0GENERAL1" });
    expect(accessories(empty.blocks)).toEqual([expect.objectContaining({ action_id: ActionId.scheduleEdit, value: "new:channel" })]);
    const inDm = scheduleOverviewMessage([], { channelId: "D0ALICE" });
    expect(accessories(inDm.blocks)[0]!.value).toBe("new:dm");
  });

  it("saved confirms what happens next; forbidden names who can; invalid lists every problem and an example", () => {
    const saved = scheduleChangeMessage({ kind: "saved", created: true, view: view(schedule(), true) }, undefined, NOW);
    expect(saved.text).toContain("Next prompt: today 14:00 Europe/Warsaw");
    expect(saved.text).toContain("<#C0GENERAL1>");
    expect(forbiddenMessage(schedule()).text).toContain("Only <@U0CREATOR1>");
    const invalid = invalidMessage([problem("everyAndAt"), problem("pickDays")], "/stretch schedule every 60m");
    expect(invalid.text).toContain("• Use either `every <N>m` (a regular interval) or `at <times>` (fixed times), not both.\n• Pick at least one day");
    expect(invalid.text).toContain("`/stretch schedule every 60m`");
  });

  it("pause replies say for how long and what keeps going", () => {
    const now = new Date("2026-11-23T12:30:00Z");
    const mine = pauseMessage({ kind: "me-paused", until: new Date("2026-11-23T14:30:00Z"), tz: "Europe/Warsaw" }, now);
    expect(mine.text).toContain("until today 15:30 Europe/Warsaw");
    expect(mine.text).toContain("channels keep going");
    const today = pauseMessage({ kind: "me-paused", until: new Date("2026-11-23T23:00:00Z"), tz: "Europe/Warsaw" }, now);
    expect(today.text).toContain("for the rest of today");
    const channel = pauseMessage({ kind: "channel-paused", until: new Date("2026-11-23T14:30:00Z"), schedules: [schedule()] }, now);
    expect(channel.text).toContain("for everyone");
  });
});

describe("schedule modal", () => {
  const values = formValuesFrom({ ...DEFAULT_SETTINGS, days: [1, 2, 3], times: [], area: "hips", seatedOnly: true }, "Europe/Warsaw");
  const modal = scheduleModal({ target: "members", channelId: "C0GENERAL1" }, values);

  it("has our callback id, a short title and one input per option", () => {
    expect(modal.callback_id).toBe(CallbackId.scheduleEditModal);
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    expect(modal.submit?.text.length).toBeLessThanOrEqual(24);
    const inputs = modal.blocks.filter((b) => b.type === "input") as Array<{ block_id: string; element: { action_id: string } }>;
    expect(inputs.map((b) => b.block_id).sort()).toEqual(Object.values(ScheduleModalField).sort());
    for (const b of inputs) expect(b.element.action_id).toBe(b.block_id);
    expect(decodeScheduleModalTarget(modal.private_metadata)).toEqual({ target: "members", channelId: "C0GENERAL1" });
  });

  it("what Slack sends back from the untouched modal reads as the stored settings", () => {
    // Build the view_submission state the way Slack does: block_id → action_id → value.
    const state: Record<string, Record<string, unknown>> = {};
    for (const b of modal.blocks as Array<Record<string, any>>) {
      if (b.type !== "input") continue;
      const el = b.element;
      const entry =
        el.type === "plain_text_input"
          ? { type: el.type, value: el.initial_value ?? null }
          : el.type === "checkboxes"
            ? { type: el.type, selected_options: el.initial_options ?? [] }
            : { type: el.type, selected_option: el.initial_option ?? null };
      state[b.block_id] = { [el.action_id]: entry };
    }
    const read = readScheduleModal(state as Parameters<typeof readScheduleModal>[0]);
    expect(read).toEqual(values);
    expect(parseScheduleForm(read, 15)).toMatchObject({ ok: true, settings: { days: [1, 2, 3], area: "hips", seatedOnly: true }, tz: "Europe/Warsaw" });
  });

  it("refuses broken metadata", () => {
    expect(decodeScheduleModalTarget("not json")).toBeNull();
    expect(decodeScheduleModalTarget(JSON.stringify({ target: "everyone", channelId: "C1" }))).toBeNull();
  });
});
