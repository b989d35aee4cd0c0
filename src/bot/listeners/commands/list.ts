import { listMessage } from "../../views/routine.js";
import type { SubcommandHandler } from "./types.js";

export const listCommand: SubcommandHandler = async ({ ack }) => {
  await ack({ response_type: "ephemeral", ...listMessage() });
};
