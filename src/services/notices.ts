import type { KnownBlock } from "@slack/types";
import type { ParticipationReport } from "../domain/report.js";
import type { T } from "../i18n/index.js";
import type { ReportScope } from "./report-service.js";

/** A message as the bot's presenters build it: fallback text for notifications plus Block Kit. */
export interface MessageBody {
  text: string;
  blocks: KnownBlock[];
}

/** What the weekly digest says: last week's participation of a manager's teams. */
export interface WeeklyDigest {
  weekStart: string;
  scope: ReportScope;
  report: ParticipationReport;
  /** The manager's language. */
  t: T;
}

/**
 * The messages services post themselves, with no listener in between (the digest job, streak
 * milestones after a completion). Services hand over data; the bot's presenters
 * (src/bot/presenters/notices.ts) turn it into Block Kit, so services import no views.
 */
export interface Notices {
  /** In the person's language. */
  streakMilestone(days: number, t: T): MessageBody;
  weeklyDigest(digest: WeeklyDigest): MessageBody;
}
