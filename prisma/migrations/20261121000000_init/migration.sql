-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ScheduleKind" AS ENUM ('channel', 'members', 'dm');

-- CreateEnum
CREATE TYPE "PromptStatus" AS ENUM ('pending', 'posted', 'deferred', 'skipped', 'failed');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('delivered', 'skipped');

-- CreateTable
CREATE TABLE "Workspace" (
    "teamId" TEXT NOT NULL,
    "enterpriseId" TEXT,
    "name" TEXT,
    "botUserId" TEXT,
    "botId" TEXT,
    "botToken" TEXT,
    "installation" JSONB,
    "installedBy" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "installedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deactivatedAt" TIMESTAMP(3),
    "deactivatedReason" TEXT,
    "completionReactions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Workspace_pkey" PRIMARY KEY ("teamId")
);

-- CreateTable
CREATE TABLE "Member" (
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "displayName" TEXT,
    "tz" TEXT,
    "isBot" BOOLEAN NOT NULL DEFAULT false,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "isOwner" BOOLEAN NOT NULL DEFAULT false,
    "isManager" BOOLEAN NOT NULL DEFAULT false,
    "workStartMinute" INTEGER NOT NULL DEFAULT 540,
    "workEndMinute" INTEGER NOT NULL DEFAULT 1020,
    "workDays" INTEGER[] DEFAULT ARRAY[1, 2, 3, 4, 5]::INTEGER[],
    "optedOut" BOOLEAN NOT NULL DEFAULT false,
    "leaderboardHidden" BOOLEAN NOT NULL DEFAULT false,
    "pausedUntil" TIMESTAMP(3),
    "profileFetchedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("teamId","userId")
);

-- CreateTable
CREATE TABLE "Schedule" (
    "id" UUID NOT NULL,
    "teamId" TEXT NOT NULL,
    "kind" "ScheduleKind" NOT NULL,
    "channelId" TEXT,
    "userId" TEXT,
    "targetKey" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "intervalMinutes" INTEGER,
    "times" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "windowStartMinute" INTEGER NOT NULL DEFAULT 540,
    "windowEndMinute" INTEGER NOT NULL DEFAULT 1020,
    "days" INTEGER[] DEFAULT ARRAY[1, 2, 3, 4, 5]::INTEGER[],
    "tz" TEXT NOT NULL,
    "area" TEXT,
    "lengthSeconds" INTEGER NOT NULL DEFAULT 180,
    "seatedOnly" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "pausedUntil" TIMESTAMP(3),
    "pausedReason" TEXT,
    "ownerNotifiedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Schedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelMember" (
    "teamId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelMember_pkey" PRIMARY KEY ("teamId","channelId","userId")
);

-- CreateTable
CREATE TABLE "Prompt" (
    "id" UUID NOT NULL,
    "teamId" TEXT NOT NULL,
    "scheduleId" UUID,
    "slotKey" TEXT NOT NULL,
    "slotAt" TIMESTAMP(3) NOT NULL,
    "target" TEXT NOT NULL,
    "recipientUserId" TEXT,
    "status" "PromptStatus" NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "channelId" TEXT,
    "messageTs" TEXT,
    "area" TEXT,
    "exerciseIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "postedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Prompt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" UUID NOT NULL,
    "teamId" TEXT NOT NULL,
    "promptId" UUID NOT NULL,
    "userId" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'delivered',
    "reason" TEXT,
    "localDate" TEXT NOT NULL,
    "deliveredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Completion" (
    "id" UUID NOT NULL,
    "teamId" TEXT NOT NULL,
    "promptId" UUID NOT NULL,
    "userId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "area" TEXT,
    "localDate" TEXT NOT NULL,
    "completedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Completion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromptReaction" (
    "teamId" TEXT NOT NULL,
    "promptId" UUID NOT NULL,
    "userId" TEXT NOT NULL,
    "reaction" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PromptReaction_pkey" PRIMARY KEY ("promptId","userId","reaction")
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "eventId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "processedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedEvent_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "StreakMilestone" (
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "days" INTEGER NOT NULL,
    "reachedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StreakMilestone_pkey" PRIMARY KEY ("teamId","userId","days")
);

-- CreateTable
CREATE TABLE "RoutineRequest" (
    "id" UUID NOT NULL,
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "channelId" TEXT,
    "text" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "areas" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "exerciseIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "seconds" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoutineRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Workspace_enterpriseId_idx" ON "Workspace"("enterpriseId");

-- CreateIndex
CREATE INDEX "Member_teamId_isManager_idx" ON "Member"("teamId", "isManager");

-- CreateIndex
CREATE INDEX "Schedule_active_idx" ON "Schedule"("active");

-- CreateIndex
CREATE UNIQUE INDEX "Schedule_teamId_targetKey_key" ON "Schedule"("teamId", "targetKey");

-- CreateIndex
CREATE INDEX "ChannelMember_teamId_userId_idx" ON "ChannelMember"("teamId", "userId");

-- CreateIndex
CREATE INDEX "Prompt_teamId_postedAt_idx" ON "Prompt"("teamId", "postedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Prompt_teamId_scheduleId_slotKey_target_key" ON "Prompt"("teamId", "scheduleId", "slotKey", "target");

-- CreateIndex
CREATE UNIQUE INDEX "Prompt_teamId_channelId_messageTs_key" ON "Prompt"("teamId", "channelId", "messageTs");

-- CreateIndex
CREATE INDEX "Delivery_teamId_userId_localDate_idx" ON "Delivery"("teamId", "userId", "localDate");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_promptId_userId_key" ON "Delivery"("promptId", "userId");

-- CreateIndex
CREATE INDEX "Completion_teamId_userId_localDate_idx" ON "Completion"("teamId", "userId", "localDate");

-- CreateIndex
CREATE INDEX "Completion_teamId_channelId_completedAt_idx" ON "Completion"("teamId", "channelId", "completedAt");

-- CreateIndex
CREATE INDEX "Completion_teamId_completedAt_idx" ON "Completion"("teamId", "completedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Completion_promptId_userId_key" ON "Completion"("promptId", "userId");

-- CreateIndex
CREATE INDEX "PromptReaction_teamId_userId_idx" ON "PromptReaction"("teamId", "userId");

-- CreateIndex
CREATE INDEX "ProcessedEvent_processedAt_idx" ON "ProcessedEvent"("processedAt");

-- CreateIndex
CREATE INDEX "RoutineRequest_teamId_userId_createdAt_idx" ON "RoutineRequest"("teamId", "userId", "createdAt");

-- CreateIndex
CREATE INDEX "RoutineRequest_teamId_createdAt_idx" ON "RoutineRequest"("teamId", "createdAt");

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Workspace"("teamId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Workspace"("teamId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Prompt" ADD CONSTRAINT "Prompt_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "Schedule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Completion" ADD CONSTRAINT "Completion_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

