/** Personal settings on App Home (buttons) and in their modal. Pure Block Kit. */
import type { Button, KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import type { PersonalSettings } from "../../db/repositories/member-prefs.js";
import { DAY_SHORT } from "../../domain/schedule-words.js";
import { formatClock } from "../../domain/slots.js";
import { BODY_AREAS } from "../../exercises/types.js";
import { ActionId, CallbackId } from "../ids.js";
import { settingsLines } from "./personal-settings.js";
import { section } from "./routine.js";

function button(text: string, actionId: string): Button {
  return { type: "button", text: { type: "plain_text", text, emoji: true }, action_id: actionId, value: actionId };
}

export function personalSettingsBlocks(s: PersonalSettings, dmEveryMinutes: number | null): KnownBlock[] {
  return [
    section(`*Your settings*\n${settingsLines(s, dmEveryMinutes).join("\n")}`),
    {
      type: "actions",
      block_id: "home_personal",
      elements: [
        button(s.seatedOnly ? "Standing moves too" : "Seated only", ActionId.homeSeatedToggle),
        button(s.intensity === "gentle" ? "Standard intensity" : "Gentle intensity", ActionId.homeIntensityToggle),
        button(s.promptStyle === "full" ? "Compact prompts" : "Full prompts", ActionId.homePromptStyleToggle),
        button("More settings…", ActionId.homeSettingsEdit),
      ],
    },
  ];
}

/** block_id = action_id of each modal input; the value is read like `/stretch me <field> <value>`. */
export const SettingsField = { hours: "hours", days: "days", tz: "tz", every: "every", prefer: "prefer", avoid: "avoid", language: "language" } as const;

const areaOption = (a: string): PlainTextOption => ({ text: { type: "plain_text", text: a }, value: a });
const LANGUAGE_OPTIONS: PlainTextOption[] = [
  { text: { type: "plain_text", text: "Automatic (Slack)" }, value: "auto" },
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

function areasInput(field: string, label: string, chosen: string[]): KnownBlock {
  return {
    type: "input",
    block_id: field,
    optional: true,
    label: { type: "plain_text", text: label },
    element: { type: "multi_static_select", action_id: field, options: BODY_AREAS.map(areaOption), ...(chosen.length > 0 ? { initial_options: chosen.map(areaOption) } : {}) },
  };
}

export function personalSettingsModal(s: PersonalSettings, dmEveryMinutes: number | null): ModalView {
  const days = s.workDays.map((d) => DAY_SHORT[d - 1]!.toLowerCase()).join(",");
  const language = LANGUAGE_OPTIONS.find((o) => o.value === (s.language ?? "auto"))!;
  return {
    type: "modal",
    callback_id: CallbackId.personalSettingsModal,
    title: { type: "plain_text", text: "Your settings" },
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      textInput(SettingsField.hours, "Working hours", `${formatClock(s.workStartMinute)}-${formatClock(s.workEndMinute)}`, "e.g. 08:30-16:30"),
      textInput(SettingsField.days, "Working days", days, "e.g. mon-fri or mon,tue,thu"),
      textInput(SettingsField.tz, "Time zone", s.tzOverride ?? "auto", "auto follows Slack; or e.g. Europe/Warsaw"),
      textInput(SettingsField.every, "DM prompts every", dmEveryMinutes ? `${dmEveryMinutes}m` : "", "e.g. 90m; empty leaves it as it is"),
      areasInput(SettingsField.prefer, "Areas to focus on", s.preferredAreas),
      areasInput(SettingsField.avoid, "Areas to avoid", s.avoidAreas),
      {
        type: "input",
        block_id: SettingsField.language,
        optional: true,
        label: { type: "plain_text", text: "Language" },
        element: { type: "static_select", action_id: SettingsField.language, options: LANGUAGE_OPTIONS, initial_option: language },
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
