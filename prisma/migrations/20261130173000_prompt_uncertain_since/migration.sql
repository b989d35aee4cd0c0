-- AlterTable
ALTER TABLE "Prompt" ADD COLUMN     "uncertainSince" TIMESTAMP(3);

