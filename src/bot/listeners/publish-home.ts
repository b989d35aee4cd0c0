import type { WebClient } from "@slack/web-api";
import type { T } from "../../i18n/index.js";
import type { Logger } from "../../logger.js";
import type { HomeModel } from "../../services/home-service.js";
import { homeView } from "../views/home.js";

/**
 * Publishes Home. Slack downloads an image block's URL when the view is published and refuses the
 * whole view (invalid_blocks, "downloading image failed") when it cannot: PUBLIC_URL unreachable,
 * a proxy in the way. Rather than leave the person on an old Home (or a broken picture), the same
 * Home goes out again without its charts: the text bars and figures, as without PUBLIC_URL.
 */
export async function publishHome(client: WebClient, userId: string, model: HomeModel, now: Date, t: T, log: Logger): Promise<void> {
  try {
    await client.views.publish({ user_id: userId, view: homeView(model, now, t) });
  } catch (error) {
    const hadCharts = Boolean(model.images?.heatmap || model.images?.participation);
    if (!hadCharts || slackErrorCode(error) !== "invalid_blocks") throw error;
    log.warn({ err: error instanceof Error ? error.message : String(error) }, "Home with charts refused; published without them");
    const withoutCharts: HomeModel = { ...model };
    delete withoutCharts.images;
    await client.views.publish({ user_id: userId, view: homeView(withoutCharts, now, t) });
  }
}

function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === "string" ? data.error : undefined;
}
