import { EN, type T } from "../../i18n/index.js";
import type { HeldSummary } from "../../services/held-prompts.js";
import type { PeriodStats, PersonalStats } from "../../services/stats-service.js";
import { heldPromptsLine } from "./held-prompts.js";
import { escapeMrkdwn, truncate } from "./blocks.js";
import type { SlackMessage } from "./message.js";

/** `/stretch stats`: the person's own figures (ephemeral), in their language. */
export function statsMessage(stats: PersonalStats, held?: HeldSummary, t: T = EN): SlackMessage {
  const heldLine = held ? heldPromptsLine(held, t) : null;
  const heldBlocks = heldLine ? [{ type: "context" as const, elements: [{ type: "mrkdwn" as const, text: heldLine }] }] : [];
  if (stats.empty) {
    return { text: t("stats.emptyShort"), blocks: [{ type: "section", text: { type: "mrkdwn", text: `:seedling: ${t("stats.empty")}` } }, ...heldBlocks] };
  }
  const { current, best } = stats.streak;
  const streakLine = current > 0 ? t("stats.streak", { count: current, best }) : t("stats.noStreak", { best });
  const areas = stats.topAreas.length > 0 ? stats.topAreas.map((a) => `${t(`areas.${a.area}`, { defaultValue: a.area })} (${a.count})`).join(", ") : t("stats.noneYet");
  return {
    text: t("stats.fallback", { week: stats.week.completed, month: stats.month.completed, streak: current }),
    blocks: [
      { type: "header", text: { type: "plain_text", text: t("stats.title"), emoji: true } },
      { type: "section", text: { type: "mrkdwn", text: streakLine } },
      {
        type: "section",
        fields: [
          { type: "mrkdwn", text: `*${t("stats.week")}*\n${period(stats.week, t)}` },
          { type: "mrkdwn", text: `*${t("stats.month")}*\n${period(stats.month, t)}` },
          { type: "mrkdwn", text: `*${t("stats.allTime")}*\n${period(stats.allTime, t)}` },
          { type: "mrkdwn", text: `*${t("stats.most")}*\n${areas}` },
        ],
      },
      ...heldBlocks,
      { type: "context", elements: [{ type: "mrkdwn", text: t("stats.rateNote") }] },
    ],
  };
}

function period(p: PeriodStats, t: T): string {
  const done = t("stats.stretches", { count: p.completed });
  if (p.rate === null) return done;
  return t("stats.rate", { done, completed: p.completedOfDelivered, delivered: p.delivered, percent: Math.round(p.rate * 100) });
}

/**
 * The stats with a note above them: why the picture asked for did not come, or what was not
 * understood (`arg`, escaped and cut short). The figures always follow, so the person gets an answer.
 */
export function statsWithNote(note: { kind: "chartFailed" } | { kind: "badArgument"; arg: string }, stats: SlackMessage, t: T = EN): SlackMessage {
  const text = note.kind === "chartFailed" ? t("charts.statsChartFailed") : t("charts.statsUsageWithFigures", { arg: escapeMrkdwn(truncate(note.arg, 40)) });
  return { text: `${text}\n${stats.text}`, blocks: [{ type: "section", text: { type: "mrkdwn", text: `:information_source: ${text}` } }, ...stats.blocks] };
}
