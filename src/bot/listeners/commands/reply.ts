import type { Invalid } from "../../../domain/problem.js";
import type { T } from "../../../i18n/index.js";
import { problemsText } from "../../views/problem-text.js";
import type { SubcommandInput } from "./types.js";

/**
 * Acks at once, then finds the person's language: for sub-commands that answer through
 * response_url anyway (the language, and the work after it, come from the database).
 */
export async function ackThenLanguage({ ack, services, teamId, command }: SubcommandInput): Promise<T> {
  await ack();
  return services.languages.forUser(teamId, command.user_id);
}

/** What someone typed wrong, as an ephemeral reply in their language. */
export function problemReply(invalid: Invalid, t: T): { response_type: "ephemeral"; text: string } {
  return { response_type: "ephemeral", text: problemsText(invalid.problems, t) };
}
