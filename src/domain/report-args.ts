/**
 * Parsing of `/stretch leaderboard …`, `/stretch managers …` and `/stretch report …` text. Pure.
 *
 * With `should_escape: true` (manifest.yml) Slack sends mentions as ids: `<@U123|name>` or
 * `<@U123>`, `<#C123|name>` or `<#C123>`, `<!subteam^S123|@group>` or `<!subteam^S123>`. A bare
 * "@name" means escaping is off or the person typed it without picking from the autocomplete.
 */
import type { BoardPeriod } from "./report-period.js";
import { invalid, problem, type Invalid } from "./problem.js";

export type Target =
  | { kind: "channel"; channelId: string; label?: string }
  | { kind: "usergroup"; usergroupId: string; label?: string };

const USER = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const CHANNEL = /^<#([CG][A-Z0-9]+)(?:\|([^>]*))?>$/;
const SUBTEAM = /^<!subteam\^(S[A-Z0-9]+)(?:\|@?([^>]*))?>$/;

/** Mentions contain no spaces even with a label ("<@U1|Ann Lee>" may): split outside <…> only. */
export function tokens(text: string): string[] {
  return text.match(/<[^>]*>|[^\s<]+/g) ?? [];
}

export function parseUserMention(token: string | undefined): string | undefined {
  return token ? USER.exec(token)?.[1] : undefined;
}

export function parseTarget(token: string): Target | undefined {
  const channel = CHANNEL.exec(token);
  if (channel) return { kind: "channel", channelId: channel[1]!, ...(channel[2] ? { label: channel[2] } : {}) };
  const group = SUBTEAM.exec(token);
  if (group) return { kind: "usergroup", usergroupId: group[1]!, ...(group[2] ? { label: group[2] } : {}) };
  return undefined;
}

/** A request these parsers could not read (problem.ts `Invalid`). */
export type ParseError = Invalid;

export type LeaderboardArgs =
  | { action: "show"; period: BoardPeriod; target?: Target }
  | { action: "hide" | "unhide" };

const PERIODS: Record<string, BoardPeriod> = {
  week: "week",
  weekly: "week",
  "7d": "week",
  month: "month",
  monthly: "month",
  "30d": "month",
  all: "all",
  "all-time": "all",
  alltime: "all",
  ever: "all",
};

const BARE_MENTION_HINT = problem("badMention");

export function parseLeaderboardArgs(text: string): LeaderboardArgs | ParseError {
  const words = tokens(text);
  const first = words[0]?.toLowerCase();
  if (words.length === 1 && (first === "hide" || first === "private")) return { action: "hide" };
  if (words.length === 1 && (first === "show" || first === "public" || first === "unhide")) return { action: "unhide" };
  let period: BoardPeriod = "week";
  let target: Target | undefined;
  for (const word of words) {
    const p = PERIODS[word.toLowerCase()];
    const t = parseTarget(word);
    if (p) period = p;
    else if (t && !target) target = t;
    else if (word.startsWith("@") || word.startsWith("#")) return invalid(BARE_MENTION_HINT);
    else return invalid(problem("leaderboardUnknown", { word: clip(word) }));
  }
  return { action: "show", period, ...(target ? { target } : {}) };
}

export type ManagersArgs = { action: "list" } | { action: "add" | "remove"; userId: string };

export function parseManagersArgs(text: string): ManagersArgs | ParseError {
  const words = tokens(text);
  const verb = (words[0] ?? "list").toLowerCase();
  if (verb === "list" && words.length <= 1) return { action: "list" };
  if (verb === "add" || verb === "remove" || verb === "rm" || verb === "delete") {
    const action = verb === "add" ? "add" : "remove";
    const userId = parseUserMention(words[1]);
    if (words.length === 2 && userId) return { action, userId };
    if (words[1]?.startsWith("@")) return invalid(BARE_MENTION_HINT);
    return invalid(problem("managersUsageOne", { action }));
  }
  return invalid(problem("managersUsage"));
}

/** Default and maximum report length in weeks. */
export const DEFAULT_REPORT_WEEKS = 8;
export const MAX_REPORT_WEEKS = 52;

export interface ReportArgs {
  export: boolean;
  weeks: number;
  /** Undefined = the whole workspace. */
  target?: Target;
}

export function parseReportArgs(text: string): ReportArgs | ParseError {
  const words = tokens(text);
  let weeks = DEFAULT_REPORT_WEEKS;
  let target: Target | undefined;
  let isExport = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const lower = word.toLowerCase();
    const t = parseTarget(word);
    if (lower === "export" || lower === "csv") isExport = true;
    else if (t && !target) target = t;
    else if (lower === "weeks" || lower === "week" || lower === "w") {
      const n = parseWeeks(words[i + 1]);
      if (typeof n !== "number") return n;
      weeks = n;
      i += 1;
    } else if (/^\d+(w|weeks?)?$/.test(lower)) {
      // "12", "12w", "12weeks", or "12 weeks" (the word after is then skipped).
      const n = parseWeeks(lower.replace(/\D+$/, ""));
      if (typeof n !== "number") return n;
      weeks = n;
      if (/^weeks?$/.test(words[i + 1]?.toLowerCase() ?? "")) i += 1;
    } else if (word.startsWith("@") || word.startsWith("#")) return invalid(BARE_MENTION_HINT);
    else return invalid(problem("reportUnknown", { word: clip(word) }));
  }
  return { export: isExport, weeks, ...(target ? { target } : {}) };
}

function parseWeeks(word: string | undefined): number | ParseError {
  const n = word && /^\d+$/.test(word) ? Number(word) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_REPORT_WEEKS) {
    return invalid(problem("reportWeeks", { max: MAX_REPORT_WEEKS, default: DEFAULT_REPORT_WEEKS }));
  }
  return n;
}

/** Echo at most 30 characters of what the person typed, with Slack control characters removed. */
function clip(word: string): string {
  const clean = word.replace(/[<>&`*_~]/g, "");
  return clean.length > 30 ? `${clean.slice(0, 30)}…` : clean;
}
