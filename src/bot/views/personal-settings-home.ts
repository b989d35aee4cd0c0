/** Personal settings on App Home (buttons) and in their modal. Pure Block Kit. */
import type { Button, KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import type { PersonalSettings } from "../../db/repositories/member-prefs.js";
import { DAY_SHORT } from "../../domain/schedule-words.js";
import { formatClock } from "../../domain/slots.js";
import { BODY_AREAS } from "../../exercises/types.js";
import { EN, type T } from "../../i18n/index.js";
import { ActionId, CallbackId } from "../ids.js";
import { settingsLines } from "./personal-settings.js";
import { section } from "./routine.js";

function button(text: string, actionId: string): Button {
  return { type: "button", text: { type: "plain_text", text, emoji: true }, action_id: actionId, value: actionId };
}

export function personalSettingsBlocks(s: PersonalSettings, dmEveryMinutes: number | null, t: T = EN): KnownBlock[] {
  return [
    section(`*${t("settingsHome.heading")}*\n${settingsLines(s, dmEveryMinutes, t).join("\n")}`),
    {
      type: "actions",
      block_id: "home_personal",
      elements: [
        button(t(s.seatedOnly ? "settingsHome.standingToo" : "settingsHome.seatedOnly"), ActionId.homeSeatedToggle),
        button(t(s.intensity === "gentle" ? "settingsHome.standard" : "settingsHome.gentle"), ActionId.homeIntensityToggle),
        button(t(s.promptStyle === "full" ? "settingsHome.compact" : "settingsHome.full"), ActionId.homePromptStyleToggle),
        button(t("settingsHome.more"), ActionId.homeSettingsEdit),
      ],
    },
  ];
}

/** block_id = action_id of each modal input; the value is read like `/stretch me <field> <value>`. */
export const SettingsField = { hours: "hours", days: "days", tz: "tz", every: "every", prefer: "prefer", avoid: "avoid", language: "language" } as const;

// The value stays the English area word (what `/stretch me prefer` reads); only the label is translated.
const areaOption = (a: string, t: T): PlainTextOption => ({ text: { type: "plain_text", text: t.lng === "en" ? a : t(`areas.${a}`) }, value: a });
const languageOptions = (t: T): PlainTextOption[] => [
  { text: { type: "plain_text", text: t("settingsHome.modal.languageAuto") }, value: "auto" },
  { text: { type: "plain_text", text: "English" }, value: "en" },
  { text: { type: "plain_text", text: "Polski" }, value: "pl" },
];

function textInput(field: string, label: string, initial: string, hint: string): KnownBlock {
  return {
    type: "input",
    block_id: field,
    optional: true,
    label: { type: "plain_text", text: label },
    hint: { type: "plain_text", text: hint },
    element: { type: "plain_text_input", action_id: field, ...(initial ? { initial_value: initial } : {}) },
  };
}

function areasInput(field: string, label: string, chosen: string[], t: T): KnownBlock {
  return {
    type: "input",
    block_id: field,
    optional: true,
    label: { type: "plain_text", text: label },
    element: { type: "multi_static_select", action_id: field, options: BODY_AREAS.map((a) => areaOption(a, t)), ...(chosen.length > 0 ? { initial_options: chosen.map((a) => areaOption(a, t)) } : {}) },
  };
}

export function personalSettingsModal(s: PersonalSettings, dmEveryMinutes: number | null, t: T = EN): ModalView {
  const days = s.workDays.map((d) => DAY_SHORT[d - 1]!.toLowerCase()).join(",");
  const options = languageOptions(t);
  const language = options.find((o) => o.value === (s.language ?? "auto"))!;
  const m = (key: string) => t(`settingsHome.modal.${key}`);
  return {
    type: "modal",
    callback_id: CallbackId.personalSettingsModal,
    title: { type: "plain_text", text: m("title") },
    submit: { type: "plain_text", text: m("save") },
    close: { type: "plain_text", text: m("cancel") },
    blocks: [
      textInput(SettingsField.hours, m("hours"), `${formatClock(s.workStartMinute)}-${formatClock(s.workEndMinute)}`, m("hoursHint")),
      textInput(SettingsField.days, m("days"), days, m("daysHint")),
      textInput(SettingsField.tz, m("tz"), s.tzOverride ?? "auto", m("tzHint")),
      textInput(SettingsField.every, m("every"), dmEveryMinutes ? `${dmEveryMinutes}m` : "", m("everyHint")),
      areasInput(SettingsField.prefer, m("prefer"), s.preferredAreas, t),
      areasInput(SettingsField.avoid, m("avoid"), s.avoidAreas, t),
      {
        type: "input",
        block_id: SettingsField.language,
        optional: true,
        label: { type: "plain_text", text: m("language") },
        element: { type: "static_select", action_id: SettingsField.language, options, initial_option: language },
      },
    ],
  };
}

type ModalValues = Record<string, Record<string, { value?: string | null; selected_options?: Array<{ value: string }>; selected_option?: { value: string } | null }>>;

/** The modal's values as `/stretch me` lines, only for fields that differ from what is saved. */
export function readPersonalSettingsModal(values: ModalValues, before: PersonalSettings, dmEveryMinutes: number | null): Record<string, string> {
  const get = (f: string) => values[f]?.[f];
  const text = (f: string) => (get(f)?.value ?? "").trim();
  const areas = (f: string) => (get(f)?.selected_options ?? []).map((o) => o.value);
  const lines: Record<string, string> = {};
  const hours = text(SettingsField.hours);
  if (hours && hours !== `${formatClock(before.workStartMinute)}-${formatClock(before.workEndMinute)}`) lines.hours = `hours ${hours}`;
  const days = text(SettingsField.days);
  if (days && days !== before.workDays.map((d) => DAY_SHORT[d - 1]!.toLowerCase()).join(",")) lines.days = `days ${days}`;
  const tz = text(SettingsField.tz) || "auto";
  if (tz !== (before.tzOverride ?? "auto")) lines.tz = `tz ${tz}`;
  const every = text(SettingsField.every);
  if (every && every !== `${dmEveryMinutes}m`) lines.every = `every ${every}`;
  const prefer = areas(SettingsField.prefer);
  if (prefer.join(",") !== before.preferredAreas.join(",")) lines.prefer = `prefer ${prefer.length ? prefer.join(", ") : "none"}`;
  const avoid = areas(SettingsField.avoid);
  if (avoid.join(",") !== before.avoidAreas.join(",")) lines.avoid = `avoid ${avoid.length ? avoid.join(", ") : "none"}`;
  const language = get(SettingsField.language)?.selected_option?.value ?? "auto";
  if (language !== (before.language ?? "auto")) lines.language = `language ${language}`;
  return lines;
}
