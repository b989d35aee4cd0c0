import type { T } from "../../i18n/index.js";
import type { RoutineReply } from "../../services/routine-service.js";
import { helpMessage } from "../views/help.js";
import type { SlackMessage } from "../views/message.js";
import { exerciseDetailMessage, listMessage, routineMessage, unknownMessage } from "../views/routine.js";

/** `/stretch <text>` and "Another one": the service's answer as the message the person sees. */
export function routineReplyMessage(reply: RoutineReply, t: T): SlackMessage {
  switch (reply.kind) {
    case "help":
      return helpMessage(t);
    case "list":
      return listMessage(t);
    case "unknown":
      return unknownMessage(reply.parsed, t);
    case "exercise":
      return exerciseDetailMessage(reply.exercise, t);
    case "routine":
      return routineMessage(reply.routine, { requestText: reply.requestText, seed: reply.seed, t });
  }
}
