import { isParseError, parseManagersArgs } from "../../../domain/report-args.js";
import { managerChangeMessage, managersListMessage } from "../../views/managers.js";
import type { SubcommandHandler } from "./types.js";

/** `/stretch managers list | add @person | remove @person` (add/remove: admins and owners only). */
export const managersCommand: SubcommandHandler = async ({ teamId, rest, command, ack, respond, services }) => {
  const args = parseManagersArgs(rest);
  if (isParseError(args)) {
    await ack({ response_type: "ephemeral", text: args.error });
    return;
  }
  // users.info may be called for the admin check: answer through response_url.
  await ack();
  if (args.action === "list") {
    await respond({ response_type: "ephemeral", ...managersListMessage(await services.managers.list(teamId)) });
    return;
  }
  const change =
    args.action === "add"
      ? await services.managers.add(teamId, command.user_id, args.userId)
      : await services.managers.remove(teamId, command.user_id, args.userId);
  await respond({ response_type: "ephemeral", ...managerChangeMessage(change, args.action) });
};
