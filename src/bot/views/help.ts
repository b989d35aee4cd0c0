/**
 * `/stretch help`. HELP_COMMANDS is the single list of sub-commands shown to people, so a test can
 * check none is missing when a new one ships.
 */
import type { KnownBlock } from "@slack/types";
import { EN, type T } from "../../i18n/index.js";
import type { SlackMessage } from "./message.js";
import { capBlocks, context, escapeMrkdwn, header, section, truncate } from "./routine.js";

export type HelpGroup = "Routines" | "Schedules" | "Pausing" | "Progress" | "Managers and reports" | "Privacy";

export interface HelpCommand {
  usage: string;
  example: string;
  description: string;
  group: HelpGroup;
}

export const HELP_COMMANDS: readonly HelpCommand[] = [
  { group: "Routines", usage: "/stretch", example: "/stretch", description: "A quick 3-minute routine for the whole body." },
  {
    group: "Routines",
    usage: "/stretch <area> [time] [seated|standing]",
    example: "/stretch lower back 5m seated",
    description: "A routine for neck, shoulders, upper back, lower back, hips, legs or core. Also: `/stretch hips 5m`, `/stretch seated 2m`, `/stretch standing`.",
  },
  { group: "Routines", usage: "/stretch <exercise name>", example: "/stretch neck rolls", description: "One exercise in detail: steps, dose and safety." },
  { group: "Routines", usage: "/stretch list", example: "/stretch list", description: "Every area and exercise I know." },
  { group: "Routines", usage: "/stretch help", example: "/stretch help", description: "This message." },
  {
    group: "Schedules",
    usage: "/stretch schedule every <interval> <hours> <days> [tz <zone>] [area <area>|rotate] [length <time>] [seated]",
    example: "/stretch schedule every 60m 09:00-17:00 mon-fri tz Europe/Warsaw area rotate length 3m seated",
    description: "Post a stretch break in this channel on a repeating schedule.",
  },
  {
    group: "Schedules",
    usage: "/stretch schedule at <times> …",
    example: "/stretch schedule at 10:00,15:00 mon-fri",
    description: "Post breaks at fixed times instead of an interval.",
  },
  {
    group: "Schedules",
    usage: "/stretch schedule members every <interval> …",
    example: "/stretch schedule members every 60m 09:00-17:00 mon-fri",
    description: "Send the breaks as a DM to every member of this channel.",
  },
  {
    group: "Schedules",
    usage: "/stretch schedule dm every <interval> …",
    example: "/stretch schedule dm every 90m 09:00-17:00 mon-fri",
    description: "Your own personal reminders, by DM.",
  },
  { group: "Schedules", usage: "/stretch schedule", example: "/stretch schedule", description: "Show this channel's schedule, with an Edit button." },
  { group: "Schedules", usage: "/stretch schedule off", example: "/stretch schedule off", description: "Stop this channel's schedule." },
  { group: "Schedules", usage: "/stretch schedule dm off", example: "/stretch schedule dm off", description: "Stop your personal DM reminders." },
  {
    group: "Pausing",
    usage: "/stretch pause <duration>|today",
    example: "/stretch pause 2h",
    description: "Hold your own DM prompts for a while (up to 14 days), or `/stretch pause today`. Channel posts keep going for everyone else.",
  },
  {
    group: "Pausing",
    usage: "/stretch pause channel <duration>|today",
    example: "/stretch pause channel 1h",
    description: "Hold this channel's schedules (posts and members' DMs) for everyone. For whoever set it up, admins and stretch managers.",
  },
  { group: "Pausing", usage: "/stretch resume [channel]", example: "/stretch resume", description: "End your pause now; `/stretch resume channel` ends the channel's." },
  { group: "Pausing", usage: "/stretch now", example: "/stretch now", description: "Post a stretch prompt in this channel right now." },
  {
    group: "Progress",
    usage: "/stretch me [hours|days|tz|every|prefer|avoid|seated|intensity|prompts|language …]",
    example: "/stretch me avoid neck",
    description: "Your own settings: working hours and days, time zone, how often your DMs come, areas to prefer or avoid, seated only, gentle intensity, compact or full prompts, language.",
  },
  { group: "Progress", usage: "/stretch stats", example: "/stretch stats", description: "Your breaks, streak and favourite areas." },
  {
    group: "Progress",
    usage: "/stretch stats chart",
    example: "/stretch stats chart",
    description: "A picture of your last 12 weeks (a calendar, one square a day), sent to your DM.",
  },
  {
    group: "Progress",
    usage: "/stretch leaderboard [week|month|all]",
    example: "/stretch leaderboard month",
    description: "Who stretched most in this channel.",
  },
  { group: "Progress", usage: "/stretch leaderboard @group", example: "/stretch leaderboard @design", description: "The leaderboard for one user group." },
  {
    group: "Progress",
    usage: "/stretch leaderboard hide|show",
    example: "/stretch leaderboard hide",
    description: "Keep yourself off leaderboards, or back on.",
  },
  { group: "Managers and reports", usage: "/stretch managers add|remove @user", example: "/stretch managers add @dana", description: "Choose who can see team reports." },
  { group: "Managers and reports", usage: "/stretch managers list", example: "/stretch managers list", description: "Who can see team reports." },
  {
    group: "Managers and reports",
    usage: "/stretch report [#channel|@group] [weeks N]",
    example: "/stretch report #engineering weeks 4",
    description: "Team participation over recent weeks, plus a line chart in your DM (managers only).",
  },
  { group: "Managers and reports", usage: "/stretch report export", example: "/stretch report export", description: "Download the report as a CSV file (managers only)." },
  {
    group: "Managers and reports",
    usage: "/stretch reactions [any|:emoji: …]",
    example: "/stretch reactions :white_check_mark: :muscle:",
    description: "Which reactions mark a prompt done (managers change it; `any` counts every emoji).",
  },
  {
    group: "Managers and reports",
    usage: "/stretch quiet-statuses [add|remove] [meeting|huddle|away] [:emoji: \"phrase\" …]",
    example: "/stretch quiet-statuses add meeting :calendar: \"focus time\"",
    description: "Which Slack statuses hold DM prompts back until they end (managers change it; `default` restores the built-in list).",
  },
  {
    group: "Managers and reports",
    usage: "/stretch language [en|pl]",
    example: "/stretch language pl",
    description: "The workspace's language for people who chose none and whose Slack language I don't speak (managers change it).",
  },
  { group: "Privacy", usage: "/stretch optout", example: "/stretch optout", description: "Stop all reminders and tracking for you." },
  { group: "Privacy", usage: "/stretch optin", example: "/stretch optin", description: "Opt back in." },
  { group: "Privacy", usage: "/stretch forget-me", example: "/stretch forget-me", description: "Delete everything stored about you (asks to confirm)." },
];

const GROUP_ORDER: readonly HelpGroup[] = ["Routines", "Schedules", "Pausing", "Progress", "Managers and reports", "Privacy"];
const GROUP_ICON: Readonly<Record<HelpGroup, string>> = {
  Routines: ":person_in_lotus_position:",
  Schedules: ":alarm_clock:",
  Pausing: ":double_vertical_bar:",
  Progress: ":bar_chart:",
  "Managers and reports": ":clipboard:",
  Privacy: ":lock:",
};

/** The key of a command's description in other languages' files: `help.commands.<slug of its usage>`. */
export function helpKey(c: Pick<HelpCommand, "usage">): string {
  return `help.commands.${c.usage.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 60) || "stretch"}`;
}

/** Placeholders in usages ("<area>", "@group") are words to translate; the rest are keywords people type. */
const PLACEHOLDER = /<(area|days|duration|exercise name|hours|interval|time|times|zone)>|\[(time)\]|@(group|user)\b|#(channel)\b|\b(N)(?=\])/g;

/** A usage in the language: `/stretch <obszar> [czas] …` (keywords stay as typed). */
function usageIn(usage: string, t: T): string {
  if (t.lng === "en") return usage;
  return usage.replace(PLACEHOLDER, (whole, angle?: string, bracket?: string, at?: string, hash?: string, n?: string) => {
    const word = (key: string) => t(`help.placeholders.${key.replace(" ", "_")}`);
    if (angle) return `<${word(angle)}>`;
    if (bracket) return `[${word(bracket)}]`;
    if (at) return `@${word(at)}`;
    if (hash) return `#${word(hash)}`;
    return n ? word("N") : whole;
  });
}

function line(c: HelpCommand, t: T): string {
  // Descriptions are ours and may hold `code`; usages hold <area> placeholders that need escaping.
  const example = c.example === c.usage ? "" : `\n      ${t("help.example")} \`${escapeMrkdwn(c.example)}\``;
  // English descriptions live here (HELP_COMMANDS); other languages translate them by key.
  const description = t.lng === "en" ? c.description : t(helpKey(c), { defaultValue: c.description });
  return `\`${escapeMrkdwn(usageIn(c.usage, t))}\` — ${description}${example}`;
}

export function helpMessage(t: T = EN): SlackMessage {
  const blocks: KnownBlock[] = [header(t("help.title"))];
  for (const group of GROUP_ORDER) {
    const lines = HELP_COMMANDS.filter((c) => c.group === group).map((c) => line(c, t));
    // Split a group over several sections rather than cut it at Slack's 3000 characters.
    let chunk = `${GROUP_ICON[group]} *${t(`help.groups.${group}`)}*`;
    for (const l of lines) {
      if (chunk.length + 1 + l.length > 2900) {
        blocks.push(section(chunk));
        chunk = "";
      }
      chunk = chunk ? `${chunk}\n${l}` : l;
    }
    blocks.push(section(chunk));
  }
  blocks.push(context(t("help.footer")));
  const text = truncate(escapeMrkdwn(t("help.fallback", { list: HELP_COMMANDS.map((c) => `\`${usageIn(c.usage, t)}\``).join(", ") })), 3000);
  return { text, blocks: capBlocks(blocks) };
}
