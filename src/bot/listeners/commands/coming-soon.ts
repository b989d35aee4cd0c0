import type { SubcommandHandler } from "./types.js";

/** Placeholder for sub-commands not built yet: says so plainly instead of pretending. */
export const comingSoon: SubcommandHandler = async ({ ack }) => {
  await ack({ response_type: "ephemeral", text: "That part of /stretch is not available yet. Try `/stretch help`." });
};
