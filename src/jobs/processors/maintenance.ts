import type { Job } from "bullmq";
import type { EngineServices } from "../../services/engine/index.js";
import { JobName, type SeedChannelJobData } from "../queues.js";

export function maintenanceProcessor(engine: Pick<EngineServices, "membership">) {
  return async (job: Job<SeedChannelJobData>): Promise<unknown> => {
    switch (job.name) {
      case JobName.seedChannel:
        return engine.membership.seedChannel(job.data.teamId, job.data.channelId);
      default:
        return undefined;
    }
  };
}
