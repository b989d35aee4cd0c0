import { isInvalid } from "../../../domain/problem.js";
import { parseReportArgs } from "../../../domain/report-args.js";
import { exportMessage, reportMessage } from "../../views/report.js";
import { ackThenLanguage, problemReply } from "./reply.js";
import type { SubcommandHandler } from "./types.js";

/**
 * `/stretch report [#channel|@group] [weeks N]` and `/stretch report export`: managers only (the
 * service refuses everyone else before computing anything). Reports can take a while on large
 * workspaces, so the ack comes first and the answer through response_url.
 */
export const reportCommand: SubcommandHandler = async (input) => {
  const { teamId, rest, command, respond, services, log } = input;
  const args = parseReportArgs(rest);
  const t = await ackThenLanguage(input);
  if (isInvalid(args)) {
    await respond(problemReply(args, t));
    return;
  }
  const request = { teamId, userId: command.user_id, weeks: args.weeks, ...(args.target ? { target: args.target } : {}) };
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
    if (chart) await services.charts.sendToDm(teamId, command.user_id, chart, t("charts.reportComment"));
  } catch (error) {
    log.warn({ err: error instanceof Error ? error.message : String(error) }, "report chart not drawn or not sent");
    await respond({ response_type: "ephemeral", text: t("charts.reportFailed") });
  }
};
