/** The Monday digest DM to managers. Pure. */
import type { KnownBlock } from "@slack/types";
import { percent } from "../../domain/leaderboard.js";
import type { ParticipationReport } from "../../domain/report.js";
import { shortDate } from "../../domain/report-period.js";
import type { ReportScope } from "../../services/report-service.js";
import type { SlackMessage } from "./message.js";
import { capBlocks, context, header, section } from "./routine.js";
import { reportBody } from "./report.js";
import { scopeLabel } from "./participation-text.js";
import { addDays } from "../../time/zones.js";

export function digestMessage(input: { weekStart: string; scope: ReportScope; report: ParticipationReport }): SlackMessage {
  const { weekStart, scope, report } = input;
  const week = `${shortDate(weekStart)} – ${shortDate(addDays(weekStart, 6))}`;
  const lastWeek = report.total.weeks.at(-1);
  const blocks: KnownBlock[] = [
    header("Your weekly stretch digest"),
    section(`Last week (${week}) in ${scopeLabel(scope)}: *${percent(lastWeek?.rate ?? null)}* of stretch prompts done by ${lastWeek?.active ?? 0} people. :muscle:`),
    ...reportBody(report, scope),
    context("Figures are per team, never per person. `/stretch report` shows more weeks; `/stretch report export` gives a CSV."),
  ];
  return { text: `Weekly stretch digest: ${percent(lastWeek?.rate ?? null)} last week`, blocks: capBlocks(blocks, 1) };
}
