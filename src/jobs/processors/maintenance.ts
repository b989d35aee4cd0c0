import type { Job } from "bullmq";
import type { EngineServices } from "../../services/engine/index.js";
import type { InstallationService } from "../../services/installation-service.js";
import { JobName, type MaintenanceJobData, type SeedChannelJobData } from "../queues.js";

export function maintenanceProcessor(engine: Pick<EngineServices, "membership">, installations?: Pick<InstallationService, "purgeExpired">) {
  return async (job: Job<MaintenanceJobData>): Promise<unknown> => {
    switch (job.name) {
      case JobName.seedChannel: {
        const data = job.data as SeedChannelJobData;
        return engine.membership.seedChannel(data.teamId, data.channelId);
      }
      case JobName.purgeUninstalled:
        return installations?.purgeExpired();
      default:
        return undefined;
    }
  };
}
