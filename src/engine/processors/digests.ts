import type { Job } from "bullmq";
import type { Logger } from "../../logger.js";
import type { DigestService } from "../../services/digest-service.js";
import { DIGEST_JOB } from "../queues/digest-queue.js";

/** The weekly digest tick: the digest service sends whatever is due now (once per manager and week). */
export function digestsProcessor(digests: Pick<DigestService, "sendDueDigests">, log: Logger) {
  return async (job: Job): Promise<unknown> => {
    switch (job.name) {
      case DIGEST_JOB:
        // "Now" is the digest service's (its clock).
        return digests.sendDueDigests();
      default:
        log.warn({ name: job.name }, "unknown digest job");
        return undefined;
    }
  };
}
