import { statsMessage } from "../../views/stats.js";
import type { SubcommandHandler } from "./types.js";

/**
 * `/stretch stats`: ack at once, then answer through response_url (the queries may take a moment).
 * `/stretch stats chart`: the 12-week calendar as a PNG in the person's DM (files cannot be ephemeral).
 */
export const statsCommand: SubcommandHandler = async ({ rest, command, ack, respond, services }) => {
  const arg = rest.trim().toLowerCase();
  if (arg === "chart" || arg === "charts" || arg === "picture") {
    await ack({ response_type: "ephemeral", text: "Drawing your last 12 weeks… it will be in our DM in a moment." });
    const chart = await services.charts.heatmap(command.team_id, command.user_id);
    await services.charts.sendToDm(command.team_id, command.user_id, chart, `Your stretch breaks, last 12 weeks. ${chart.altText}`);
    return;
  }
  if (arg !== "") {
    await ack({ response_type: "ephemeral", text: "`/stretch stats` shows your figures; `/stretch stats chart` sends a picture of your last 12 weeks to our DM." });
    return;
  }
  await ack();
  const [stats, held, t] = await Promise.all([
    services.stats.personal(command.team_id, command.user_id),
    services.heldPrompts.forPerson(command.team_id, command.user_id),
    services.languages.forUser(command.team_id, command.user_id),
  ]);
  await respond({ response_type: "ephemeral", ...statsMessage(stats, held, t) });
};
