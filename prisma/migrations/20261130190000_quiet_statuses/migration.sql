-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "quietStatuses" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "quietStatusesCustom" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "huddleExpiresAt" TIMESTAMP(3),
ADD COLUMN     "inHuddle" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "statusEmoji" TEXT,
ADD COLUMN     "statusEventAt" TIMESTAMP(3),
ADD COLUMN     "statusExpiresAt" TIMESTAMP(3),
ADD COLUMN     "statusText" TEXT;

-- CreateTable
CREATE TABLE "PromptHold" (
    "promptId" UUID NOT NULL,
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "heldAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PromptHold_pkey" PRIMARY KEY ("promptId")
);

-- CreateIndex
CREATE INDEX "PromptHold_teamId_userId_heldAt_idx" ON "PromptHold"("teamId", "userId", "heldAt");

-- AddForeignKey
ALTER TABLE "PromptHold" ADD CONSTRAINT "PromptHold_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

