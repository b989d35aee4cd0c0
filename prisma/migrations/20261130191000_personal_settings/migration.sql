-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "defaultLanguage" TEXT;

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "avoidAreas" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "intensity" TEXT NOT NULL DEFAULT 'standard',
ADD COLUMN     "language" TEXT,
ADD COLUMN     "preferredAreas" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "promptStyle" TEXT NOT NULL DEFAULT 'compact',
ADD COLUMN     "seatedOnly" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "slackLocale" TEXT,
ADD COLUMN     "tzOverride" TEXT;

