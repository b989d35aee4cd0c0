import { EN, type T } from "../../i18n/index.js";
import type { HeldSummary } from "../../services/held-prompts.js";
import type { PeriodStats, PersonalStats } from "../../services/stats-service.js";
import { heldPromptsLine } from "./held-prompts.js";
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
