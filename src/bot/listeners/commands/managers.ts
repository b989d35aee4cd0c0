import { isParseError, parseManagersArgs } from "../../../domain/report-args.js";
import { managerChangeMessage, managersListMessage } from "../../views/managers.js";
import { problemText } from "../../views/problem-text.js";
import type { SubcommandHandler } from "./types.js";

/** `/stretch managers list | add @person | remove @person` (add/remove: admins and owners only). */
export const managersCommand: SubcommandHandler = async ({ rest, command, ack, respond, services }) => {
  const args = parseManagersArgs(rest);
  if (isParseError(args)) {
    // Acked first: the person's language comes from the database.
    await ack();
    const t = await services.languages.forUser(command.team_id, command.user_id);
    await respond({ response_type: "ephemeral", text: problemText(args.error, t) });
    return;
  }
  // users.info may be called for the admin check: answer through response_url.
  await ack();
  const t = await services.languages.forUser(command.team_id, command.user_id);
  if (args.action === "list") {
    await respond({ response_type: "ephemeral", ...managersListMessage(await services.managers.list(command.team_id), t) });
    return;
  }
  const change =
    args.action === "add"
      ? await services.managers.add(command.team_id, command.user_id, args.userId)
      : await services.managers.remove(command.team_id, command.user_id, args.userId);
  await respond({ response_type: "ephemeral", ...managerChangeMessage(change, args.action, t) });
};
