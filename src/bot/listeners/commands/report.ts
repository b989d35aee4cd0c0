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
  const message = args.export ? exportMessage(await services.reports.exportCsv(request)) : reportMessage(await services.reports.report(request));
  await respond({ response_type: "ephemeral", ...message });
};
