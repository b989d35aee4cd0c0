/** The Monday digest DM to managers, in the manager's language. Pure. */
import type { KnownBlock } from "@slack/types";
import { percent } from "../../domain/leaderboard.js";
import type { ParticipationReport } from "../../domain/report.js";
import { EN, formatShortDate, type T } from "../../i18n/index.js";
import type { ReportScope } from "../../services/report-service.js";
import type { SlackMessage } from "./message.js";
import { capBlocks, context, header, section } from "./routine.js";
import { reportBody } from "./report.js";
import { scopeLabel } from "./participation-text.js";
import { addDays } from "../../time/zones.js";

export function digestMessage(input: { weekStart: string; scope: ReportScope; report: ParticipationReport; t?: T }): SlackMessage {
  const { weekStart, scope, report, t = EN } = input;
  const week = `${formatShortDate(t, weekStart)} – ${formatShortDate(t, addDays(weekStart, 6))}`;
  const lastWeek = report.total.weeks.at(-1);
  const rate = percent(lastWeek?.rate ?? null);
  const blocks: KnownBlock[] = [
    header(t("digest.title")),
    section(t("digest.lastWeek", { week, scope: scopeLabel(scope, t), rate, count: lastWeek?.active ?? 0 })),
    ...reportBody(report, scope, t),
    context(t("digest.note")),
  ];
  return { text: t("digest.fallback", { rate }), blocks: capBlocks(blocks, 1) };
}
