import { helpMessage } from "../../views/help.js";
import type { SubcommandHandler } from "./types.js";

export const helpCommand: SubcommandHandler = async ({ ack }) => {
  await ack({ response_type: "ephemeral", ...helpMessage() });
};
