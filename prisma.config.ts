import "dotenv/config";
import "./prisma/cli-pg-types.ts";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// engine "js" + the pg adapter: no native engine download, so migrate works offline.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => new PrismaPg({ connectionString: requireDatabaseUrl() }),
});

function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (see .env.example)");
  return url;
}
