import type { Queue } from "bullmq";
import type { HealthRoute } from "../bot/health.js";
import type { Config } from "../config/index.js";
import type { EngineQueues } from "../engine/queues/queues.js";
import { AppMetrics } from "./metrics.js";
import { opsRoutes } from "./ops-routes.js";
import { queueBoardHandler } from "./queue-board.js";

export const QUEUE_BOARD_PATH = "/admin/queues";

export interface Observability {
  metrics: AppMetrics;
  /** /metrics and (when configured) /admin/queues, for whichever HTTP server this role runs. */
  routes: HealthRoute[];
}

/**
 * Metrics (every role) and the queue dashboard (when ADMIN_USERNAME/PASSWORD are set), over the
 * engine's queues (the digest queue among them). Queue counts are read on each scrape, so an idle /metrics
 * costs nothing.
 */
export async function createObservability(config: Config, queues: EngineQueues): Promise<Observability> {
  const metrics = new AppMetrics({ role: config.ROLE });
  const all: Queue[] = [queues.slots, queues.deliveries, queues.maintenance, queues.digests] as Queue[];
  metrics.watchQueues(...all);
  const board =
    config.ADMIN_USERNAME && config.ADMIN_PASSWORD
      ? {
          basePath: QUEUE_BOARD_PATH,
          handler: await queueBoardHandler({ basePath: QUEUE_BOARD_PATH, username: config.ADMIN_USERNAME, password: config.ADMIN_PASSWORD, actions: config.ADMIN_QUEUE_ACTIONS, queues: all }),
        }
      : undefined;
  return {
    metrics,
    routes: opsRoutes({ metrics, ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}), ...(board ? { queueBoard: board } : {}) }),
  };
}
