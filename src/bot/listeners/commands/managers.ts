import { isInvalid } from "../../../domain/problem.js";
import { parseManagersArgs } from "../../../domain/report-args.js";
import { managerChangeMessage, managersListMessage } from "../../views/managers.js";
import { ackThenLanguage, problemReply } from "./reply.js";
import type { SubcommandHandler } from "./types.js";

/** `/stretch managers list | add @person | remove @person` (add/remove: admins and owners only). */
export const managersCommand: SubcommandHandler = async (input) => {
  const { teamId, rest, command, respond, services } = input;
  const args = parseManagersArgs(rest);
  // users.info may be called for the admin check: answer through response_url.
  const t = await ackThenLanguage(input);
  if (isInvalid(args)) {
    await respond(problemReply(args, t));
    return;
  }
  if (args.action === "list") {
    await respond({ response_type: "ephemeral", ...managersListMessage(await services.managers.list(teamId), t) });
    return;
  }
  const change =
    args.action === "add"
      ? await services.managers.add(teamId, command.user_id, args.userId)
      : await services.managers.remove(teamId, command.user_id, args.userId);
  await respond({ response_type: "ephemeral", ...managerChangeMessage(change, args.action, t) });
};
