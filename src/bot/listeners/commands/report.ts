import { isParseError, parseReportArgs } from "../../../domain/report-args.js";
import { exportMessage, reportMessage } from "../../views/report.js";
import type { SubcommandHandler } from "./types.js";

/**
 * `/stretch report [#channel|@group] [weeks N]` and `/stretch report export`: managers only (the
 * service refuses everyone else before computing anything). Reports can take a while on large
 * workspaces, so the ack comes first and the answer through response_url.
 */
export const reportCommand: SubcommandHandler = async ({ rest, command, ack, respond, services }) => {
  const args = parseReportArgs(rest);
  if (isParseError(args)) {
    await ack({ response_type: "ephemeral", text: args.error });
    return;
  }
  await ack();
  const request = { teamId: command.team_id, userId: command.user_id, weeks: args.weeks, ...(args.target ? { target: args.target } : {}) };
  if (args.export) {
    await respond({ response_type: "ephemeral", ...exportMessage(await services.reports.exportCsv(request)) });
    return;
  }
  const result = await services.reports.report(request);
  await respond({ response_type: "ephemeral", ...reportMessage(result) });
  if (result.kind !== "report") return;
  // The same figures as a line chart (8–12 weeks), in the manager's DM: files cannot be ephemeral.
  try {
    const chart = await services.charts.participation(request);
    if (chart) await services.charts.sendToDm(command.team_id, command.user_id, chart, "Your participation report as a chart (the text report has the exact figures).");
  } catch {
    await respond({ response_type: "ephemeral", text: "I couldn't send the chart to your DM this time; the report above has every figure." });
  }
};
