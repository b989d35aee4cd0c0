import { statsMessage, statsWithNote } from "../../views/stats.js";
import type { SubcommandHandler, SubcommandInput } from "./types.js";

const CHART_WORDS = new Set(["chart", "charts", "picture", "wykres"]);

/**
 * `/stretch stats`: ack at once, then answer through response_url (the queries may take a moment).
 * `/stretch stats chart`: the 12-week calendar as a PNG in the person's DM (files cannot be ephemeral).
 * Whatever goes wrong with the picture, and whatever else was typed after `stats`, the person still
 * gets their figures as text, with a line saying why there is no picture.
 */
export const statsCommand: SubcommandHandler = async (input) => {
  const { teamId, rest, command, ack, services, log } = input;
  const arg = rest.trim().toLowerCase();
  if (CHART_WORDS.has(arg)) {
    const t = await services.languages.forUser(teamId, command.user_id);
    await ack({ response_type: "ephemeral", text: t("charts.drawing") });
    try {
      const chart = await services.charts.heatmap(teamId, command.user_id);
      await services.charts.sendToDm(teamId, command.user_id, chart, t("charts.heatmapComment", { alt: chart.altText }));
    } catch (error) {
      log.warn({ err: error instanceof Error ? error.message : String(error) }, "stats chart not drawn or not sent");
      await respondWithStats(input, { kind: "chartFailed" });
    }
    return;
  }
  await ack();
  await respondWithStats(input, arg === "" ? null : { kind: "badArgument", arg: rest.trim() });
};

async function respondWithStats({ teamId, command, respond, services }: SubcommandInput, note: Parameters<typeof statsWithNote>[0] | null): Promise<void> {
  const [stats, held, t] = await Promise.all([
    services.stats.personal(teamId, command.user_id),
    services.heldPrompts.forPerson(teamId, command.user_id),
    services.languages.forUser(teamId, command.user_id),
  ]);
  const message = statsMessage(stats, held, t);
  await respond({ response_type: "ephemeral", ...(note ? statsWithNote(note, message, t) : message) });
}
