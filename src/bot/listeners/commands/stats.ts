import { statsMessage } from "../../views/stats.js";
import type { SubcommandHandler } from "./types.js";

/**
 * `/stretch stats`: ack at once, then answer through response_url (the queries may take a moment).
 * `/stretch stats chart`: the 12-week calendar as a PNG in the person's DM (files cannot be ephemeral).
 */
export const statsCommand: SubcommandHandler = async ({ teamId, rest, command, ack, respond, services }) => {
  const arg = rest.trim().toLowerCase();
  if (arg === "chart" || arg === "charts" || arg === "picture" || arg === "wykres") {
    const t = await services.languages.forUser(teamId, command.user_id);
    await ack({ response_type: "ephemeral", text: t("charts.drawing") });
    const chart = await services.charts.heatmap(teamId, command.user_id);
    await services.charts.sendToDm(teamId, command.user_id, chart, t("charts.heatmapComment", { alt: chart.altText }));
    return;
  }
  if (arg !== "") {
    await ack({ response_type: "ephemeral", text: (await services.languages.forUser(teamId, command.user_id))("charts.statsUsage") });
    return;
  }
  await ack();
  const [stats, held, t] = await Promise.all([
    services.stats.personal(teamId, command.user_id),
    services.heldPrompts.forPerson(teamId, command.user_id),
    services.languages.forUser(teamId, command.user_id),
  ]);
  await respond({ response_type: "ephemeral", ...statsMessage(stats, held, t) });
};
