import type { PersonalSettings } from "../../db/repositories/member-prefs.js";
import type { MeChange } from "../../domain/personal-prefs.js";
import type { Problem } from "../../domain/problem.js";
import { formatClock } from "../../domain/slots.js";
import { EN, type T } from "../../i18n/index.js";
import type { PersonalSettingsResult } from "../../services/personal-settings.js";
import type { SlackMessage } from "./message.js";
import { daysText } from "./days-text.js";
import { problemsText } from "./problem-text.js";
import { context, header, section } from "./routine.js";

/** Each language by its own name (what a person looks for in a list). */
const ENDONYMS: Record<string, string> = { en: "English", pl: "Polski" };
const areaList = (areas: string[], t: T) => (areas.length === 0 ? t("me.none") : areas.map((a) => t(`areas.${a}`)).join(", "));

/** One line per setting, as `/stretch me` and App Home show them. */
export function settingsLines(s: PersonalSettings, dmEveryMinutes: number | null, t: T = EN): string[] {
  return [
    t("me.hours", { start: formatClock(s.workStartMinute), end: formatClock(s.workEndMinute), days: daysText(s.workDays, t) }),
    `${t("me.tz", { tz: s.tz ?? t("me.tzUnknown") })}${t(s.tzOverride ? "me.tzOwn" : "me.tzSlack")}`,
    t("me.dm", { what: dmEveryMinutes ? t("me.dmEvery", { minutes: dmEveryMinutes }) : t("me.off") }),
    t("me.areas", { prefer: areaList(s.preferredAreas, t), avoid: areaList(s.avoidAreas, t) }),
    t("me.flags", { seated: t(s.seatedOnly ? "me.yes" : "me.no"), intensity: t(`me.intensities.${s.intensity}`), style: t(`me.styles.${s.promptStyle}`) }),
    t("me.language", { language: s.language ? ENDONYMS[s.language] ?? s.language : t("me.languageAuto", { locale: s.slackLocale ?? "Slack" }) }),
  ];
}

/** The plain-words confirmation of one change. */
export function confirmation(change: MeChange, dmEveryMinutes: number | null, t: T = EN): string {
  const c = (key: string, options?: Record<string, unknown>) => t(`me.confirm.${key}`, options);
  switch (change.field) {
    case "hours":
      return c("hours", { start: formatClock(change.start), end: formatClock(change.end) });
    case "days":
      return c("days", { days: daysText(change.days, t) });
    case "tz":
      return change.tz ? c("tz", { tz: change.tz }) : c("tzAuto");
    case "every":
      return c(dmEveryMinutes ? "every" : "everyLater", { minutes: change.minutes });
    case "prefer":
      return change.areas.length === 0 ? c("preferNone") : c("prefer", { areas: areaList(change.areas, t) });
    case "avoid":
      return change.areas.length === 0 ? c("avoidNone") : c("avoid", { areas: areaList(change.areas, t) });
    case "seated":
      return c(change.on ? "seatedOn" : "seatedOff");
    case "intensity":
      return c(change.intensity);
    case "style":
      return c(change.style);
    case "language":
      return change.language ? c("language", { language: t(`me.languageNames.${change.language}`) }) : c("languageAuto");
  }
}

/** `/stretch me`: the settings, a confirmation, or a friendly problem with an example. */
export function personalSettingsMessage(result: PersonalSettingsResult, t: T = EN): SlackMessage {
  switch (result.kind) {
    case "show":
      return {
        text: t("me.title"),
        blocks: [header(t("me.title")), section(settingsLines(result.settings, result.dmEveryMinutes, t).join("\n")), context(t("me.help"))],
      };
    case "changed": {
      const text = `:white_check_mark: ${confirmation(result.change, result.dmEveryMinutes, t)}${result.dmProblems ? `\n${t("me.dmProblem", { problem: problemsText(result.dmProblems, t) })}` : ""}`;
      return { text, blocks: [section(text), context(settingsLines(result.settings, result.dmEveryMinutes, t).join("  ·  "))] };
    }
    case "invalid": {
      const text = `${problemsText(result.problems, t)}\n${t("me.example", { example: result.example })}`;
      return { text, blocks: [section(text), context(t("me.help"))] };
    }
  }
}

/** The modal's Save: every change it made, one plain sentence each. */
export function settingsSavedMessage(results: PersonalSettingsResult[], t: T = EN): SlackMessage {
  const lines = results.flatMap((r) => (r.kind === "changed" ? [`• ${confirmation(r.change, r.dmEveryMinutes, t)}${r.dmProblems ? ` (${problemsText(r.dmProblems, t)})` : ""}`] : []));
  const text = `${t("me.saved")}\n${lines.join("\n")}`;
  return { text, blocks: [section(text)] };
}
