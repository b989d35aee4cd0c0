import type { PeriodStats, PersonalStats } from "../../services/stats-service.js";
import type { HeldSummary } from "../../services/held-prompts.js";
import { heldPromptsLine } from "./held-prompts.js";
import type { SlackMessage } from "./message.js";

/** `/stretch stats`: the person's own figures (ephemeral). */
export function statsMessage(stats: PersonalStats, held?: HeldSummary): SlackMessage {
  const heldLine = held ? heldPromptsLine(held) : null;
  const heldBlocks = heldLine ? [{ type: "context" as const, elements: [{ type: "mrkdwn" as const, text: heldLine }] }] : [];
  if (stats.empty) {
    const text =
      "No stretches recorded for you yet. When a stretch prompt arrives, react to it with any emoji or press *Done* and it counts. " +
      "Want one now? Try `/stretch` or `/stretch neck 2m`.";
    return { text: "No stretches recorded yet", blocks: [{ type: "section", text: { type: "mrkdwn", text: `:seedling: ${text}` } }, ...heldBlocks] };
  }
  const { current, best } = stats.streak;
  const streakLine =
    current > 0 ? `:fire: *${current}-day streak* (best: ${best})` : `No streak running right now (best: ${best}). Your next prompt starts a new one.`;
  const areas = stats.topAreas.length > 0 ? stats.topAreas.map((a) => `${a.area} (${a.count})`).join(", ") : "none yet";
  return {
    text: `Your stretch stats: ${stats.week.completed} this week, ${stats.month.completed} this month, streak ${current}`,
    blocks: [
      { type: "header", text: { type: "plain_text", text: "Your stretch stats", emoji: true } },
      { type: "section", text: { type: "mrkdwn", text: streakLine } },
      {
        type: "section",
        fields: [
          { type: "mrkdwn", text: `*This week*\n${period(stats.week)}` },
          { type: "mrkdwn", text: `*This month*\n${period(stats.month)}` },
          { type: "mrkdwn", text: `*All time*\n${period(stats.allTime)}` },
          { type: "mrkdwn", text: `*You stretch most*\n${areas}` },
        ],
      },
      ...heldBlocks,
      {
        type: "context",
        elements: [{ type: "mrkdwn", text: "Completion rate = prompts you completed ÷ prompts delivered to you. Only you can see this." }],
      },
    ],
  };
}

function period(p: PeriodStats): string {
  const done = `${p.completed} stretch${p.completed === 1 ? "" : "es"}`;
  if (p.rate === null) return done;
  return `${done} · ${p.completedOfDelivered} of ${p.delivered} prompts (${Math.round(p.rate * 100)}%)`;
}
