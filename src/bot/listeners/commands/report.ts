import { isParseError, parseReportArgs } from "../../../domain/report-args.js";
import { exportMessage, reportMessage } from "../../views/report.js";
import { problemText } from "../../views/problem-text.js";
import type { SubcommandHandler } from "./types.js";

/**
 * `/stretch report [#channel|@group] [weeks N]` and `/stretch report export`: managers only (the
 * service refuses everyone else before computing anything). Reports can take a while on large
 * workspaces, so the ack comes first and the answer through response_url.
 */
export const reportCommand: SubcommandHandler = async ({ rest, command, ack, respond, services }) => {
  const args = parseReportArgs(rest);
  if (isParseError(args)) {
    // Acked first: the person's language comes from the database.
    await ack();
    const t = await services.languages.forUser(command.team_id, command.user_id);
    await respond({ response_type: "ephemeral", text: problemText(args.error, t) });
    return;
  }
  await ack();
  const t = await services.languages.forUser(command.team_id, command.user_id);
  const request = { teamId: command.team_id, userId: command.user_id, weeks: args.weeks, ...(args.target ? { target: args.target } : {}) };
  if (args.export) {
    await respond({ response_type: "ephemeral", ...exportMessage(await services.reports.exportCsv(request, undefined, t), t) });
    return;
  }
  const result = await services.reports.report(request);
  await respond({ response_type: "ephemeral", ...reportMessage(result, t) });
  if (result.kind !== "report") return;
  // The same figures as a line chart (8–12 weeks), in the manager's DM: files cannot be ephemeral.
  try {
    const chart = await services.charts.participation(request);
    if (chart) await services.charts.sendToDm(command.team_id, command.user_id, chart, t("charts.reportComment"));
  } catch {
    await respond({ response_type: "ephemeral", text: t("charts.reportFailed") });
  }
};
