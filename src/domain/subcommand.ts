/**
 * Splits `/stretch` text into a sub-command keyword and the rest. Anything that is not a known
 * keyword is a routine request ("neck 5m", "calf raises", "") and goes to the routine parser whole.
 */
export const SUBCOMMANDS = [
  "help",
  "list",
  "schedule",
  "pause",
  "resume",
  "now",
  "stats",
  "leaderboard",
  "managers",
  "report",
  "optout",
  "optin",
  "forget-me",
  "reactions",
  "quiet-statuses",
  "me",
  "language",
] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

/** Other spellings people type for the same sub-command. */
const ALIASES: Record<string, Subcommand> = {
  "?": "help",
  areas: "list",
  exercises: "list",
  schedules: "schedule",
  stat: "stats",
  leaderboards: "leaderboard",
  board: "leaderboard",
  manager: "managers",
  reports: "report",
  "opt-out": "optout",
  "opt-in": "optin",
  forgetme: "forget-me",
  forget: "forget-me",
  unpause: "resume",
  reaction: "reactions",
  emoji: "reactions",
  quiet: "quiet-statuses",
  settings: "me",
  prefs: "me",
  preferences: "me",
  // Polish
  pomoc: "help",
  lista: "list",
  harmonogram: "schedule",
  plan: "schedule",
  pauza: "pause",
  wstrzymaj: "pause",
  wznów: "resume",
  wznow: "resume",
  teraz: "now",
  statystyki: "stats",
  ranking: "leaderboard",
  menedżerowie: "managers",
  menedzerowie: "managers",
  raport: "report",
  wypisz: "optout",
  zapisz: "optin",
  zapomnij: "forget-me",
  reakcje: "reactions",
  statusy: "quiet-statuses",
  ja: "me",
  ustawienia: "me",
  język: "language",
  jezyk: "language",
  lang: "language",
  "quiet-status": "quiet-statuses",
  quietstatuses: "quiet-statuses",
  statuses: "quiet-statuses",
};

export interface SplitCommand {
  name: Subcommand | "routine";
  /** Text after the keyword (trimmed); the whole text for routines. */
  rest: string;
}

export function splitSubcommand(raw: string): SplitCommand {
  const text = raw.replace(/\s+/g, " ").trim();
  const [first = "", ...others] = text.split(" ");
  const keyword = first.toLowerCase();
  const name = (SUBCOMMANDS as readonly string[]).includes(keyword) ? (keyword as Subcommand) : ALIASES[keyword];
  if (name === "forget-me" && keyword === "forget" && others[0]?.toLowerCase() === "me") {
    return { name, rest: others.slice(1).join(" ") };
  }
  if (!name) return { name: "routine", rest: text };
  return { name, rest: others.join(" ") };
}
