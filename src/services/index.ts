import type { WebClient } from "@slack/web-api";
import type { Redis } from "ioredis";
import type { Config } from "../config/index.js";
import type { Db } from "../db/client.js";
import { MemberRepository } from "../db/repositories/members.js";
import { RoutineRequestRepository } from "../db/repositories/routine-requests.js";
import { WorkspaceRepository } from "../db/repositories/workspaces.js";
import type { Logger } from "../logger.js";
import { MemberService } from "./member-service.js";
import { RoutineService } from "./routine-service.js";
import { WorkspaceService } from "./workspace-service.js";

/** What services need from the outside world, created once in src/app.ts. */
export interface ServiceDeps {
  config: Config;
  logger: Logger;
  db: Db;
  redis: Redis;
  /**
   * Web API client for work outside a Slack request (jobs, profile look-ups). It rejects 429s at
   * once (`rejectRateLimitedCalls`) so job workers can hand Retry-After to BullMQ.
   */
  slack: WebClient;
}

/** Every use-case the bot and the workers call. Listeners and jobs reach data only through these. */
export interface Services {
  routines: RoutineService;
  workspaces: WorkspaceService;
  members: MemberService;
}

export function createServices(deps: ServiceDeps): Services {
  const log = deps.logger.child({ component: "services" });
  const memberRepo = new MemberRepository(deps.db);
  return {
    routines: new RoutineService(new RoutineRequestRepository(deps.db), log),
    workspaces: new WorkspaceService(new WorkspaceRepository(deps.db), log),
    members: new MemberService(memberRepo, deps.slack, log),
  };
}
