import { DelayedError, type Job } from "bullmq";
import type { EngineServices } from "../index.js";
import type { InstallationService } from "../../services/installation-service.js";
import { JobName, type MaintenanceJobData, type SeedChannelJobData } from "../queues/queues.js";

export function maintenanceProcessor(engine: Pick<EngineServices, "membership">, installations?: Pick<InstallationService, "purgeExpired">) {
  return async (job: Job<MaintenanceJobData>, token?: string): Promise<unknown> => {
    switch (job.name) {
      case JobName.seedChannel: {
        const data = job.data as SeedChannelJobData;
        const result = await engine.membership.seedChannel(data.teamId, data.channelId, data.progress);
        if (result.kind === "done") return result;
        // Slack's limit for this workspace: come back when it allows, from where we stopped (no sleeping here).
        await job.updateData({ ...data, progress: result.progress });
        await job.moveToDelayed(Date.now() + result.retryInMs, token);
        throw new DelayedError("waiting for Slack's rate limit");
      }
      case JobName.purgeUninstalled:
        return installations?.purgeExpired();
      default:
        return undefined;
    }
  };
}
