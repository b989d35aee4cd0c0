import type { App, BlockButtonAction } from "@slack/bolt";
import type { SnoozeChoice } from "../../../domain/snooze.js";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../../services/index.js";
import { ActionId } from "../../ids.js";
import { errorMessage } from "../../views/errors.js";
import { alreadySnoozedReply, promptActionRefusedReply, promptGoneReply, snoozedReply, snoozeLimitReply } from "../../views/prompt.js";

/** Each snooze button's action id → its choice (value = prompt id on all of them). */
const CHOICE_BY_ACTION: Record<string, SnoozeChoice> = {
  [ActionId.promptSnooze]: "15m",
  [ActionId.promptSnoozeHour]: "1h",
  [ActionId.promptSnoozeMeeting]: "meeting",
  [ActionId.promptSnoozeTomorrow]: "tomorrow",
};

/** Snooze choices on a prompt: the same prompt again by DM in 15 min, 1 h, after the meeting or tomorrow. */
export function registerPromptSnooze(app: App, services: Services): void {
  for (const [actionId, choice] of Object.entries(CHOICE_BY_ACTION)) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond, context }) => {
      await ack();
      const teamId = body.team?.id ?? context.teamId ?? "";
      let message;
      try {
        const [result, t] = await Promise.all([
          services.engine.promptActions.snooze({ teamId, promptId: action.value ?? "", userId: body.user.id }, choice),
          services.languages.forUser(teamId, body.user.id),
        ]);
        message =
          result.kind === "snoozed"
            ? snoozedReply(result.at, result.tz, { choice: result.choice, fellBack: result.fellBack, left: result.left, now: services.clock.now(), t })
            : result.kind === "already"
              ? alreadySnoozedReply(t)
              : result.kind === "limit"
                ? snoozeLimitReply(t)
                : result.kind === "not_recipient" || result.kind === "opted_out"
                  ? promptActionRefusedReply(result.kind, t)
                  : promptGoneReply(t);
      } catch (error) {
        (context.log as Logger).error({ err: String(error) }, "Snooze button failed");
        message = errorMessage(undefined, await services.languages.forUser(teamId, body.user.id));
      }
      await respond({ replace_original: false, response_type: "ephemeral", ...message });
    });
  }
}
