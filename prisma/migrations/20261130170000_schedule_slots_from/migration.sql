-- AlterTable
ALTER TABLE "Schedule" ADD COLUMN     "slotsFrom" TIMESTAMP(3);


-- Existing schedules: nothing from before their last change
UPDATE "Schedule" SET "slotsFrom" = "updatedAt" WHERE "slotsFrom" IS NULL;
