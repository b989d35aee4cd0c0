-- Leaderboards, reports and the weekly digest (issue 4, reports part).

-- Weekly digest: once per manager and reported week.
CREATE TABLE "DigestSent" (
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "weekStart" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DigestSent_pkey" PRIMARY KEY ("teamId","userId","weekStart")
);

-- Workspace report: the prompts of a period.
CREATE INDEX "Prompt_teamId_slotAt_idx" ON "Prompt"("teamId", "slotAt");

-- Team boards and reports: the DM prompts a channel's `members` schedule sent in a period.
CREATE INDEX "Prompt_scheduleId_slotAt_idx" ON "Prompt"("scheduleId", "slotAt");

-- Workspace reports and report streaks: a workspace's rows of a period, read from the index alone
-- (index-only scans). Prisma cannot express INCLUDE or partial indexes: see the notes in schema.prisma.
CREATE INDEX "Delivery_teamId_localDate_delivered_idx" ON "Delivery"("teamId", "localDate") INCLUDE ("promptId", "userId") WHERE status = 'delivered';
CREATE INDEX "Completion_teamId_localDate_idx" ON "Completion"("teamId", "localDate") INCLUDE ("promptId", "userId");
