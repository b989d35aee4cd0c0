import { teamIdOf, type BotApp } from "../../context.js";
import type { Services } from "../../../services/index.js";
import { splitSubcommand } from "../../../domain/subcommand.js";
import { MAX_COMMAND_TEXT } from "../../../domain/input-limits.js";
import { commandTooLongMessage, errorMessage } from "../../views/errors.js";
import { SUBCOMMAND_HANDLERS } from "./subcommands.js";

/**
 * `/stretch …`: one listener that routes to a handler per sub-command. Whatever a handler does,
 * the request is acknowledged (Slack shows an error after 3 s otherwise), and a failure becomes a
 * friendly ephemeral message rather than silence.
 */
export function registerStretchCommand(app: BotApp, services: Services): void {
  app.command("/stretch", async ({ command, ack, respond, client, context }) => {
    const log = context.log;
    const teamId = teamIdOf(context, command);
    const text = command.text ?? "";
    // Capped before any parsing (src/domain/input-limits.ts): nothing a person types is stored or parsed past this.
    if (text.length > MAX_COMMAND_TEXT) {
      log.info({ length: text.length }, "/stretch text too long");
      await ack(commandTooLongMessage(text.length, await services.languages.forUser(teamId, command.user_id)));
      return;
    }
    const { name, rest } = splitSubcommand(text);
    const handler = SUBCOMMAND_HANDLERS[name];
    log.info({ subcommand: name, channelId: command.channel_id }, "/stretch");
    let acked = false;
    const trackedAck: typeof ack = async (response?: Parameters<typeof ack>[0]) => {
      acked = true;
      await ack(response);
    };
    try {
      await handler({ rest, teamId, command, ack: trackedAck, respond, client, services, log });
    } catch (error) {
      log.error({ err: error instanceof Error ? error.message : String(error), subcommand: name }, "sub-command failed");
      const message = errorMessage(undefined, await services.languages.forUser(teamId, command.user_id));
      if (!acked) await ack(message);
      else await respond(message).catch(() => undefined);
    }
  });
}
