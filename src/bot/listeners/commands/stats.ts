import { statsMessage } from "../../views/stats.js";
import type { SubcommandHandler } from "./types.js";

/** `/stretch stats`: ack at once, then answer through response_url (the queries may take a moment). */
export const statsCommand: SubcommandHandler = async ({ command, ack, respond, services }) => {
  await ack();
  const [stats, held, t] = await Promise.all([
    services.stats.personal(command.team_id, command.user_id),
    services.heldPrompts.forPerson(command.team_id, command.user_id),
    services.languages.forUser(command.team_id, command.user_id),
  ]);
  await respond({ response_type: "ephemeral", ...statsMessage(stats, held, t) });
};
