/**
 * The schedule modal ("Edit" in `/stretch schedule`): the same options as the command, one input
 * each, block_id = action_id = ScheduleModalField so validation errors land under their input.
 * Pure builders plus the reader of the submitted state.
 */
import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { MODAL_FIELD_MAX } from "../../domain/input-limits.js";
import type { ScheduleFormValues } from "../../domain/schedule-form.js";
import type { ScheduleTarget } from "../../domain/schedule-spec.js";
import { BODY_AREAS } from "../../exercises/types.js";
import { EN, type T } from "../../i18n/index.js";
import { CallbackId, ScheduleModalField } from "../ids.js";
import { dayNames } from "./days-text.js";
import { context, section } from "./routine.js";

/** Where the modal's schedule lives; carried in private_metadata so Save knows what to save. */
export interface ScheduleModalTarget {
  target: ScheduleTarget;
  /** The channel the schedule belongs to (and where the confirmation goes). */
  channelId: string;
}

// Titles and buttons: ≤ 24 characters (Slack's modal limit), checked in both languages by tests.

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

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function scheduleModal(where: ScheduleModalTarget, values: ScheduleFormValues, t: T = EN): ModalView {
  const m = (key: string) => t(`scheduleModal.${key}`);
  const dayOptions = dayNames(t).map((d, i) => option(d, String(i + 1)));
  const areaOptions = [option(m("rotate"), "rotate"), ...BODY_AREAS.map((a) => option(capitalized(t(`areas.${a}`)), a))];
  const seatedOption = option(m("seatedOnly"), "seated");
  const blocks: KnownBlock[] = [
    section(t(`scheduleModal.intro.${where.target}`, { channel: `<#${where.channelId}>` })),
    textInput(ScheduleModalField.every, m("every"), values.every, m("everyHint"), "60m"),
    textInput(ScheduleModalField.times, m("times"), values.times, m("timesHint"), "10:00, 15:00"),
    textInput(ScheduleModalField.window, m("window"), values.window, m("windowHint"), "09:00-17:00"),
    {
      type: "input",
      block_id: ScheduleModalField.days,
      optional: true, // so "none ticked" reaches us and gets a clear message instead of Slack's generic one
      label: plain(m("days")),
      element: {
        type: "checkboxes",
        action_id: ScheduleModalField.days,
        options: dayOptions,
        ...(values.days.length > 0 ? { initial_options: dayOptions.filter((o) => values.days.includes(Number(o.value))) } : {}),
      },
    },
    textInput(ScheduleModalField.tz, m("tz"), values.tz, m("tzHint"), "Europe/Warsaw"),
    {
      type: "input",
      block_id: ScheduleModalField.area,
      label: plain(m("area")),
      element: {
        type: "static_select",
        action_id: ScheduleModalField.area,
        options: areaOptions,
        initial_option: areaOptions.find((o) => o.value === values.area) ?? areaOptions[0]!,
      },
    },
    textInput(ScheduleModalField.length, m("length"), values.length, m("lengthHint"), "3m"),
    {
      type: "input",
      block_id: ScheduleModalField.seated,
      optional: true,
      label: plain(m("position")),
      element: { type: "checkboxes", action_id: ScheduleModalField.seated, options: [seatedOption], ...(values.seated ? { initial_options: [seatedOption] } : {}) },
    },
    context(m("note")),
  ];
  return {
    type: "modal",
    callback_id: CallbackId.scheduleEditModal,
    title: plain(m("title")),
    submit: plain(m("save")),
    close: plain(m("cancel")),
    private_metadata: JSON.stringify(where),
    blocks,
  };
}

/** A one-message modal (used when Save is refused), replacing the form. */
export function scheduleNoticeModal(mrkdwn: string, t: T = EN): ModalView {
  return { type: "modal", title: plain(t("scheduleModal.title")), close: plain(t("scheduleModal.close")), blocks: [section(mrkdwn)] };
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
