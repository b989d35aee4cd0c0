import type { AllMiddlewareArgs, RespondFn, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../../services/index.js";

/** What every `/stretch` sub-command handler receives. */
export interface SubcommandInput {
  /** Text after the sub-command keyword. */
  rest: string;
  /** The workspace it came from (teamIdOf, as for every listener). */
  teamId: string;
  command: SlackCommandMiddlewareArgs["command"];
  /** Acknowledge within 3 s; pass a message to answer in the HTTP response itself. */
  ack: SlackCommandMiddlewareArgs["ack"];
  /** Follow-up replies through response_url (ephemeral unless response_type says otherwise). */
  respond: RespondFn;
  client: AllMiddlewareArgs["client"];
  services: Services;
  log: Logger;
}

export type SubcommandHandler = (input: SubcommandInput) => Promise<void>;
