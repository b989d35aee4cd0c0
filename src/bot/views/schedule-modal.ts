/**
 * The schedule modal ("Edit" in `/stretch schedule`): the same options as the command, one input
 * each, block_id = action_id = ScheduleModalField so validation errors land under their input.
 * Pure builders plus the reader of the submitted state.
 */
import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { MODAL_FIELD_MAX } from "../../domain/input-limits.js";
import type { ScheduleFormValues } from "../../domain/schedule-form.js";
import type { ScheduleTarget } from "../../domain/schedule-spec.js";
import { DAY_SHORT } from "../../domain/schedule-words.js";
import { BODY_AREAS } from "../../exercises/types.js";
import { CallbackId, ScheduleModalField } from "../ids.js";
import { context, section } from "./routine.js";

/** Where the modal's schedule lives; carried in private_metadata so Save knows what to save. */
export interface ScheduleModalTarget {
  target: ScheduleTarget;
  /** The channel the schedule belongs to (and where the confirmation goes). */
  channelId: string;
}

const TITLE = "Stretch schedule"; // ≤ 24 characters (Slack's modal title limit)

const plain = (text: string) => ({ type: "plain_text" as const, text, emoji: true });
const option = (text: string, value: string): PlainTextOption => ({ text: plain(text), value });

function textInput(field: string, label: string, initial: string, hint: string, placeholder: string): InputBlock {
  return {
    type: "input",
    block_id: field,
    optional: true,
    label: plain(label),
    hint: plain(hint),
    element: {
      type: "plain_text_input",
      action_id: field,
      ...(initial ? { initial_value: initial } : {}),
      placeholder: plain(placeholder),
      ...(maxLength(field) && { max_length: maxLength(field) }),
    },
  };
}

/** Slack refuses longer input in the field itself (src/domain/input-limits.ts). */
function maxLength(field: string): number | undefined {
  return field in MODAL_FIELD_MAX ? MODAL_FIELD_MAX[field as keyof typeof MODAL_FIELD_MAX] : undefined;
}

const TARGET_INTRO: Readonly<Record<ScheduleTarget, (channelId: string) => string>> = {
  channel: (c) => `Stretch prompts posted in <#${c}>.`,
  members: (c) => `Stretch prompts sent by DM to every member of <#${c}>, in each person's own time zone and working hours.`,
  dm: () => "Your personal stretch prompts, by DM.",
};

export function scheduleModal(where: ScheduleModalTarget, values: ScheduleFormValues): ModalView {
  const dayOptions = DAY_SHORT.map((d, i) => option(d, String(i + 1)));
  const areaOptions = [option("Rotate through areas", "rotate"), ...BODY_AREAS.map((a) => option(a[0]!.toUpperCase() + a.slice(1), a))];
  const seatedOption = option("Seated exercises only", "seated");
  const blocks: KnownBlock[] = [
    section(TARGET_INTRO[where.target](where.channelId)),
    textInput(ScheduleModalField.every, "Every", values.every, "How often, like 60m, 90 min or 1.5h. Leave empty to use fixed times.", "60m"),
    textInput(ScheduleModalField.times, "Or at fixed times", values.times, "Like 10:00, 11:30, 15:00 (leave empty for an interval).", "10:00, 15:00"),
    textInput(ScheduleModalField.window, "Between", values.window, "Working window, like 09:00-17:00. Optional with fixed times.", "09:00-17:00"),
    {
      type: "input",
      block_id: ScheduleModalField.days,
      optional: true, // so "none ticked" reaches us and gets a clear message instead of Slack's generic one
      label: plain("Days"),
      element: {
        type: "checkboxes",
        action_id: ScheduleModalField.days,
        options: dayOptions,
        ...(values.days.length > 0 ? { initial_options: dayOptions.filter((o) => values.days.includes(Number(o.value))) } : {}),
      },
    },
    textInput(ScheduleModalField.tz, "Time zone", values.tz, "An IANA zone, like Europe/Warsaw or America/New_York.", "Europe/Warsaw"),
    {
      type: "input",
      block_id: ScheduleModalField.area,
      label: plain("Body area"),
      element: {
        type: "static_select",
        action_id: ScheduleModalField.area,
        options: areaOptions,
        initial_option: areaOptions.find((o) => o.value === values.area) ?? areaOptions[0]!,
      },
    },
    textInput(ScheduleModalField.length, "Length", values.length, "How long each stretch break lasts, like 3m or 90s.", "3m"),
    {
      type: "input",
      block_id: ScheduleModalField.seated,
      optional: true,
      label: plain("Position"),
      element: { type: "checkboxes", action_id: ScheduleModalField.seated, options: [seatedOption], ...(values.seated ? { initial_options: [seatedOption] } : {}) },
    },
    context("Saving turns the schedule on (and ends a pause). To stop it, use `/stretch schedule off`."),
  ];
  return {
    type: "modal",
    callback_id: CallbackId.scheduleEditModal,
    title: plain(TITLE),
    submit: plain("Save"),
    close: plain("Cancel"),
    private_metadata: JSON.stringify(where),
    blocks,
  };
}

/** A one-message modal (used when Save is refused), replacing the form. */
export function scheduleNoticeModal(mrkdwn: string): ModalView {
  return { type: "modal", title: plain(TITLE), close: plain("Close"), blocks: [section(mrkdwn)] };
}

export function decodeScheduleModalTarget(metadata: string | undefined): ScheduleModalTarget | null {
  try {
    const parsed = JSON.parse(metadata ?? "") as Partial<ScheduleModalTarget>;
    const targets: readonly string[] = ["channel", "members", "dm"];
    if (typeof parsed.channelId !== "string" || !targets.includes(parsed.target ?? "")) return null;
    return { target: parsed.target as ScheduleTarget, channelId: parsed.channelId };
  } catch {
    return null;
  }
}

/** Slack's view.state.values: block_id → action_id → element state. */
type StateValues = Record<string, Record<string, { value?: string | null; selected_options?: Array<{ value: string }>; selected_option?: { value: string } | null }>>;

export function readScheduleModal(values: StateValues): ScheduleFormValues {
  const get = (field: string) => values[field]?.[field];
  const text = (field: string) => get(field)?.value ?? "";
  return {
    every: text(ScheduleModalField.every),
    times: text(ScheduleModalField.times),
    window: text(ScheduleModalField.window),
    days: (get(ScheduleModalField.days)?.selected_options ?? []).map((o) => Number(o.value)).filter((d) => Number.isInteger(d)),
    tz: text(ScheduleModalField.tz),
    area: get(ScheduleModalField.area)?.selected_option?.value ?? "rotate",
    length: text(ScheduleModalField.length),
    seated: (get(ScheduleModalField.seated)?.selected_options ?? []).some((o) => o.value === "seated"),
  };
}
