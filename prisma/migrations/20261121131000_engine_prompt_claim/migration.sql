-- Job engine: claim-before-post bookkeeping and look-up indexes for Prompt.

-- AlterTable
ALTER TABLE "Prompt" ADD COLUMN "claimedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Prompt_teamId_target_slotAt_idx" ON "Prompt"("teamId", "target", "slotAt");

-- CreateIndex
CREATE INDEX "Prompt_status_slotAt_idx" ON "Prompt"("status", "slotAt");

-- Ad-hoc prompts (/stretch now, Snooze) of a prompt without a schedule: the main unique key treats
-- NULL scheduleIds as distinct, so this keeps "one snooze per prompt and person" unique too.
-- Limited to the ad-hoc key prefixes so schedule deletion (scheduleId SET NULL) can never collide.
CREATE UNIQUE INDEX "Prompt_adhoc_teamId_slotKey_target_key" ON "Prompt"("teamId", "slotKey", "target")
  WHERE "scheduleId" IS NULL AND ("slotKey" LIKE 'snooze:%' OR "slotKey" LIKE 'now:%');
