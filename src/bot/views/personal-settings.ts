import type { PersonalSettings } from "../../db/repositories/member-prefs.js";
import type { MeChange } from "../../domain/personal-prefs.js";
import { describeDays } from "../../domain/schedule-words.js";
import { formatClock } from "../../domain/slots.js";
import type { PersonalSettingsResult } from "../../services/personal-settings.js";
import type { SlackMessage } from "./message.js";
import { context, header, section } from "./routine.js";

const LANGUAGE_NAMES: Record<string, string> = { en: "English", pl: "Polski" };
const list = (areas: string[]) => (areas.length === 0 ? "none" : areas.join(", "));

/** One line per setting, as `/stretch me` and App Home show them. */
export function settingsLines(s: PersonalSettings, dmEveryMinutes: number | null): string[] {
  return [
    `*Working hours:* ${formatClock(s.workStartMinute)}–${formatClock(s.workEndMinute)}, ${describeDays(s.workDays)}`,
    `*Time zone:* ${s.tz ?? "not known yet"}${s.tzOverride ? " (your choice)" : " (from Slack)"}`,
    `*Your DM prompts:* ${dmEveryMinutes ? `every ${dmEveryMinutes} min` : "off"}`,
    `*Prefer:* ${list(s.preferredAreas)}  ·  *Avoid:* ${list(s.avoidAreas)}`,
    `*Seated only:* ${s.seatedOnly ? "yes" : "no"}  ·  *Intensity:* ${s.intensity}  ·  *Prompts:* ${s.promptStyle}`,
    `*Language:* ${s.language ? LANGUAGE_NAMES[s.language] ?? s.language : `automatic (${s.slackLocale ?? "Slack"})`}`,
  ];
}

/** The plain-words confirmation of one change. */
export function confirmation(change: MeChange, dmEveryMinutes: number | null): string {
  switch (change.field) {
    case "hours":
      return `Your working hours are now ${formatClock(change.start)}–${formatClock(change.end)}. Prompts sent to you by DM stay inside them.`;
    case "days":
      return `You work ${describeDays(change.days)} now; no DM prompts on other days.`;
    case "tz":
      return change.tz ? `Your time zone is now ${change.tz}, whatever Slack says. \`/stretch me tz auto\` goes back to Slack's.` : "Your time zone follows Slack again.";
    case "every":
      return `Your personal DM prompts now come every ${change.minutes} minutes${dmEveryMinutes ? "" : " (once they start)"}.`;
    case "prefer":
      return change.areas.length === 0 ? "No preferred areas: your prompts rotate through the whole body." : `Your prompts will focus on ${change.areas.join(", ")} where they can.`;
    case "avoid":
      return change.areas.length === 0
        ? "No areas avoided any more."
        : `Got it: no exercises for ${change.areas.join(", ")} in your prompts and routines, including "Another routine" on channel prompts.`;
    case "seated":
      return change.on ? "From now on only exercises you can do sitting down." : "Standing exercises are back in your routines.";
    case "intensity":
      return change.intensity === "gentle" ? "Gentle it is: stretches and easy mobility moves, no strength exercises." : "Standard intensity: every kind of exercise again.";
    case "style":
      return change.style === "full" ? "Your DM prompts will show every step in full." : "Your DM prompts will be compact; press *How to* for the steps.";
    case "language":
      return change.language ? `I'll talk to you in ${LANGUAGE_NAMES[change.language]}.` : "I'll use your Slack language (or the workspace's).";
  }
}

const HELP =
  "Change one with e.g. `/stretch me hours 08:30-16:30`, `me days mon-thu`, `me tz Europe/Warsaw`, `me every 90m`, " +
  "`me prefer neck, shoulders`, `me avoid lower back`, `me seated on`, `me intensity gentle`, `me prompts full`, `me language pl`.";

export function personalSettingsMessage(result: PersonalSettingsResult): SlackMessage {
  switch (result.kind) {
    case "show":
      return {
        text: "Your stretch settings",
        blocks: [header("Your stretch settings"), section(settingsLines(result.settings, result.dmEveryMinutes).join("\n")), context(HELP)],
      };
    case "changed": {
      const text = `:white_check_mark: ${confirmation(result.change, result.dmEveryMinutes)}${result.dmProblem ? `\n:warning: Your DM schedule was not changed: ${result.dmProblem}` : ""}`;
      return { text, blocks: [section(text), context(settingsLines(result.settings, result.dmEveryMinutes).join("  ·  "))] };
    }
    case "invalid": {
      const text = `${result.problem}\nExample: \`${result.example}\``;
      return { text, blocks: [section(text), context(HELP)] };
    }
  }
}

/** The modal's Save: every change it made, one plain sentence each. */
export function settingsSavedMessage(results: PersonalSettingsResult[]): SlackMessage {
  const lines = results.flatMap((r) => (r.kind === "changed" ? [`• ${confirmation(r.change, r.dmEveryMinutes)}${r.dmProblem ? ` (${r.dmProblem})` : ""}`] : []));
  const text = `:white_check_mark: Saved your stretch settings:\n${lines.join("\n")}`;
  return { text, blocks: [section(text)] };
}
