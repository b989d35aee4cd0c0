-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "dndCheckedAt" TIMESTAMP(3),
ADD COLUMN     "dndEnabled" BOOLEAN,
ADD COLUMN     "dndNextEndAt" TIMESTAMP(3),
ADD COLUMN     "dndNextStartAt" TIMESTAMP(3);

