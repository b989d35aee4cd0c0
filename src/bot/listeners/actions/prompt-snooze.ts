import type { SnoozeChoice } from "../../../domain/snooze.js";
import type { Services } from "../../../services/index.js";
import type { ButtonListener } from "../../context.js";
import { alreadySnoozedReply, promptActionRefusedReply, promptGoneReply, snoozedReply, snoozeLimitReply } from "../../views/prompt.js";
import { promptButton } from "./prompt-button.js";

/** A snooze choice on a prompt: the same prompt again by DM in 15 min, 1 h, after the meeting or tomorrow. */
export function promptSnooze(services: Services, choice: SnoozeChoice): ButtonListener {
  return promptButton(services, "Snooze", async ({ teamId, userId, promptId }) => {
    const [result, t] = await Promise.all([services.engine.promptActions.snooze({ teamId, promptId, userId }, choice), services.languages.forUser(teamId, userId)]);
    return result.kind === "snoozed"
      ? snoozedReply(result.at, result.tz, { choice: result.choice, fellBack: result.fellBack, left: result.left, now: services.clock.now(), t })
      : result.kind === "already"
        ? alreadySnoozedReply(t)
        : result.kind === "limit"
          ? snoozeLimitReply(t)
          : result.kind === "not_recipient" || result.kind === "opted_out"
            ? promptActionRefusedReply(result.kind, t)
            : promptGoneReply(t);
  });
}
