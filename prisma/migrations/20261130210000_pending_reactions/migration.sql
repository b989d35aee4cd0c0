-- CreateTable
CREATE TABLE "PendingReaction" (
    "eventId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "messageTs" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "reaction" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "itemUser" TEXT,
    "eventAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PendingReaction_pkey" PRIMARY KEY ("eventId")
);

-- CreateIndex
CREATE INDEX "PendingReaction_teamId_channelId_messageTs_idx" ON "PendingReaction"("teamId", "channelId", "messageTs");

-- CreateIndex
CREATE INDEX "PendingReaction_expiresAt_idx" ON "PendingReaction"("expiresAt");

-- CreateIndex
CREATE INDEX "PendingReaction_teamId_userId_idx" ON "PendingReaction"("teamId", "userId");

